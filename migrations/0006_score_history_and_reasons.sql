-- Scores stored when they change, explanations recomputed on demand, reasons as rows.
--
-- A run wrote a score row per candidate per night (about 60 MB per million candidates, kept 30
-- times over) and two explanations per candidate; a lead's result changes only when its data,
-- the ICP or a trigger window does. `score_history` holds one row per lead per stretch of
-- consecutive completed runs with the same result: a run extends the rows of unchanged results
-- and writes rows only for the ones that changed. Scoring is a pure function of a stored state,
-- an immutable ICP version and a date, so `reeval explain` recomputes what a run saw from the
-- state ids kept here. `lead_scores` stays the public per-run view, without the explanation
-- columns. Reasons move from a JSON column to `revival_reasons` rows; `revived_latest.reasons`
-- is built from them with SQLite's JSON functions, in the same shape.
DROP VIEW revived_latest;
DROP VIEW lead_current;
DROP VIEW lead_scores;

CREATE TABLE score_history (
    lead_id             INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    first_run_id        INTEGER NOT NULL,        -- the first completed run of the stretch
    last_run_id         INTEGER NOT NULL,        -- the last completed run of the stretch
    dismissed_at        TEXT,
    baseline_icp        TEXT NOT NULL,
    baseline_state_id   INTEGER,                 -- the state the baseline was judged on (lead_snapshots.id)
    baseline_score      REAL NOT NULL,
    baseline_tier       TEXT,
    current_icp         TEXT NOT NULL,
    current_state_id    INTEGER,                 -- the state the current score was judged on
    current_score       REAL NOT NULL,
    current_tier        TEXT,
    PRIMARY KEY (lead_id, first_run_id)
) WITHOUT ROWID;

-- The kept runs' scores, as stretches: consecutive completed runs (by their order among the
-- completed runs) with the same result make one row.
INSERT INTO score_history
WITH completed AS (
    SELECT id, row_number() OVER (ORDER BY id) AS seq FROM runs WHERE status = 'completed'
), numbered AS (
    SELECT s.*, c.seq - row_number() OVER (
               PARTITION BY s.lead_id, s.dismissed_at, s.baseline_icp, s.baseline_score, s.baseline_tier,
                            s.current_icp, s.current_score, s.current_tier
               ORDER BY c.seq) AS stretch
    FROM run_scores s JOIN completed c ON c.id = s.run_id
), stretches AS (
    SELECT lead_id, min(run_id) AS first_run_id, max(run_id) AS last_run_id, dismissed_at, baseline_icp, baseline_score,
           baseline_tier, current_icp, current_score, current_tier
    FROM numbered
    GROUP BY lead_id, dismissed_at, baseline_icp, baseline_score, baseline_tier, current_icp, current_score, current_tier, stretch
)
SELECT s.lead_id, s.first_run_id, s.last_run_id, s.dismissed_at, s.baseline_icp,
       -- The state known on the dismissal day (else the oldest), as the run chose it.
       coalesce((SELECT ls.id FROM lead_snapshots ls WHERE ls.lead_id = s.lead_id
                   AND substr(ls.observed_at, 1, 10) <= substr(s.dismissed_at, 1, 10)
                 ORDER BY ls.observed_at DESC, ls.id DESC LIMIT 1),
                (SELECT ls.id FROM lead_snapshots ls WHERE ls.lead_id = s.lead_id ORDER BY ls.observed_at, ls.id LIMIT 1)),
       s.baseline_score, s.baseline_tier, s.current_icp,
       -- The newest state imported before the stretch's first run started.
       (SELECT ls.id FROM lead_snapshots ls JOIN imports i ON i.id = ls.import_id
        WHERE ls.lead_id = s.lead_id AND i.imported_at <= (SELECT started_at FROM runs WHERE id = s.first_run_id)
        ORDER BY ls.observed_at DESC, ls.id DESC LIMIT 1),
       s.current_score, s.current_tier
FROM stretches s;

DROP TABLE run_scores;
DROP TABLE explanations;

-- Points are NUMERIC so that whole numbers stay integers (`30`, not `30.0`) in the JSON the
-- views build, as they were in the JSON column.
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

INSERT INTO revival_reasons
SELECT r.run_id, r.lead_id, j.key + 1, json_extract(j.value, '$.kind'), json_extract(j.value, '$.id'),
       json_extract(j.value, '$.field'), json_extract(j.value, '$.points_before'), json_extract(j.value, '$.points_after'),
       json_extract(j.value, '$.value_before'), json_extract(j.value, '$.value_after'), json_extract(j.value, '$.detail')
FROM revived_opportunities r, json_each(r.reasons) j;

ALTER TABLE revived_opportunities DROP COLUMN reasons;

-- Per criterion, how many of the run's candidates it could not judge for lack of data.
ALTER TABLE runs ADD COLUMN unknown_by_criterion TEXT NOT NULL DEFAULT '{}';

-- One row per completed run and candidate.
CREATE VIEW lead_scores AS
SELECT r.id AS run_id, h.lead_id, h.dismissed_at, h.baseline_icp, h.baseline_state_id, h.baseline_score, h.baseline_tier,
       h.current_icp, h.current_state_id, h.current_score, h.current_tier
FROM score_history h
JOIN runs r ON r.id BETWEEN h.first_run_id AND h.last_run_id AND r.status = 'completed';

-- The latest completed run's revived leads, ranked, with their reasons as a JSON array.
CREATE VIEW revived_latest AS
SELECT r.run_id, r.rank, l.source, l.object, l.crm_id, coalesce(l.company, a.company) AS company, l.owner,
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

-- One row per account with revived leads in the latest completed run, best first.
CREATE VIEW revived_accounts AS
SELECT a.id AS account_id, a.source, a.object, a.crm_id AS account_crm_id, a.company,
       count(*) AS revived_leads, min(r.rank) AS best_rank, max(r.score) AS best_score,
       (SELECT r2.tier FROM revived_opportunities r2 JOIN leads l2 ON l2.id = r2.lead_id
        WHERE r2.run_id = r.run_id AND l2.account_id = a.id ORDER BY r2.rank LIMIT 1) AS best_tier,
       (SELECT json_group_array(kind) FROM (
            SELECT DISTINCT x.kind FROM revival_reasons x JOIN leads l3 ON l3.id = x.lead_id
            WHERE x.run_id = r.run_id AND l3.account_id = a.id ORDER BY x.kind)) AS reason_kinds,
       r.run_id
FROM revived_opportunities r
JOIN leads l ON l.id = r.lead_id
JOIN accounts a ON a.id = l.account_id
WHERE r.run_id = (SELECT max(id) FROM runs WHERE status = 'completed')
GROUP BY a.id
ORDER BY best_score DESC, revived_leads DESC, best_rank;

-- One row per lead: its newest data and its score in the latest completed run that scored it.
CREATE VIEW lead_current AS
SELECT l.*,
       h.last_run_id   AS score_run_id,
       h.current_icp   AS score_icp,
       h.current_score AS score,
       h.current_tier  AS tier,
       (SELECT count(*) FROM lead_snapshots ls WHERE ls.lead_id = l.id) AS snapshots
FROM leads l
LEFT JOIN score_history h
       ON h.lead_id = l.id
      AND h.first_run_id = (SELECT max(h2.first_run_id) FROM score_history h2 WHERE h2.lead_id = l.id);
