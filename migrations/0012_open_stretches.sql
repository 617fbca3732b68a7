-- The stretch a lead is in now stays open: `last_run_id` is NULL while its result has not
-- changed since `first_run_id`, and a run that finds it changed (or the lead no longer a
-- candidate) closes it at the previous completed run. Before, every run moved `last_run_id` on
-- for every unchanged stretch: an UPDATE of every candidate's row on a night with nothing new,
-- most of what such a night cost. `lead_scores` and `lead_current` read an open stretch as
-- reaching the latest completed run, so their rows are the same.
--
-- `--keep-runs` no longer moves the first run of every stretch that began before the kept runs
-- (once a database holds more runs than it keeps, that rewrote nearly every row every night):
-- it deletes the stretches that ended before them and marks the older runs `scores_kept = 0`, and
-- `lead_scores` leaves those runs out. A stretch's `first_run_id` stays the run it began with.
DROP VIEW lead_current;
DROP VIEW lead_scores;

CREATE TABLE score_history_open (
    lead_id             INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    first_run_id        INTEGER NOT NULL,        -- the first completed run of the stretch
    last_run_id         INTEGER,                 -- the last completed run of the stretch; NULL while it is current
    dismissed_at        TEXT,
    baseline_icp        TEXT NOT NULL,
    baseline_state_id   INTEGER,                 -- the state the baseline was judged on (lead_snapshots.state_id)
    baseline_score      REAL NOT NULL,
    baseline_tier       TEXT,
    current_icp         TEXT NOT NULL,
    current_state_id    INTEGER,                 -- the state the current score was judged on
    current_score       REAL NOT NULL,
    current_tier        TEXT,
    PRIMARY KEY (lead_id, first_run_id)
) WITHOUT ROWID;
INSERT INTO score_history_open
SELECT lead_id, first_run_id,
       nullif(last_run_id, (SELECT max(id) FROM runs WHERE status = 'completed')),
       dismissed_at, baseline_icp, baseline_state_id, baseline_score, baseline_tier,
       current_icp, current_state_id, current_score, current_tier
FROM score_history;
DROP TABLE score_history;
ALTER TABLE score_history_open RENAME TO score_history;

ALTER TABLE runs ADD COLUMN scores_kept INTEGER NOT NULL DEFAULT 1;  -- 0 once --keep-runs trimmed its scores
UPDATE runs SET scores_kept = 0
WHERE status = 'completed' AND id < (SELECT coalesce(min(first_run_id), 0) FROM score_history);

-- One row per kept run and candidate: an open stretch reaches the latest completed run.
CREATE VIEW lead_scores AS
SELECT r.id AS run_id, h.lead_id, h.dismissed_at, h.baseline_icp, h.baseline_state_id, h.baseline_score, h.baseline_tier,
       h.current_icp, h.current_state_id, h.current_score, h.current_tier
FROM score_history h
JOIN runs r ON r.id >= h.first_run_id
           AND r.id <= coalesce(h.last_run_id, (SELECT max(id) FROM runs WHERE status = 'completed'))
           AND r.status = 'completed' AND r.scores_kept;

-- One row per lead: its newest data and its score in the latest completed run that scored it.
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
      AND h.first_run_id = (SELECT max(h2.first_run_id) FROM score_history h2 WHERE h2.lead_id = l.id);
