-- Lead states, typed, each written once.
--
-- Every state of a lead was a JSON snapshot (its keys repeated in every row) beside a typed
-- `leads` row of its own values: two copies of each record, four codecs. Now a lead's newest
-- state (its own values filled from its account: what the run judges) is its `leads` row, and
-- each earlier state is a `lead_history` row with the same typed columns and the dates it held.
-- A state keeps its `state_id` (the snapshot's id, for the ones moved here) when it moves to
-- history, so `score_history` still names the states its runs judged. `from_account` (one bit
-- per field, in the order of `LeadRecord.filled(from:)`) and `account_attribute_keys` (the
-- attribute keys the account gave, separated by U+001F) say which values came from the account,
-- so the state can be filled again when the account changes. `lead_snapshots` becomes a view of
-- every state. `state_hash` is the stored state's content hash and `data_hash` the lead's own
-- values'; both are left empty here and recomputed from the row the first time an import
-- compares them.
DROP VIEW lead_current;

ALTER TABLE leads ADD COLUMN state_id INTEGER;
ALTER TABLE leads ADD COLUMN state_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN from_account INTEGER NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN account_attribute_keys TEXT;

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
);
CREATE INDEX lead_history_by_lead ON lead_history(lead_id, observed_at, state_id);

-- The next state id: one counter, read and written once per import.
CREATE TABLE state_sequence (next_state_id INTEGER NOT NULL);
INSERT INTO state_sequence SELECT coalesce(max(id), 0) + 1 FROM lead_snapshots;

-- Every snapshot but each lead's newest becomes history, superseded by the one after it.
INSERT INTO lead_history(state_id, lead_id, observed_at, superseded_at, import_id, company, domain, industry, employees_low, employees_high, annual_revenue_low, annual_revenue_high, country, region, city, business_model, technologies, funding_stage, last_funding_at, owner, created_at, last_activity_at, modified_at, attributes, account_crm_id, title, email, lead_source, status, lifecycle, lost_reason, closed_at)
SELECT id, lead_id, observed_at, next_observed_at, import_id, json_extract(data, '$.company'), json_extract(data, '$.domain'), json_extract(data, '$.industry'), json_extract(data, '$.employees_low'), json_extract(data, '$.employees_high'), json_extract(data, '$.annual_revenue_low'), json_extract(data, '$.annual_revenue_high'), json_extract(data, '$.country'), json_extract(data, '$.region'), json_extract(data, '$.city'), json_extract(data, '$.business_model'), json_extract(data, '$.technologies'), json_extract(data, '$.funding_stage'), json_extract(data, '$.last_funding_at'), json_extract(data, '$.owner'), json_extract(data, '$.created_at'), json_extract(data, '$.last_activity_at'), json_extract(data, '$.modified_at'), json_extract(data, '$.attributes'), json_extract(data, '$.account_id'), json_extract(data, '$.title'), json_extract(data, '$.email'), json_extract(data, '$.lead_source'), json_extract(data, '$.status'), json_extract(data, '$.lifecycle'), json_extract(data, '$.lost_reason'), json_extract(data, '$.closed_at')
FROM (SELECT s.*, lead(s.observed_at) OVER (PARTITION BY s.lead_id ORDER BY s.observed_at, s.id) AS next_observed_at,
             row_number() OVER (PARTITION BY s.lead_id ORDER BY s.observed_at DESC, s.id DESC) AS newest
      FROM lead_snapshots s)
WHERE newest > 1;

