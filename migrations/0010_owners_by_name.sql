-- Owners by name. Salesforce exports carry `OwnerId` (`005…`); a Salesforce `User` export
-- (Id, Name or FirstName and LastName, Email) now imports into `owners`, and reports and
-- `revived_latest` show an owner's name wherever an import named them. HubSpot and Pipedrive
-- exports carry the name already. `imports.kind` gains `owners`: SQLite changes a CHECK
-- constraint only by rebuilding the table, which the migrator does with foreign keys off and
-- checked afterwards.
CREATE TABLE owners (
    id              INTEGER PRIMARY KEY,
    source          TEXT NOT NULL,
    crm_id          TEXT NOT NULL,               -- the id leads name in `owner` (Salesforce OwnerId)
    name            TEXT,
    email           TEXT,
    first_import_id INTEGER REFERENCES imports(id),
    last_import_id  INTEGER REFERENCES imports(id),
    import_line     INTEGER,
    UNIQUE (source, crm_id)
);

DROP VIEW revived_latest;
CREATE TABLE imports_new (
    id              INTEGER PRIMARY KEY,
    file_name       TEXT NOT NULL,
    sha256          TEXT NOT NULL UNIQUE,
    preset          TEXT NOT NULL,               -- what read it: "salesforce Lead", a mapping file
    source          TEXT NOT NULL,               -- salesforce | hubspot | pipedrive | a mapping's source
    object          TEXT NOT NULL,               -- the CRM object: Lead, Opportunity, deals, …
    kind            TEXT NOT NULL CHECK (kind IN ('leads', 'accounts', 'owners')),
    encoding        TEXT NOT NULL,               -- utf-8 | windows-1252
    observed_at     TEXT NOT NULL,               -- the date the export describes (--observed-at)
    imported_at     TEXT NOT NULL,
    rows_read       INTEGER NOT NULL DEFAULT 0,
    inserted        INTEGER NOT NULL DEFAULT 0,
    updated         INTEGER NOT NULL DEFAULT 0,
    unchanged       INTEGER NOT NULL DEFAULT 0,
    rejected        INTEGER NOT NULL DEFAULT 0,
    deleted         INTEGER NOT NULL DEFAULT 0,  -- rows the CRM marks deleted (IsDeleted = 1), skipped
    snapshots       INTEGER NOT NULL DEFAULT 0,
    unreadable      TEXT NOT NULL DEFAULT '{}',  -- JSON: column → count of values that could not be read
    seconds         REAL
);
INSERT INTO imports_new SELECT * FROM imports;
DROP TABLE imports;
ALTER TABLE imports_new RENAME TO imports;

-- The latest completed run's revived leads, ranked, with their reasons as a JSON array and
-- their owner by name where an import named them.
CREATE VIEW revived_latest AS
SELECT r.run_id, r.rank, l.source, l.object, l.crm_id, coalesce(l.company, a.company) AS company,
       coalesce((SELECT o.name FROM owners o WHERE o.source = l.source AND o.crm_id = l.owner), l.owner) AS owner,
       l.lifecycle, l.dismissed_at, r.baseline_icp, r.baseline_score, r.baseline_tier, r.current_icp,
       r.score, r.tier, r.delta,
       (SELECT json_group_array(json_object('kind', x.kind, 'id', x.id, 'points_before', x.points_before,
                                            'points_after', x.points_after, 'detail', x.detail, 'field', x.field,
                                            'value_before', x.value_before, 'value_after', x.value_after))
        FROM (SELECT * FROM revival_reasons x WHERE x.run_id = r.run_id AND x.lead_id = r.lead_id ORDER BY x.seq) x) AS reasons,
       r.is_new, l.id AS lead_id,
       coalesce(l.industry, a.industry) AS industry, coalesce(l.country, a.country) AS country,
       coalesce(l.employees_low, a.employees_low) AS employees_low,
       coalesce(l.employees_high, a.employees_high) AS employees_high,
       l.lost_reason, l.status, a.crm_id AS account_crm_id
FROM revived_opportunities r
JOIN leads l ON l.id = r.lead_id
LEFT JOIN accounts a ON a.id = l.account_id
WHERE r.run_id = (SELECT max(id) FROM runs WHERE status = 'completed')
ORDER BY r.rank;
