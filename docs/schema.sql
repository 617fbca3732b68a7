CREATE VIEW latest_run AS
SELECT id AS run_id FROM runs WHERE status = 'completed' ORDER BY as_of DESC, id DESC LIMIT 1;

CREATE VIEW lead_current AS
SELECT l.*,
       CASE WHEN h.lead_id IS NOT NULL
            THEN coalesce(h.last_run_id, (SELECT max(id) FROM runs WHERE status = 'completed')) END AS score_run_id,
       h.current_icp   AS score_icp,
       h.current_score AS score,
       h.current_tier  AS tier,
       1 + (SELECT count(*) FROM lead_history lh WHERE lh.lead_id = l.id) AS snapshots
FROM leads l
LEFT JOIN score_history h
       ON h.lead_id = l.id
      AND h.first_run_id = (SELECT max(h2.first_run_id) FROM score_history h2
                            WHERE h2.lead_id = l.id AND h2.first_run_id <= (SELECT run_id FROM latest_run));

CREATE VIEW lead_scores AS
SELECT r.id AS run_id, h.lead_id, h.dismissed_at, h.baseline_icp, h.baseline_state_id, h.baseline_score, h.baseline_tier,
       h.current_icp, h.current_state_id, h.current_score, h.current_tier
FROM score_history h
JOIN runs r ON r.id >= h.first_run_id
           AND r.id <= coalesce(h.last_run_id, (SELECT max(id) FROM runs WHERE status = 'completed'))
           AND r.status = 'completed' AND r.scores_kept;

CREATE VIEW lead_snapshots AS
SELECT id AS lead_id, state_id, observed_at, NULL AS superseded_at, company, domain, industry, industry_code, employees_low, employees_high, annual_revenue_low, annual_revenue_high, country, region, city, business_model, technologies, funding_stage, last_funding_at, owner, created_at, last_activity_at, modified_at, attributes, account_crm_id, title, email, lead_source, status, lifecycle, lost_reason, closed_at, amount, unreadable FROM leads
UNION ALL
SELECT lead_id, state_id, observed_at, superseded_at, company, domain, industry, industry_code, employees_low, employees_high, annual_revenue_low, annual_revenue_high, country, region, city, business_model, technologies, funding_stage, last_funding_at, owner, created_at, last_activity_at, modified_at, attributes, account_crm_id, title, email, lead_source, status, lifecycle, lost_reason, closed_at, amount, unreadable FROM lead_history;

CREATE VIEW revived_accounts AS
SELECT account_id, source, object, account_crm_id, company, revived_leads, best_rank, best_score, best_tier, reason_kinds, run_id
FROM revived_accounts_by_run WHERE run_id = (SELECT run_id FROM latest_run)
ORDER BY best_score DESC, revived_leads DESC, best_rank;

CREATE VIEW revived_accounts_by_run AS
SELECT v.run_id, a.id AS account_id, a.source, a.object, a.crm_id AS account_crm_id, v.company,
       count(*) AS revived_leads, min(v.rank) AS best_rank, v.score AS best_score, v.tier AS best_tier,
       (SELECT json_group_array(kind) FROM (
            SELECT DISTINCT x.kind FROM revival_reasons x JOIN leads l3 ON l3.id = x.lead_id
            WHERE x.run_id = v.run_id AND l3.account_id = a.id ORDER BY x.kind)) AS reason_kinds
FROM revived_by_run v
JOIN leads l ON l.id = v.lead_id
JOIN accounts a ON a.id = l.account_id
GROUP BY v.run_id, a.id;

