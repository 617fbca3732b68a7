-- lead_scores and revived_opportunities become rowid tables.
--
-- As WITHOUT ROWID tables every row was stored like an index entry, whose largest local payload
-- is about 1,000 bytes: each row's explanations (1.5 KB and more) went to an overflow page of
-- its own, so a run of 100,000 candidates wrote 400 MB instead of 170 MB. Rowid tables keep
-- rows of up to 4 KB on their leaf pages. (run_id, lead_id) stays unique.
DROP VIEW revived_latest;
DROP VIEW lead_current;

CREATE TABLE lead_scores_new (
    run_id              INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    lead_id             INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    dismissed_at        TEXT,
    baseline_icp        TEXT NOT NULL,
    baseline_score      REAL NOT NULL,
    baseline_tier       TEXT,
    current_icp         TEXT NOT NULL,
    current_score       REAL NOT NULL,
    current_tier        TEXT,
    baseline_explanation TEXT NOT NULL,          -- JSON
    current_explanation  TEXT NOT NULL,          -- JSON
    UNIQUE (run_id, lead_id)
);
INSERT INTO lead_scores_new SELECT run_id, lead_id, dismissed_at, baseline_icp, baseline_score, baseline_tier, current_icp,
       current_score, current_tier, baseline_explanation, current_explanation FROM lead_scores ORDER BY run_id, lead_id;
DROP TABLE lead_scores;
ALTER TABLE lead_scores_new RENAME TO lead_scores;
CREATE INDEX lead_scores_by_lead ON lead_scores(lead_id, run_id);

CREATE TABLE revived_opportunities_new (
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
INSERT INTO revived_opportunities_new SELECT run_id, lead_id, rank, baseline_icp, baseline_score, baseline_tier, current_icp,
       score, tier, delta, reasons, is_new FROM revived_opportunities ORDER BY run_id, rank;
DROP TABLE revived_opportunities;
ALTER TABLE revived_opportunities_new RENAME TO revived_opportunities;
CREATE INDEX revived_by_rank ON revived_opportunities(run_id, rank);

-- The views, as 0001 made them.
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

-- One row per lead: its newest data and its score in the latest completed run that scored it.
CREATE VIEW lead_current AS
SELECT l.*,
       s.run_id        AS score_run_id,
       s.current_icp   AS score_icp,
       s.current_score AS score,
       s.current_tier  AS tier,
       (SELECT count(*) FROM lead_snapshots ls WHERE ls.lead_id = l.id) AS snapshots
FROM leads l
LEFT JOIN lead_scores s
       ON s.lead_id = l.id
      AND s.run_id = (SELECT max(s2.run_id) FROM lead_scores s2
                      JOIN runs ru ON ru.id = s2.run_id AND ru.status = 'completed'
                      WHERE s2.lead_id = l.id);
