-- Missing data is not a miss: a candidate that is not revived but would reach revive_at if its
-- unknown criteria matched is worth enriching. `runs.enrich` counts them by missing field
-- (JSON: field → candidates); `worth_enriching` keeps each run's top 100 with the fields to fill,
-- the points they could add and the tier they would make it, for the report.
ALTER TABLE runs ADD COLUMN enrich TEXT NOT NULL DEFAULT '{}';
CREATE TABLE worth_enriching (
    run_id          INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    lead_id         INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    rank            INTEGER NOT NULL,
    fields          TEXT NOT NULL,               -- the fields to fill, comma-separated: employees, technologies
    gain            NUMERIC NOT NULL,            -- the most points filling them could add
    tier            TEXT NOT NULL,               -- the tier the lead would reach
    PRIMARY KEY (run_id, rank)
) WITHOUT ROWID;
