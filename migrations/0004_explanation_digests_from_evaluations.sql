-- An explanation's digest is now the hash of its evaluation's fields (`Evaluation.identityBytes`),
-- not of its JSON, so that a run recognises a stored explanation without writing its JSON first:
-- an unchanged nightly run now builds none. The digests written before this are of the other
-- kind and could never match again; they are cleared, as 0003 left the moved ones, so those rows
-- are kept for the runs that point at them and never reused. The first run after this migration
-- writes its explanations again; `--keep-runs` retention deletes the old rows once no kept run
-- points at them.
UPDATE explanations SET digest = NULL WHERE digest IS NOT NULL;
