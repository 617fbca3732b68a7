-- Rows read once. A nightly re-import of a full export, mostly unchanged, skips the rows it
-- read before: `line_hash` is a 64-bit hash of the row as it stood in the file (seeded with how
-- the file was read), and a row whose hash matches its record's is neither normalised nor
-- written. Rows imported before this migration have none and are read in full once more.
ALTER TABLE leads ADD COLUMN line_hash INTEGER;
ALTER TABLE accounts ADD COLUMN line_hash INTEGER;

-- A file's size: one of the size of a file imported before is hashed before it is read, so the
-- inbox's files of earlier nights cost one read each; any other is hashed as it is read.
ALTER TABLE imports ADD COLUMN bytes INTEGER;

-- The run reads leads in id order (`NOT INDEXED`), so this index served no query while every
-- insert paid for it: it was about a quarter of SQLite's share of a first import.
DROP INDEX leads_candidates;
