-- "Latest" means the completed run with the latest as-of date, the highest id among equals
-- (DESIGN.md), not the highest id: a re-run of an earlier night (a backfill) is not this
-- morning's list. `revived_latest` and `revived_accounts` become filters of run-keyed views
-- (`revived_by_run`, `revived_accounts_by_run`), the one SQL definition of each, which the
-- report reads for the run it renders; `lead_current` shows the stretch in force at that run.
DROP VIEW revived_latest;
DROP VIEW revived_accounts;
DROP VIEW lead_current;

CREATE VIEW latest_run AS
SELECT id AS run_id FROM runs WHERE status = 'completed' ORDER BY as_of DESC, id DESC LIMIT 1;

CREATE VIEW revived_by_run AS
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
LEFT JOIN accounts a ON a.id = l.account_id;

CREATE VIEW revived_latest AS
SELECT * FROM revived_by_run WHERE run_id = (SELECT run_id FROM latest_run) ORDER BY rank;

CREATE VIEW revived_accounts_by_run AS
SELECT r.run_id, a.id AS account_id, a.source, a.object, a.crm_id AS account_crm_id, a.company,
       count(*) AS revived_leads, min(r.rank) AS best_rank, max(r.score) AS best_score,
       (SELECT r2.tier FROM revived_opportunities r2 JOIN leads l2 ON l2.id = r2.lead_id
        WHERE r2.run_id = r.run_id AND l2.account_id = a.id ORDER BY r2.rank LIMIT 1) AS best_tier,
       (SELECT json_group_array(kind) FROM (
            SELECT DISTINCT x.kind FROM revival_reasons x JOIN leads l3 ON l3.id = x.lead_id
            WHERE x.run_id = r.run_id AND l3.account_id = a.id ORDER BY x.kind)) AS reason_kinds
FROM revived_opportunities r
JOIN leads l ON l.id = r.lead_id
JOIN accounts a ON a.id = l.account_id
GROUP BY r.run_id, a.id;

CREATE VIEW revived_accounts AS
SELECT account_id, source, object, account_crm_id, company, revived_leads, best_rank, best_score, best_tier, reason_kinds, run_id
FROM revived_accounts_by_run WHERE run_id = (SELECT run_id FROM latest_run)
ORDER BY best_score DESC, revived_leads DESC, best_rank;

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
