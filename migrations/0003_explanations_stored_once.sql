-- Each distinct explanation is stored once; the runs' score rows point at it.
--
-- A candidate's two explanations are about 1.6 KB, while its scores and tiers are about 70 bytes.
-- Stored per run, the explanations were 1.7 GB a night for 1,000,000 candidates, although a
-- lead's explanations change only when its data, the ICP or a trigger window does. Now a run
-- writes an explanation only when no run before it wrote the same text; the nightly run of an
-- unchanged database writes none. Explanations are found again by `digest`, a 128-bit hash of
-- their JSON that reeval computes; the ones moved here from older runs have none and are not
-- reused. Retention (`--keep-runs`) deletes the explanations no kept run points at.
--
-- `lead_scores` stays the public name, as a view with the same columns as the old table, so
-- every query written against it still works.
DROP VIEW lead_current;

CREATE TABLE explanations (
    id      INTEGER PRIMARY KEY,
    digest  BLOB UNIQUE,                         -- 16 bytes; NULL for explanations moved from older runs
    json    TEXT NOT NULL                        -- {"icp", "score", "tier", "outcomes": [{kind, id, field, verdict, value, points}]}
);

-- Each candidate's baseline and current evaluation in a run. The explanation ids have no
-- foreign key: the sweep after retention checks them itself, and a key would make every
-- deletion of an explanation scan this table.
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

INSERT INTO explanations(json)
SELECT baseline_explanation FROM lead_scores UNION SELECT current_explanation FROM lead_scores;
CREATE INDEX explanations_moved ON explanations(json);
INSERT INTO run_scores
SELECT s.run_id, s.lead_id, s.dismissed_at, s.baseline_icp, s.baseline_score, s.baseline_tier, s.current_icp,
       s.current_score, s.current_tier, b.id, c.id
FROM lead_scores s
JOIN explanations b ON b.json = s.baseline_explanation
JOIN explanations c ON c.json = s.current_explanation
ORDER BY s.run_id, s.lead_id;
DROP INDEX explanations_moved;
DROP TABLE lead_scores;
CREATE INDEX run_scores_by_lead ON run_scores(lead_id, run_id);

-- The old table's columns, in its order.
CREATE VIEW lead_scores AS
SELECT s.run_id, s.lead_id, s.dismissed_at, s.baseline_icp, s.baseline_score, s.baseline_tier, s.current_icp,
       s.current_score, s.current_tier, b.json AS baseline_explanation, c.json AS current_explanation
FROM run_scores s
JOIN explanations b ON b.id = s.baseline_explanation_id
JOIN explanations c ON c.id = s.current_explanation_id;

-- One row per lead: its newest data and its score in the latest completed run that scored it.
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
