-- reeval_states from Salesforce objects held under their API names (an Airbyte or Data Loader
-- landing: tables "Lead", "Account", "Opportunity", columns "Id", "NumberOfEmployees", ...).
-- One state per Lead and per Opportunity, as `reeval import` of Lead.csv, Account.csv and
-- Opportunity.csv stores them; run it before the script `reeval sql` writes. Written once for
-- PostgreSQL and DuckDB (scripts/check-sql.sh runs it on both, on the workshop export in
-- ../shared/datasets, and compares every score with reeval's). Columns may be typed (a warehouse)
-- or text (CSV files loaded as they are): every value is read through CAST(x AS VARCHAR).
--
-- What reeval's import does and this query does not (see docs/warehouse.md):
--   * placeholders (`N/A`, `-`, `Select`) are values here; only Salesforce's empty lookup
--     `000000000000000AAA` is read as empty;
--   * head counts and money are cast, so `about fifty` fails the query where reeval keeps it as
--     an unreadable value (Salesforce's own columns are numbers; a text custom field is not);
--   * dates are Salesforce's UTC text or timestamps; other offsets are not converted;
--   * a lead is linked to its account by id only (ConvertedAccountId, AccountId), not by domain
--     or company name as reeval links a lead file to an account file;
--   * `attributes` holds the export columns an ICP reads (here Product__c, Classification__c),
--     not every column; text with control characters would need JSON escaping beyond `"` and `\`;
--   * one state per record, observed on the day given below: a history (`superseded_at`) comes
--     from a connector that keeps one, or from a nightly copy of this table.
-- Country names are left as exported: the script maps them through reeval_country_names.

-- A lead id per record that stays the same from night to night: new records get the next ids.
CREATE TABLE IF NOT EXISTS reeval_crm_records (
  lead_id BIGINT NOT NULL PRIMARY KEY,
  object VARCHAR NOT NULL,
  crm_id VARCHAR NOT NULL,
  UNIQUE (object, crm_id)
);
INSERT INTO reeval_crm_records (lead_id, object, crm_id)
SELECT coalesce((SELECT max(lead_id) FROM reeval_crm_records), 0) + row_number() OVER (ORDER BY n.object, n.crm_id), n.object, n.crm_id
FROM (SELECT 'Lead' AS object, CAST("Id" AS VARCHAR) AS crm_id FROM "Lead"
      UNION ALL SELECT 'Opportunity', CAST("Id" AS VARCHAR) FROM "Opportunity") AS n
WHERE NOT EXISTS (SELECT 1 FROM reeval_crm_records r WHERE r.object = n.object AND r.crm_id = n.crm_id);

DROP TABLE IF EXISTS reeval_states;
CREATE TABLE reeval_states AS
WITH
-- The day the records were copied from Salesforce (the connector's sync day).
staging AS (SELECT '2024-02-01' AS observed_at),
account AS (
  SELECT CAST(a."Id" AS VARCHAR) AS id,
         NULLIF(trim(CAST(a."Name" AS VARCHAR)), '') AS company,
         lower(trim(CAST(a."Website" AS VARCHAR))) AS website,
         NULLIF(trim(CAST(a."Industry" AS VARCHAR)), '') AS industry,
         NULLIF(trim(CAST(a."NaicsCode" AS VARCHAR)), '') AS industry_code,
         CAST(NULLIF(trim(CAST(a."NumberOfEmployees" AS VARCHAR)), '') AS BIGINT) AS employees,
         CAST(NULLIF(trim(CAST(a."AnnualRevenue" AS VARCHAR)), '') AS DOUBLE PRECISION) AS annual_revenue,
         NULLIF(trim(CAST(a."BillingCountry" AS VARCHAR)), '') AS country,     -- or "BillingCountryCode"
         NULLIF(trim(CAST(a."BillingState" AS VARCHAR)), '') AS region,        -- or "BillingStateCode"
         NULLIF(trim(CAST(a."BillingCity" AS VARCHAR)), '') AS city,
         NULLIF(trim(CAST(a."Classification__c" AS VARCHAR)), '') AS classification
  FROM "Account" a
  WHERE lower(coalesce(CAST(a."IsDeleted" AS VARCHAR), '')) NOT IN ('1', 'true')
),
lead AS (
  SELECT 'Lead' AS object, CAST(l."Id" AS VARCHAR) AS crm_id,
         NULLIF(trim(CAST(l."Company" AS VARCHAR)), '') AS company,
         lower(trim(CAST(l."Website" AS VARCHAR))) AS website,
         lower(trim(CAST(l."Email" AS VARCHAR))) AS email_host,
         NULLIF(trim(CAST(l."Industry" AS VARCHAR)), '') AS industry,
         CAST(NULL AS VARCHAR) AS industry_code,
         CAST(NULLIF(trim(CAST(l."NumberOfEmployees" AS VARCHAR)), '') AS BIGINT) AS employees,
         CAST(NULLIF(trim(CAST(l."AnnualRevenue" AS VARCHAR)), '') AS DOUBLE PRECISION) AS annual_revenue,
         NULLIF(trim(CAST(l."Country" AS VARCHAR)), '') AS country,            -- or "CountryCode"
         NULLIF(trim(CAST(l."State" AS VARCHAR)), '') AS region,               -- or "StateCode"
         NULLIF(trim(CAST(l."City" AS VARCHAR)), '') AS city,
         NULLIF(trim(CAST(l."OwnerId" AS VARCHAR)), '') AS owner,
         CAST(l."CreatedDate" AS VARCHAR) AS created_at,
         CAST(l."LastActivityDate" AS VARCHAR) AS last_activity_at,
         CAST(l."LastModifiedDate" AS VARCHAR) AS modified_at,
         CAST(NULL AS VARCHAR) AS product,
         NULLIF(NULLIF(trim(CAST(l."ConvertedAccountId" AS VARCHAR)), ''), '000000000000000AAA') AS account_crm_id,
         NULLIF(trim(CAST(l."Title" AS VARCHAR)), '') AS title,
         NULLIF(trim(CAST(l."Email" AS VARCHAR)), '') AS email,
         NULLIF(trim(CAST(l."LeadSource" AS VARCHAR)), '') AS lead_source,
         NULLIF(trim(CAST(l."Status" AS VARCHAR)), '') AS status,
         CASE
           WHEN lower(CAST(l."IsConverted" AS VARCHAR)) IN ('1', 'true') THEN 'won'
           WHEN lower(l."Status") LIKE '%unqualified%' OR lower(l."Status") LIKE '%disqualified%' OR lower(l."Status") LIKE '%junk%' THEN 'disqualified'
           WHEN lower(l."Status") LIKE '%not converted%' OR lower(l."Status") LIKE '%lost%'
             OR (lower(l."Status") LIKE '%closed%' AND lower(l."Status") NOT LIKE '%converted%') THEN 'lost'
           WHEN lower(l."Status") LIKE '%converted%' THEN 'won'
           ELSE 'open'
         END AS lifecycle,
         CAST(NULL AS VARCHAR) AS lost_reason,                                  -- your org's loss-reason field
         CAST(l."ConvertedDate" AS VARCHAR) AS closed_at,
         CAST(NULL AS DOUBLE PRECISION) AS amount
  FROM "Lead" l
  WHERE lower(coalesce(CAST(l."IsDeleted" AS VARCHAR), '')) NOT IN ('1', 'true')
),
opportunity AS (
  SELECT 'Opportunity' AS object, CAST(o."Id" AS VARCHAR) AS crm_id,
         CAST(NULL AS VARCHAR) AS company, CAST(NULL AS VARCHAR) AS website, CAST(NULL AS VARCHAR) AS email_host,
         CAST(NULL AS VARCHAR) AS industry, CAST(NULL AS VARCHAR) AS industry_code,
         CAST(NULL AS BIGINT) AS employees, CAST(NULL AS DOUBLE PRECISION) AS annual_revenue,
         CAST(NULL AS VARCHAR) AS country, CAST(NULL AS VARCHAR) AS region, CAST(NULL AS VARCHAR) AS city,
         NULLIF(trim(CAST(o."OwnerId" AS VARCHAR)), '') AS owner,
         CAST(o."CreatedDate" AS VARCHAR) AS created_at,
         CAST(o."LastActivityDate" AS VARCHAR) AS last_activity_at,
         CAST(o."LastModifiedDate" AS VARCHAR) AS modified_at,
         NULLIF(trim(CAST(o."Product__c" AS VARCHAR)), '') AS product,
         NULLIF(NULLIF(trim(CAST(o."AccountId" AS VARCHAR)), ''), '000000000000000AAA') AS account_crm_id,
         CAST(NULL AS VARCHAR) AS title, CAST(NULL AS VARCHAR) AS email,
         NULLIF(trim(CAST(o."LeadSource" AS VARCHAR)), '') AS lead_source,
         NULLIF(trim(CAST(o."StageName" AS VARCHAR)), '') AS status,
         CASE
           WHEN lower(CAST(o."IsClosed" AS VARCHAR)) IN ('1', 'true') THEN
             CASE WHEN lower(CAST(o."IsWon" AS VARCHAR)) IN ('1', 'true') THEN 'won' ELSE 'lost' END
           WHEN lower(CAST(o."IsClosed" AS VARCHAR)) IN ('0', 'false') THEN 'open'
           WHEN lower(o."StageName") LIKE '%closed won%' OR lower(o."StageName") = 'won' THEN 'won'
           WHEN lower(o."StageName") LIKE '%closed lost%' OR lower(o."StageName") = 'lost' THEN 'lost'
           ELSE 'open'
         END AS lifecycle,
         CAST(NULL AS VARCHAR) AS lost_reason,                                  -- your org's loss-reason field
         CAST(o."CloseDate" AS VARCHAR) AS closed_at,
         CAST(NULLIF(trim(CAST(o."Amount" AS VARCHAR)), '') AS DOUBLE PRECISION) AS amount
  FROM "Opportunity" o
  WHERE lower(coalesce(CAST(o."IsDeleted" AS VARCHAR), '')) NOT IN ('1', 'true')
),
-- A record's own value first, its account's when it has none (as reeval fills a lead from its account).
record AS (
  SELECT r.*, a.id AS account_id,
         coalesce(r.company, a.company) AS company_value,
         coalesce(r.industry, a.industry) AS industry_value,
         coalesce(r.industry_code, a.industry_code) AS industry_code_value,
         coalesce(r.employees, a.employees) AS employees_value,
         coalesce(r.annual_revenue, a.annual_revenue) AS annual_revenue_value,
         coalesce(r.country, a.country) AS country_value,
         coalesce(r.region, a.region) AS region_value,
         coalesce(r.city, a.city) AS city_value,
         a.website AS account_website, a.classification
  FROM (SELECT * FROM lead UNION ALL SELECT * FROM opportunity) r
  LEFT JOIN account a ON a.id = r.account_crm_id
),
-- The bare host of a website or e-mail, as reeval reads `https://www.Acme.com/about`: `acme.com`.
host AS (
  SELECT r.*,
         regexp_replace(regexp_replace(regexp_replace(regexp_replace(r.website, '^.*@', ''), '^(https?:)?//', ''), '[/?#:].*$', ''), '^www[.]', '') AS own_host,
         regexp_replace(regexp_replace(regexp_replace(regexp_replace(r.account_website, '^.*@', ''), '^(https?:)?//', ''), '[/?#:].*$', ''), '^www[.]', '') AS account_host,
         regexp_replace(regexp_replace(regexp_replace(regexp_replace(r.email_host, '^.*@', ''), '^(https?:)?//', ''), '[/?#:].*$', ''), '^www[.]', '') AS mail_host
  FROM record r
)
SELECT k.lead_id, k.lead_id AS state_id, s.observed_at, CAST(NULL AS VARCHAR) AS superseded_at,
       h.company_value AS company,
       coalesce(CASE WHEN h.own_host LIKE '%.%' AND h.own_host NOT LIKE '% %' THEN h.own_host END,
                CASE WHEN h.mail_host LIKE '%.%' AND h.mail_host NOT LIKE '% %' AND h.mail_host NOT IN ('gmail.com', 'yahoo.com', 'hotmail.com',
                  'outlook.com', 'aol.com', 'icloud.com', 'gmx.de', 'gmx.net', 'web.de', 'mail.com', 'protonmail.com', 'live.com', 'msn.com',
                  'yandex.ru') THEN h.mail_host END,
                CASE WHEN h.account_host LIKE '%.%' AND h.account_host NOT LIKE '% %' THEN h.account_host END) AS domain,
       h.industry_value AS industry, h.industry_code_value AS industry_code,
       h.employees_value AS employees_low, h.employees_value AS employees_high,
       h.annual_revenue_value AS annual_revenue_low, h.annual_revenue_value AS annual_revenue_high,
       h.country_value AS country, h.region_value AS region, h.city_value AS city,
       CAST(NULL AS VARCHAR) AS business_model, CAST(NULL AS VARCHAR) AS technologies,
       CAST(NULL AS VARCHAR) AS funding_stage, CAST(NULL AS VARCHAR) AS last_funding_at,
       h.owner,
       -- Salesforce's `2024-01-22T20:36:47.000+0000` (or a UTC timestamp) as `2024-01-22T20:36:47Z`.
       replace(substr(h.created_at, 1, 19), ' ', 'T') || 'Z' AS created_at,
       substr(h.last_activity_at, 1, 10) AS last_activity_at,
       replace(substr(h.modified_at, 1, 19), ' ', 'T') || 'Z' AS modified_at,
       '{' || concat_ws(',',
         CASE WHEN h.product IS NOT NULL THEN '"Product__c":"' || replace(replace(h.product, '\', '\\'), '"', '\"') || '"' END,
         CASE WHEN h.classification IS NOT NULL THEN '"Classification__c":"' || replace(replace(h.classification, '\', '\\'), '"', '\"') || '"' END
       ) || '}' AS attributes,
       h.account_crm_id, h.title, h.email, h.lead_source, h.status, h.lifecycle, h.lost_reason,
       substr(h.closed_at, 1, 10) AS closed_at, h.amount, '{}' AS unreadable
FROM host h
JOIN reeval_crm_records k ON k.object = h.object AND k.crm_id = h.crm_id
CROSS JOIN staging s;
