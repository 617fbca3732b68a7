-- The industry code (`industry_code`, a canonical field): the NAICS code where an export has
-- one (Salesforce Account `NaicsCode`), else the SIC code (`Sic`), as text, so ICPs match it by
-- prefix (`starts_with: ["5112", "5182"]`). A lead takes its account's, as it takes its industry.
-- States stored before have none: a NULL here leaves their content hashes as they were, so an
-- import of unchanged rows adds no state (an export that carried `Sic` kept it in `attributes`,
-- and its next import moves it here as a new state).
DROP VIEW lead_snapshots;
ALTER TABLE accounts ADD COLUMN industry_code TEXT;
ALTER TABLE leads ADD COLUMN industry_code TEXT;
ALTER TABLE lead_history ADD COLUMN industry_code TEXT;

-- Every state of every lead: the current one (superseded_at NULL) and the earlier ones.
CREATE VIEW lead_snapshots AS
SELECT id AS lead_id, state_id, observed_at, NULL AS superseded_at, company, domain, industry, industry_code, employees_low, employees_high, annual_revenue_low, annual_revenue_high, country, region, city, business_model, technologies, funding_stage, last_funding_at, owner, created_at, last_activity_at, modified_at, attributes, account_crm_id, title, email, lead_source, status, lifecycle, lost_reason, closed_at, amount, unreadable FROM leads
UNION ALL
SELECT lead_id, state_id, observed_at, superseded_at, company, domain, industry, industry_code, employees_low, employees_high, annual_revenue_low, annual_revenue_high, country, region, city, business_model, technologies, funding_stage, last_funding_at, owner, created_at, last_activity_at, modified_at, attributes, account_crm_id, title, email, lead_source, status, lifecycle, lost_reason, closed_at, amount, unreadable FROM lead_history;