CREATE VIEW revived_by_run AS
SELECT r.run_id, r.rank, l.source, l.object, l.crm_id,
       CASE WHEN l.state_id = h.current_state_id THEN l.company WHEN lh.state_id IS NOT NULL THEN lh.company ELSE coalesce(l.company, a.company) END AS company,
       coalesce((SELECT o.name FROM owners o WHERE o.source = l.source AND o.crm_id = CASE WHEN l.state_id = h.current_state_id THEN l.owner WHEN lh.state_id IS NOT NULL THEN lh.owner ELSE l.owner END), CASE WHEN l.state_id = h.current_state_id THEN l.owner WHEN lh.state_id IS NOT NULL THEN lh.owner ELSE l.owner END) AS owner,
       CASE WHEN l.state_id = h.current_state_id THEN l.lifecycle WHEN lh.state_id IS NOT NULL THEN lh.lifecycle ELSE l.lifecycle END AS lifecycle,
       CASE WHEN h.lead_id IS NOT NULL THEN h.dismissed_at ELSE l.dismissed_at END AS dismissed_at,
       r.baseline_icp, r.baseline_score, r.baseline_tier, r.current_icp,
       r.score, r.tier, r.delta,
       (SELECT json_group_array(json_object('kind', x.kind, 'id', x.id, 'points_before', x.points_before,
                                            'points_after', x.points_after, 'detail', x.detail, 'field', x.field,
                                            'value_before', x.value_before, 'value_after', x.value_after))
        FROM (SELECT * FROM revival_reasons x WHERE x.run_id = r.run_id AND x.lead_id = r.lead_id ORDER BY x.seq) x) AS reasons,
       r.is_new, l.id AS lead_id,
       CASE WHEN l.state_id = h.current_state_id THEN l.industry WHEN lh.state_id IS NOT NULL THEN lh.industry ELSE coalesce(l.industry, a.industry) END AS industry,
       CASE WHEN l.state_id = h.current_state_id THEN l.country WHEN lh.state_id IS NOT NULL THEN lh.country ELSE coalesce(l.country, a.country) END AS country,
       CASE WHEN l.state_id = h.current_state_id THEN l.employees_low WHEN lh.state_id IS NOT NULL THEN lh.employees_low ELSE coalesce(l.employees_low, a.employees_low) END AS employees_low,
       CASE WHEN l.state_id = h.current_state_id THEN l.employees_high WHEN lh.state_id IS NOT NULL THEN lh.employees_high ELSE coalesce(l.employees_high, a.employees_high) END AS employees_high,
       CASE WHEN l.state_id = h.current_state_id THEN l.lost_reason WHEN lh.state_id IS NOT NULL THEN lh.lost_reason ELSE l.lost_reason END AS lost_reason,
       CASE WHEN l.state_id = h.current_state_id THEN l.status WHEN lh.state_id IS NOT NULL THEN lh.status ELSE l.status END AS status,
       coalesce(a.crm_id, CASE WHEN l.state_id = h.current_state_id THEN l.account_crm_id WHEN lh.state_id IS NOT NULL THEN lh.account_crm_id ELSE l.account_crm_id END) AS account_crm_id,
       h.current_state_id AS state_id
FROM revived_opportunities r
JOIN leads l ON l.id = r.lead_id
LEFT JOIN score_history h
       ON h.lead_id = r.lead_id
      AND h.first_run_id = (SELECT max(h2.first_run_id) FROM score_history h2 WHERE h2.lead_id = r.lead_id AND h2.first_run_id <= r.run_id)
LEFT JOIN lead_history lh ON lh.lead_id = r.lead_id AND lh.state_id = h.current_state_id AND l.state_id != h.current_state_id
LEFT JOIN accounts a ON a.id = l.account_id;

CREATE VIEW revived_latest AS
SELECT * FROM revived_by_run WHERE run_id = (SELECT run_id FROM latest_run) ORDER BY rank;

CREATE TABLE accounts (
    id                  INTEGER PRIMARY KEY,
    source              TEXT NOT NULL,
    object              TEXT NOT NULL,
    crm_id              TEXT NOT NULL,
    company             TEXT,
    company_key         TEXT,                    -- normalised company name, for linking leads
    domain              TEXT,
    industry            TEXT,
    employees_low       INTEGER,
    employees_high      INTEGER,
    annual_revenue_low  REAL,
    annual_revenue_high REAL,
    country             TEXT,                    -- ISO 3166 alpha-2
    region              TEXT,
    city                TEXT,
    business_model      TEXT,
    technologies        TEXT,                    -- JSON array
    funding_stage       TEXT,
    last_funding_at     TEXT,
    owner               TEXT,
    created_at          TEXT,
    last_activity_at    TEXT,
    modified_at         TEXT,
    attributes          TEXT NOT NULL DEFAULT '{}',
    observed_at         TEXT NOT NULL,           -- the export date these values come from
    data_hash           TEXT NOT NULL,           -- of the normalised record: unchanged rows are skipped
    first_import_id     INTEGER REFERENCES imports(id),
    last_import_id      INTEGER REFERENCES imports(id), unreadable TEXT NOT NULL DEFAULT '{}', import_line INTEGER, line_hash INTEGER, industry_code TEXT,
    UNIQUE (source, object, crm_id)
);

