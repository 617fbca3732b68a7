-- What a run left out, by cause: dismissed leads it did not judge (no date to dismiss them by,
-- dismissed before --since). Nothing is left out silently; older runs did not count, so `{}`.
ALTER TABLE runs ADD COLUMN excluded TEXT NOT NULL DEFAULT '{}';
