# Sourced by scripts/bench-run.sh and scripts/bench-sql.sh: the same leads for both.
#   bench_database DB   generates the export once (scripts/bench-import.sh's generator), then
#                       imports it into a fresh DB twice (2024-06-30, then a copy with 1% of rows
#                       changed on 2026-01-01) and registers the two example ICP versions.
# Expects rows and work; sets bin (the release build's reeval).
BENCH_DIR="$work" BENCH_GENERATE_ONLY=1 bash scripts/bench-import.sh "$rows" >/dev/null
swift build -c release --product reeval >/dev/null
bin="$(swift build -c release --show-bin-path)/reeval"

bench_database() {
  rm -f "$1" "$1"-wal "$1"-shm
  "$bin" import --db "$1" "$work/Lead-$rows.csv" --observed-at 2024-06-30 --quiet
  "$bin" import --db "$1" "$work/Lead-$rows-changed.csv" --observed-at 2026-01-01 --quiet
  "$bin" icp add --db "$1" examples/icp/2024-h1.yaml examples/icp/2025-q3.yaml --quiet
}