CREATE TABLE icp_versions (
    id              INTEGER PRIMARY KEY,
    label           TEXT NOT NULL UNIQUE,
    effective       TEXT NOT NULL,
    description     TEXT,
    source_text     TEXT NOT NULL,               -- the YAML file as registered
    canonical_json  TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    registered_at   TEXT NOT NULL
);

CREATE TABLE import_rejects (
    id              INTEGER PRIMARY KEY,
    import_id       INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    line            INTEGER NOT NULL,
    reason          TEXT NOT NULL,
    raw             TEXT NOT NULL
);

CREATE TABLE "imports" (
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
, bytes INTEGER);

CREATE TABLE lead_history (
    state_id            INTEGER PRIMARY KEY,
    lead_id             INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    observed_at         TEXT NOT NULL,           -- the export date this state was first seen
    superseded_at       TEXT NOT NULL,           -- the date of the state that followed it
    import_id           INTEGER REFERENCES imports(id),
    company             TEXT,
    domain              TEXT,
    industry            TEXT,
    employees_low       INTEGER,
    employees_high      INTEGER,
    annual_revenue_low  REAL,
    annual_revenue_high REAL,
    country             TEXT,
    region              TEXT,
    city                TEXT,
    business_model      TEXT,
    technologies        TEXT,
    funding_stage       TEXT,
    last_funding_at     TEXT,
    owner               TEXT,
    created_at          TEXT,
    last_activity_at    TEXT,
    modified_at         TEXT,
    attributes          TEXT NOT NULL DEFAULT '{}',
    account_crm_id      TEXT,
    title               TEXT,
    email               TEXT,
    lead_source         TEXT,
    status              TEXT,
    lifecycle           TEXT NOT NULL,
    lost_reason         TEXT,
    closed_at           TEXT,
    from_account        INTEGER NOT NULL DEFAULT 0,
    account_attribute_keys TEXT,
    state_hash          TEXT NOT NULL DEFAULT ''
, amount REAL, unreadable TEXT NOT NULL DEFAULT '{}', industry_code TEXT);

CREATE TABLE leads (
    id                  INTEGER PRIMARY KEY,
    source              TEXT NOT NULL,
    object              TEXT NOT NULL,
    crm_id              TEXT NOT NULL,
    account_crm_id      TEXT,
    account_id          INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    company             TEXT,
    company_key         TEXT,
    domain              TEXT,
    industry            TEXT,
    employees_low       INTEGER,
    employees_high      INTEGER,
    annual_revenue_low  REAL,
    annual_revenue_high REAL,
    country             TEXT,
    region              TEXT,
    city                TEXT,
    business_model      TEXT,
    technologies        TEXT,
    funding_stage       TEXT,
    last_funding_at     TEXT,
    title               TEXT,
    email               TEXT,
    owner               TEXT,
    lead_source         TEXT,
    status              TEXT,                    -- the raw CRM status or stage
    lifecycle           TEXT NOT NULL CHECK (lifecycle IN ('open', 'won', 'lost', 'disqualified')),
    lost_reason         TEXT,
    created_at          TEXT,
    last_activity_at    TEXT,
    closed_at           TEXT,
    modified_at         TEXT,
    -- When the lead was dropped: close date, else last activity, else last modified.
    dismissed_at        TEXT GENERATED ALWAYS AS (
                            CASE WHEN lifecycle IN ('lost', 'disqualified')
                                 THEN coalesce(closed_at, last_activity_at, modified_at, created_at)
                                 ELSE coalesce(last_activity_at, modified_at, created_at) END
                        ) VIRTUAL,
    attributes          TEXT NOT NULL DEFAULT '{}',
    observed_at         TEXT NOT NULL,
    data_hash           TEXT NOT NULL,
    first_import_id     INTEGER REFERENCES imports(id),
    last_import_id      INTEGER REFERENCES imports(id), state_id INTEGER, state_hash TEXT NOT NULL DEFAULT '', from_account INTEGER NOT NULL DEFAULT 0, account_attribute_keys TEXT, amount REAL, unreadable TEXT NOT NULL DEFAULT '{}', import_line INTEGER, line_hash INTEGER, industry_code TEXT,
    UNIQUE (source, object, crm_id)
);

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

