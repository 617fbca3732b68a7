#!/usr/bin/env bash
# `reeval run` beside the script `reeval sql` writes, run in DuckDB and in PostgreSQL 15, on the
# same leads (release build; wall seconds).
#
#   scripts/bench-sql.sh [ROWS]     (default 1,000,000; uses scripts/bench-import.sh's generator)
#
# Imports a Salesforce-style lead export twice (2024-06-30, then a copy with 1% of rows changed on
# 2026-01-01), registers the two example ICP versions, times `reeval run`, then exports
# lead_snapshots to CSV and times loading it and running the script in each engine (DuckDB from
# PyPI; PostgreSQL as a throwaway cluster on a Unix socket, as scripts/check-sql.sh starts it).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
work=${BENCH_DIR:-.build-bench}
mkdir -p "$work"
python3 -c "import duckdb" 2>/dev/null || python3 -m pip install -q duckdb
source scripts/bench-lib.sh
db="$work/sql-bench.sqlite"
bench_database "$db"

seconds() { local start=$(date +%s.%N); "$@" >/dev/null; echo "$(date +%s.%N) - $start" | bc; }
states=$(sqlite3 "$db" "SELECT count(*) FROM lead_snapshots")
echo "leads: $rows   states: $states"
printf "%-46s %8.2f s\n" "reeval run" "$(seconds "$bin" run --db "$db" --as-of 2026-11-22 --quiet)"
revived=$(sqlite3 "$db" "SELECT count(*) FROM revived_latest")
printf "%-46s %8.2f s\n" "sqlite3: lead_snapshots to CSV" "$(seconds sqlite3 -csv -header -cmd ".nullvalue '\N'" "$db" '.once '"$work/states.csv" 'SELECT * FROM lead_snapshots')"
for d in sqlite duckdb postgres; do "$bin" sql --db "$db" --dialect $d --as-of 2026-11-22 --out "$work/bench-$d.sql" --force --quiet; done
# The SQLite script over reeval's own database, reeval_states a view of lead_snapshots (its tables
# go into the same file; they are dropped again below).
printf "%-46s %8.2f s   revived %s\n" "sqlite3: the script over lead_snapshots" \
  "$(seconds sqlite3 "$db" "CREATE TEMP VIEW reeval_states AS SELECT * FROM lead_snapshots" ".read $work/bench-sqlite.sql")" \
  "$(sqlite3 "$db" "SELECT count(*) FROM reeval_revived")"
sqlite3 "$db" "SELECT 'DROP TABLE ' || name || ';' FROM sqlite_master WHERE type = 'table' AND name LIKE 'reeval\_%' ESCAPE '\\'" | sqlite3 "$db"
python3 - "$work" <<'PY'
import duckdb, sys, time
work = sys.argv[1]
con = duckdb.connect()
t = time.time()
con.execute(f"""CREATE TABLE reeval_states AS SELECT * FROM read_csv('{work}/states.csv', header = true, nullstr = '\\N',
  allow_quoted_nulls = false, all_varchar = true, types = {{'lead_id': 'BIGINT', 'state_id': 'BIGINT', 'employees_low': 'BIGINT',
  'employees_high': 'BIGINT', 'annual_revenue_low': 'DOUBLE', 'annual_revenue_high': 'DOUBLE', 'amount': 'DOUBLE'}})""")
print(f"{'duckdb: load the CSV':<46} {time.time() - t:8.2f} s")
t = time.time()
con.execute(open(f"{work}/bench-duckdb.sql").read())
print(f"{'duckdb: the script':<46} {time.time() - t:8.2f} s   revived {con.execute('SELECT count(*) FROM reeval_revived').fetchone()[0]}")
PY

pg=$(mktemp -d); chmod 755 "$pg"; mkdir -p "$pg/data" "$pg/socket"
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$pg/data" "$pg/socket"
PGBIN=$(dirname "$(command -v initdb 2>/dev/null || echo /usr/lib/postgresql/15/bin/initdb)")
run_pg "$PGBIN/initdb" -D "$pg/data" -U postgres --auth=trust --locale=C.UTF-8 -E UTF8 >/dev/null
run_pg "$PGBIN/pg_ctl" -D "$pg/data" -o "-c listen_addresses='' -k $pg/socket -c shared_buffers=1GB -c work_mem=256MB" -w -l "$pg/data/server.log" start >/dev/null
trap 'run_pg "$PGBIN/pg_ctl" -D "$pg/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg"' EXIT
psql=(psql -X -q -h "$pg/socket" -U postgres -d postgres -v ON_ERROR_STOP=1)
cols=$(sqlite3 "$db" "SELECT group_concat(name || ' ' || CASE upper(type) WHEN 'INTEGER' THEN 'BIGINT' WHEN 'REAL' THEN 'DOUBLE PRECISION' ELSE 'TEXT' END, ', ') FROM pragma_table_info('lead_snapshots')")
printf "%-46s %8.2f s\n" "postgres: \\copy the CSV" "$(seconds "${psql[@]}" -c "CREATE TABLE reeval_states ($cols)" -c "\\copy reeval_states FROM '$work/states.csv' WITH (FORMAT csv, HEADER true, NULL '\\N')" -c "ANALYZE reeval_states")"
printf "%-46s %8.2f s   revived %s\n" "postgres: the script" "$(PGOPTIONS='-c client_min_messages=warning' seconds "${psql[@]}" -f "$work/bench-postgres.sql")" \
  "$("${psql[@]}" -A -t -c 'SELECT count(*) FROM reeval_revived')"
echo "reeval run revived: $revived"
