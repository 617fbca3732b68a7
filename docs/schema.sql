CREATE VIEW lead_current AS
SELECT l.*,
       s.run_id        AS score_run_id,
       s.current_icp   AS score_icp,
       s.current_score AS score,
       s.current_tier  AS tier,
       (SELECT count(*) FROM lead_snapshots ls WHERE ls.lead_id = l.id) AS snapshots
FROM leads l
LEFT JOIN run_scores s
       ON s.lead_id = l.id
      AND s.run_id = (SELECT max(s2.run_id) FROM run_scores s2
                      JOIN runs ru ON ru.id = s2.run_id AND ru.status = 'completed'
                      WHERE s2.lead_id = l.id);

CREATE VIEW lead_scores AS
SELECT s.run_id, s.lead_id, s.dismissed_at, s.baseline_icp, s.baseline_score, s.baseline_tier, s.current_icp,
       s.current_score, s.current_tier, b.json AS baseline_explanation, c.json AS current_explanation
FROM run_scores s
JOIN explanations b ON b.id = s.baseline_explanation_id
JOIN explanations c ON c.id = s.current_explanation_id;

CREATE VIEW revived_latest AS
SELECT r.run_id, r.rank, l.source, l.object, l.crm_id, coalesce(l.company, a.company) AS company, l.owner,
       l.lifecycle, l.dismissed_at, r.baseline_icp, r.baseline_score, r.baseline_tier, r.current_icp,
       r.score, r.tier, r.delta, r.reasons, r.is_new, l.id AS lead_id,
       coalesce(l.industry, a.industry) AS industry, coalesce(l.country, a.country) AS country,
       coalesce(l.employees_low, a.employees_low) AS employees_low,
       coalesce(l.employees_high, a.employees_high) AS employees_high,
       l.lost_reason, l.status, a.crm_id AS account_crm_id
FROM revived_opportunities r
JOIN leads l ON l.id = r.lead_id
LEFT JOIN accounts a ON a.id = l.account_id
WHERE r.run_id = (SELECT max(id) FROM runs WHERE status = 'completed')
ORDER BY r.rank;

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
    last_import_id      INTEGER REFERENCES imports(id),
    UNIQUE (source, object, crm_id)
);

CREATE TABLE explanations (
    id      INTEGER PRIMARY KEY,
    digest  BLOB UNIQUE,                         -- 16 bytes; NULL for explanations moved from older runs
    json    TEXT NOT NULL                        -- {"icp", "score", "tier", "outcomes": [{kind, id, field, verdict, value, points}]}
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

CREATE TABLE imports (
    id              INTEGER PRIMARY KEY,
    file_name       TEXT NOT NULL,
    sha256          TEXT NOT NULL UNIQUE,
    preset          TEXT NOT NULL,               -- what read it: "salesforce Lead", a mapping file
    source          TEXT NOT NULL,               -- salesforce | hubspot | pipedrive | a mapping's source
    object          TEXT NOT NULL,               -- the CRM object: Lead, Opportunity, deals, …
    kind            TEXT NOT NULL CHECK (kind IN ('leads', 'accounts')),
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

CREATE TABLE lead_snapshots (
    id              INTEGER PRIMARY KEY,
    lead_id         INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    observed_at     TEXT NOT NULL,
    import_id       INTEGER NOT NULL REFERENCES imports(id),
    data            TEXT NOT NULL,
    data_hash       TEXT NOT NULL
);

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
    last_import_id      INTEGER REFERENCES imports(id),
    UNIQUE (source, object, crm_id)
);

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
    reasons         TEXT NOT NULL,               -- JSON array of {kind, id, points_before, points_after, detail}
    is_new          INTEGER NOT NULL CHECK (is_new IN (0, 1)),
    UNIQUE (run_id, lead_id)
);

CREATE TABLE run_scores (
    run_id                  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    lead_id                 INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    dismissed_at            TEXT,
    baseline_icp            TEXT NOT NULL,
    baseline_score          REAL NOT NULL,
    baseline_tier           TEXT,
    current_icp             TEXT NOT NULL,
    current_score           REAL NOT NULL,
    current_tier            TEXT,
    baseline_explanation_id INTEGER NOT NULL,    -- explanations.id
    current_explanation_id  INTEGER NOT NULL,    -- explanations.id
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
, excluded TEXT NOT NULL DEFAULT '{}');

CREATE TABLE schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
);

CREATE INDEX accounts_by_company_key ON accounts(source, company_key);

CREATE INDEX accounts_by_domain ON accounts(source, domain);

CREATE INDEX icp_versions_by_effective ON icp_versions(effective);

CREATE INDEX import_rejects_by_import ON import_rejects(import_id, line);

CREATE INDEX lead_snapshots_by_lead ON lead_snapshots(lead_id, observed_at);

CREATE INDEX leads_by_account ON leads(account_id);

CREATE INDEX leads_by_account_crm_id ON leads(source, account_crm_id);

CREATE INDEX leads_candidates ON leads(lifecycle, dismissed_at);

CREATE INDEX revived_by_rank ON revived_opportunities(run_id, rank);

CREATE INDEX run_scores_by_lead ON run_scores(lead_id, run_id);

CREATE INDEX runs_latest ON runs(status, id);