CREATE TABLE revival_reasons (
    run_id          INTEGER NOT NULL,
    lead_id         INTEGER NOT NULL,
    seq             INTEGER NOT NULL,            -- the reason's place in the lead's list, from 1
    kind            TEXT NOT NULL CHECK (kind IN ('icp_change', 'data_change', 'trigger', 'lost_reason_resolved')),
    id              TEXT NOT NULL,               -- the criterion, trigger or disqualifier (lost_reason for a resolved one)
    field           TEXT,
    points_before   NUMERIC NOT NULL,
    points_after    NUMERIC NOT NULL,
    value_before    TEXT,
    value_after     TEXT,
    detail          TEXT NOT NULL,
    PRIMARY KEY (run_id, lead_id, seq),
    FOREIGN KEY (run_id, lead_id) REFERENCES revived_opportunities(run_id, lead_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE "revived_opportunities" (
    run_id          INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    lead_id         INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    rank            INTEGER NOT NULL,
    baseline_icp    TEXT NOT NULL,
    baseline_score  REAL NOT NULL,
    baseline_tier   TEXT,
    current_icp     TEXT NOT NULL,
    score           REAL NOT NULL,
    tier            TEXT NOT NULL,
    delta           REAL NOT NULL,
    is_new          INTEGER NOT NULL CHECK (is_new IN (0, 1)),
    UNIQUE (run_id, lead_id)
);

CREATE TABLE runs (
    id              INTEGER PRIMARY KEY,
    status          TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    as_of           TEXT NOT NULL,
    since           TEXT,
    icp_version     TEXT NOT NULL,
    dormant_after   INTEGER NOT NULL,
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    candidates      INTEGER NOT NULL DEFAULT 0,
    evaluated       INTEGER NOT NULL DEFAULT 0,
    revived         INTEGER NOT NULL DEFAULT 0,
    new_revived     INTEGER NOT NULL DEFAULT 0,
    by_reason       TEXT NOT NULL DEFAULT '{}',  -- JSON: reason kind → revived leads with it
    seconds         REAL,
    error           TEXT
, excluded TEXT NOT NULL DEFAULT '{}', unknown_by_criterion TEXT NOT NULL DEFAULT '{}', enrich TEXT NOT NULL DEFAULT '{}', scores_kept INTEGER NOT NULL DEFAULT 1, unreadable TEXT);

CREATE TABLE schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
);

CREATE TABLE "score_history" (
    lead_id             INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    first_run_id        INTEGER NOT NULL,        -- the first completed run of the stretch
    last_run_id         INTEGER,                 -- the last completed run of the stretch; NULL while it is current
    dismissed_at        TEXT,
    baseline_icp        TEXT NOT NULL,
    baseline_state_id   INTEGER,                 -- the state the baseline was judged on (lead_snapshots.state_id)
    baseline_score      REAL NOT NULL,
    baseline_tier       TEXT,
    current_icp         TEXT NOT NULL,
    current_state_id    INTEGER,                 -- the state the current score was judged on
    current_score       REAL NOT NULL,
    current_tier        TEXT,
    PRIMARY KEY (lead_id, first_run_id)
) WITHOUT ROWID;

CREATE TABLE state_sequence (next_state_id INTEGER NOT NULL);

CREATE TABLE worth_enriching (
    run_id          INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    lead_id         INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    rank            INTEGER NOT NULL,
    fields          TEXT NOT NULL,               -- the fields to fill, comma-separated: employees, technologies
    gain            NUMERIC NOT NULL,            -- the most points filling them could add
    tier            TEXT NOT NULL,               -- the tier the lead would reach
    PRIMARY KEY (run_id, rank)
) WITHOUT ROWID;

CREATE INDEX accounts_by_company_key ON accounts(source, company_key);

CREATE INDEX accounts_by_domain ON accounts(source, domain);

CREATE INDEX accounts_with_unreadable ON accounts(id) WHERE unreadable != '{}';

CREATE INDEX icp_versions_by_effective ON icp_versions(effective);

CREATE INDEX import_rejects_by_import ON import_rejects(import_id, line);

CREATE INDEX lead_history_by_lead ON lead_history(lead_id, observed_at, state_id);

CREATE INDEX leads_by_account ON leads(account_id);

CREATE INDEX leads_by_account_crm_id ON leads(source, account_crm_id);

CREATE INDEX leads_waiting_by_company_key ON leads(source, company_key) WHERE account_id IS NULL AND account_crm_id IS NULL;

CREATE INDEX leads_waiting_by_domain ON leads(source, domain) WHERE account_id IS NULL AND account_crm_id IS NULL;

CREATE INDEX leads_with_unreadable ON leads(id) WHERE unreadable != '{}';

CREATE INDEX revived_by_rank ON revived_opportunities(run_id, rank);

CREATE INDEX runs_latest ON runs(status, id);
