#!/usr/bin/env bash
# Runs the scripts `reeval sql` writes on DuckDB, PostgreSQL 15 and Spark SQL, on the demo's data,
# and checks lead by lead that each engine's scores, tiers and revived list are reeval's own;
# parses the BigQuery and Snowflake scripts with sqlglot (parsed, not run).
# Installs what it needs: PostgreSQL and Java from Debian's packages, duckdb, pyspark and sqlglot
# from PyPI. PostgreSQL runs as a throwaway cluster in a temporary folder, on a Unix socket only.
#   bash scripts/check-sql.sh
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v initdb >/dev/null || [ -x /usr/lib/postgresql/15/bin/initdb ] || need_apt+=(postgresql)
command -v java >/dev/null || need_apt+=(openjdk-17-jre-headless)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
python3 -c "import duckdb, pyspark, sqlglot" 2>/dev/null || python3 -m pip install -q duckdb pyspark sqlglot

PGBIN=$(dirname "$(command -v initdb 2>/dev/null || echo /usr/lib/postgresql/15/bin/initdb)")
work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
  if [ -f "$work/pg/postmaster.pid" ]; then run_pg "$PGBIN/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
# initdb refuses to run as root: the cluster belongs to the postgres user when there is one.
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
trap cleanup EXIT
mkdir -p "$work/pg" "$work/socket"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg" "$work/socket"
run_pg "$PGBIN/initdb" -D "$work/pg" -U postgres --auth=trust --locale=C.UTF-8 -E UTF8 >/dev/null
run_pg "$PGBIN/pg_ctl" -D "$work/pg" -o "-c listen_addresses='' -k $work/socket" -w -l "$work/pg/server.log" start >/dev/null

swift build --product reeval >/dev/null
PGOPTIONS="-c client_min_messages=warning" python3 scripts/check_sql.py "$(swift build --show-bin-path)/reeval" "$work/check" "$work/socket"
# The example staging query from Salesforce objects, on the workshop export, against reeval import.
PGOPTIONS="-c client_min_messages=warning" python3 scripts/check_staging.py "$(swift build --show-bin-path)/reeval" "$work/staging" "$work/socket"
