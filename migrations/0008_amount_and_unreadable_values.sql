-- The deal's value (`amount`, a canonical field), the line a record was read from (`import_line`),
-- and the raw text of every value an import could
-- not read (`unreadable`, JSON: export column → text, as `{"Country": "CHINA"}`), so a user can fix
-- a mapping or the CRM; before, only their count per column was kept. Older rows get {} (their
-- unreadable text was not kept).
DROP VIEW lead_current;
DROP VIEW lead_snapshots;
ALTER TABLE leads ADD COLUMN amount REAL;
ALTER TABLE leads ADD COLUMN unreadable TEXT NOT NULL DEFAULT '{}';
ALTER TABLE lead_history ADD COLUMN amount REAL;
ALTER TABLE lead_history ADD COLUMN unreadable TEXT NOT NULL DEFAULT '{}';
ALTER TABLE accounts ADD COLUMN unreadable TEXT NOT NULL DEFAULT '{}';
-- The line of its last import's file a record was read from: where to find it in the export, and
-- how an id the file repeats is found (the later row is rejected, naming this line).
ALTER TABLE leads ADD COLUMN import_line INTEGER;
ALTER TABLE accounts ADD COLUMN import_line INTEGER;
-- Deals imported before this had their value in `attributes`: it moves into its column.
UPDATE leads SET amount = CAST(json_extract(attributes, '$.Amount') AS REAL), attributes = json_remove(attributes, '$.Amount')
WHERE ((source = 'salesforce' AND object = 'Opportunity') OR (source = 'hubspot' AND object = 'deals'))
  AND json_extract(attributes, '$.Amount') GLOB '[0-9]*' AND json_extract(attributes, '$.Amount') NOT GLOB '*[^0-9.]*';
UPDATE leads SET amount = CAST(json_extract(attributes, '$."Deal - Value"') AS REAL), attributes = json_remove(attributes, '$."Deal - Value"')
WHERE source = 'pipedrive' AND object = 'deals'
  AND json_extract(attributes, '$."Deal - Value"') GLOB '[0-9]*' AND json_extract(attributes, '$."Deal - Value"') NOT GLOB '*[^0-9.]*';

-- Every state of every lead: the current one (superseded_at NULL) and the earlier ones.
CREATE VIEW lead_snapshots AS
SELECT id AS lead_id, state_id, observed_at, NULL AS superseded_at, company, domain, industry, employees_low, employees_high, annual_revenue_low, annual_revenue_high, country, region, city, business_model, technologies, funding_stage, last_funding_at, owner, created_at, last_activity_at, modified_at, attributes, account_crm_id, title, email, lead_source, status, lifecycle, lost_reason, closed_at, amount, unreadable FROM leads
UNION ALL
SELECT lead_id, state_id, observed_at, superseded_at, company, domain, industry, employees_low, employees_high, annual_revenue_low, annual_revenue_high, country, region, city, business_model, technologies, funding_stage, last_funding_at, owner, created_at, last_activity_at, modified_at, attributes, account_crm_id, title, email, lead_source, status, lifecycle, lost_reason, closed_at, amount, unreadable FROM lead_history;

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
