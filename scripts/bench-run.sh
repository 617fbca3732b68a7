#!/usr/bin/env bash
# Benchmarks `reeval run` against the floor: a plain SQL CASE score of the same leads in sqlite3.
#
#   scripts/bench-run.sh [ROWS]     (default 1,000,000; uses scripts/bench-import.sh's generator)
#
# Imports a Salesforce-style lead export twice (2024-06-30, then a copy with 1% of rows changed on
# 2026-01-01), registers the two example ICP versions, then prints wall seconds and peak memory for
# the run beside a `CREATE TABLE … AS SELECT CASE …` score of the same candidates.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
work=${BENCH_DIR:-.build-bench}
mkdir -p "$work"
source scripts/bench-lib.sh
db="$work/run-bench.sqlite"
bench_database "$db"

measure() { # label, command...
    local label=$1; shift
    sync   # the previous step's dirty pages are written back now, not during this measurement
    /usr/bin/time -o "$work/time.txt" -f "%e %M" "$@" >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; return 1; }
    local out; out=$(tail -1 "$work/time.txt")
    printf "%-40s %8.2f s %8.0f MB\n" "$label" "${out% *}" "$(( ${out#* } / 1024 ))"
}
candidates=$(sqlite3 "$db" "SELECT count(*) FROM leads WHERE lifecycle IN ('lost','disqualified') OR (lifecycle = 'open' AND dismissed_at < '2026-08-25')")
echo "leads: $rows   candidates: $candidates"
# The floor: a plain SQL CASE score of the same leads over sqlite3 .import's own (untyped) table.
# Measured before and after the runs: on a shared machine the two show how much the figures drift.
floor() {
  measure "sqlite3 CASE score over .import (floor)" sqlite3 "$work/sqlite-import.sqlite" "
  DROP TABLE IF EXISTS floor_score;
  CREATE TABLE floor_score AS
  SELECT Id,
    CASE WHEN lower(Industry) IN ('software','computer software','saas','financial services') THEN 30 ELSE 0 END
  + CASE WHEN CAST(NumberOfEmployees AS INTEGER) BETWEEN 50 AND 200 THEN 25
         WHEN CAST(NumberOfEmployees AS INTEGER) BETWEEN 201 AND 1000 THEN 15 ELSE 0 END
  + CASE WHEN Country IN ('United States','USA','Canada','United Kingdom') THEN 20 ELSE 0 END AS score
  FROM leads
  WHERE Status IN ('Closed - Not Converted','Unqualified') OR (Status NOT IN ('Closed - Not Converted','Unqualified') AND LastActivityDate < '2026-08-25');"
}
floor
size() { stat -c %s "$db"; }
measure "reeval run (first run, stored)" "$bin" run --db "$db" --as-of 2026-11-22 --quiet
before=$(size)
measure "reeval run again (nightly, nothing changed)" "$bin" run --db "$db" --as-of 2026-11-22 --quiet
after=$(size)
printf "%-40s %8.2f %%\n" "database growth of the nightly run" "$(echo "($after - $before) * 100 / $before" | bc -l)"
measure "reeval run, the next day (as of +1)" "$bin" run --db "$db" --as-of 2026-11-23 --quiet
measure "reeval run --dry-run" "$bin" run --db "$db" --as-of 2026-11-23 --dry-run --quiet
floor
# The storage floor: plain SQL writing what a first run writes, as one more run: a score_history
# row per candidate.
cp "$db" "$work/floor.sqlite"
measure "sqlite3 storing a first run's rows (floor)" sqlite3 "$work/floor.sqlite" "PRAGMA synchronous = NORMAL; BEGIN IMMEDIATE;
  INSERT INTO runs(status, as_of, icp_version, dormant_after, started_at) VALUES ('completed', '2026-11-24', 'floor', 90, 'floor');
  INSERT INTO score_history SELECT lead_id, (SELECT max(id) FROM runs), NULL, dismissed_at, baseline_icp,
         baseline_state_id, baseline_score, baseline_tier, current_icp, current_state_id, current_score, current_tier
  FROM score_history WHERE last_run_id IS NULL; COMMIT;"
rm -f "$work"/floor.sqlite*