-- Each lead's newest snapshot becomes its row: the merged values, and which came from the account.
UPDATE leads SET
    state_id = n.id,
    observed_at = n.observed_at,
    from_account = (CASE WHEN leads.company IS NULL AND json_extract(n.data, '$.company') IS NOT NULL THEN 1 ELSE 0 END) | (CASE WHEN leads.domain IS NULL AND json_extract(n.data, '$.domain') IS NOT NULL THEN 2 ELSE 0 END) | (CASE WHEN leads.industry IS NULL AND json_extract(n.data, '$.industry') IS NOT NULL THEN 4 ELSE 0 END) | (CASE WHEN leads.employees_low IS NULL AND json_extract(n.data, '$.employees_low') IS NOT NULL THEN 8 ELSE 0 END) | (CASE WHEN leads.annual_revenue_low IS NULL AND json_extract(n.data, '$.annual_revenue_low') IS NOT NULL THEN 16 ELSE 0 END) | (CASE WHEN leads.country IS NULL AND json_extract(n.data, '$.country') IS NOT NULL THEN 32 ELSE 0 END) | (CASE WHEN leads.region IS NULL AND json_extract(n.data, '$.region') IS NOT NULL THEN 64 ELSE 0 END) | (CASE WHEN leads.city IS NULL AND json_extract(n.data, '$.city') IS NOT NULL THEN 128 ELSE 0 END) | (CASE WHEN leads.business_model IS NULL AND json_extract(n.data, '$.business_model') IS NOT NULL THEN 256 ELSE 0 END) | (CASE WHEN leads.technologies IS NULL AND json_extract(n.data, '$.technologies') IS NOT NULL THEN 512 ELSE 0 END) | (CASE WHEN leads.funding_stage IS NULL AND json_extract(n.data, '$.funding_stage') IS NOT NULL THEN 1024 ELSE 0 END) | (CASE WHEN leads.last_funding_at IS NULL AND json_extract(n.data, '$.last_funding_at') IS NOT NULL THEN 2048 ELSE 0 END),
    account_attribute_keys = (SELECT group_concat(a.key, char(31)) FROM json_each(n.data, '$.attributes') a
                              WHERE NOT EXISTS (SELECT 1 FROM json_each(leads.attributes) o WHERE o.key = a.key)),
    company = json_extract(n.data, '$.company'),
    domain = json_extract(n.data, '$.domain'),
    industry = json_extract(n.data, '$.industry'),
    employees_low = json_extract(n.data, '$.employees_low'),
    employees_high = json_extract(n.data, '$.employees_high'),
    annual_revenue_low = json_extract(n.data, '$.annual_revenue_low'),
    annual_revenue_high = json_extract(n.data, '$.annual_revenue_high'),
    country = json_extract(n.data, '$.country'),
    region = json_extract(n.data, '$.region'),
    city = json_extract(n.data, '$.city'),
    business_model = json_extract(n.data, '$.business_model'),
    technologies = json_extract(n.data, '$.technologies'),
    funding_stage = json_extract(n.data, '$.funding_stage'),
    last_funding_at = json_extract(n.data, '$.last_funding_at'),
    owner = json_extract(n.data, '$.owner'),
    created_at = json_extract(n.data, '$.created_at'),
    last_activity_at = json_extract(n.data, '$.last_activity_at'),
    modified_at = json_extract(n.data, '$.modified_at'),
    attributes = coalesce(json_extract(n.data, '$.attributes'), '{}'),
    account_crm_id = json_extract(n.data, '$.account_id'),
    title = json_extract(n.data, '$.title'),
    email = json_extract(n.data, '$.email'),
    lead_source = json_extract(n.data, '$.lead_source'),
    status = json_extract(n.data, '$.status'),
    lost_reason = json_extract(n.data, '$.lost_reason'),
    closed_at = json_extract(n.data, '$.closed_at'),
    lifecycle = coalesce(json_extract(n.data, '$.lifecycle'), leads.lifecycle),
    data_hash = ''
FROM (SELECT lead_id, id, observed_at, data
      FROM (SELECT s.*, row_number() OVER (PARTITION BY s.lead_id ORDER BY s.observed_at DESC, s.id DESC) AS newest FROM lead_snapshots s)
      WHERE newest = 1) AS n
WHERE n.lead_id = leads.id;
UPDATE accounts SET data_hash = '';

DROP TABLE lead_snapshots;

-- Every state of every lead: the current one (superseded_at NULL) and the earlier ones.
CREATE VIEW lead_snapshots AS
SELECT id AS lead_id, state_id, observed_at, NULL AS superseded_at, company, domain, industry, employees_low, employees_high, annual_revenue_low, annual_revenue_high, country, region, city, business_model, technologies, funding_stage, last_funding_at, owner, created_at, last_activity_at, modified_at, attributes, account_crm_id, title, email, lead_source, status, lifecycle, lost_reason, closed_at FROM leads
UNION ALL
SELECT lead_id, state_id, observed_at, superseded_at, company, domain, industry, employees_low, employees_high, annual_revenue_low, annual_revenue_high, country, region, city, business_model, technologies, funding_stage, last_funding_at, owner, created_at, last_activity_at, modified_at, attributes, account_crm_id, title, email, lead_source, status, lifecycle, lost_reason, closed_at FROM lead_history;

-- One row per lead: its newest data and its score in the latest completed run that scored it.
CREATE VIEW lead_current AS
SELECT l.*,
       h.last_run_id   AS score_run_id,
       h.current_icp   AS score_icp,
       h.current_score AS score,
       h.current_tier  AS tier,
       1 + (SELECT count(*) FROM lead_history lh WHERE lh.lead_id = l.id) AS snapshots
FROM leads l
LEFT JOIN score_history h
       ON h.lead_id = l.id
      AND h.first_run_id = (SELECT max(h2.first_run_id) FROM score_history h2 WHERE h2.lead_id = l.id);
