-- A report shows what its run saw (DESIGN.md, "Reports"): rendering run 3 again after later
-- imports gives the same report. `revived_by_run` reads each revived lead's company, owner,
-- lifecycle, firmographics, lost reason and status from the state the run scored
-- (`score_history.current_state_id` of the stretch holding the run) and its dismissal date
-- from that stretch, no longer from today's `leads` row. Only a run whose stretches
-- `--keep-runs` trimmed falls back to today's values (its report says so).
-- `runs.unreadable` keeps, per export column, the unreadable texts the run's database held
-- (up to five, most frequent first, with their counts), as the report lists them.
DROP VIEW revived_latest;
DROP VIEW revived_accounts;
DROP VIEW revived_accounts_by_run;
DROP VIEW revived_by_run;
ALTER TABLE runs ADD COLUMN unreadable TEXT;

-- The state is the `leads` row itself when the run scored the newest state, else a row of
-- `lead_history` (found by the lead's index; the `lead_snapshots` union would be materialised whole).
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

-- One row per run and account with revived leads; the best-ranked lead gives the best score,
-- the tier and the company's name as the run saw it (SQLite takes bare columns from the row of
-- min(rank)).
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

CREATE VIEW revived_accounts AS
SELECT account_id, source, object, account_crm_id, company, revived_leads, best_rank, best_score, best_tier, reason_kinds, run_id
FROM revived_accounts_by_run WHERE run_id = (SELECT run_id FROM latest_run)
ORDER BY best_score DESC, revived_leads DESC, best_rank;

-- The records holding unreadable values, which each run reads for `runs.unreadable`: an index
-- of those few rows, so the nightly run does not scan every record for them.
CREATE INDEX leads_with_unreadable ON leads(id) WHERE unreadable != '{}';
CREATE INDEX accounts_with_unreadable ON accounts(id) WHERE unreadable != '{}';
