#!/usr/bin/env bash
# Benchmarks `reeval import` against `sqlite3 .import` on the same Salesforce-style lead export.
#
#   scripts/bench-import.sh [ROWS]        (default 1,000,000; the file is generated once and kept)
#
# Prints wall seconds, rows per second and peak memory for: sqlite3's untyped .import, reeval's
# first import, re-importing the same file (a no-op by SHA-256), and a copy with 1% of rows changed.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
work=${BENCH_DIR:-.build-bench}
mkdir -p "$work"
csv="$work/Lead-$rows.csv"
changed="$work/Lead-$rows-changed.csv"
bash scripts/bootstrap.sh --bench
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

if [ ! -f "$csv" ]; then
    echo "generating $csv ($rows rows)…" >&2
    python3 - "$csv" "$changed" "$rows" <<'PY'
import csv, random, sys
path, changed_path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rnd = random.Random(7)
header = ["Id","IsDeleted","FirstName","LastName","Title","Company","City","State","Country","Email","Website","LeadSource",
          "Status","Industry","AnnualRevenue","NumberOfEmployees","OwnerId","IsConverted","ConvertedDate","CreatedDate",
          "LastModifiedDate","LastActivityDate","Description"]
industries = ["Software","Financial Services","Retail","Manufacturing","Healthcare","Education","Media","Logistics"]
statuses = ["Open - Not Contacted","Working - Contacted","Closed - Not Converted","Unqualified","Nurturing"]
countries = ["United States","USA","United Kingdom","Germany","France","Canada","Deutschland","Spain"]
def row(i, bump=False):
    emp = rnd.choice(["", str(rnd.randint(1, 20000)), "51-200"])
    if bump: emp = str(rnd.randint(200, 5000))
    y = rnd.randint(2021, 2025)
    return [f"00Q{i:012d}", "0", f"First{i}", f"Last{i}", "VP Sales", f"Company {i % 400000}, Inc.", "Springfield", "CA",
            rnd.choice(countries), f"user{i}@company{i % 400000}.com", f"www.company{i % 400000}.com", "Web",
            rnd.choice(statuses), rnd.choice(industries), rnd.choice(["", str(rnd.randint(1, 900)*100000)]), emp,
            "0055g00000XYZ", "0", "", f"{y}-0{rnd.randint(1,9)}-1{rnd.randint(0,9)} 10:11:12",
            f"{y}-1{rnd.randint(0,2)}-1{rnd.randint(0,9)} 10:11:12", f"{y}-1{rnd.randint(0,2)}-0{rnd.randint(1,9)} 00:00:00",
            "Met at the trade show; asked about SSO"]
with open(path, "w", newline="", encoding="utf-8") as f, open(changed_path, "w", newline="", encoding="utf-8") as g:
    a, b = csv.writer(f, quoting=csv.QUOTE_ALL), csv.writer(g, quoting=csv.QUOTE_ALL)
    a.writerow(header); b.writerow(header)
    for i in range(n):
        state = rnd.getstate()
        r = row(i)
        a.writerow(r)
        if i % 100 == 0:
            rnd.setstate(state); r = row(i, bump=True)
        b.writerow(r)
PY
fi
# scripts/bench-sql.sh and bench-run.sh need only the files.
[ -n "${BENCH_GENERATE_ONLY:-}" ] && exit 0

swift build -c release --product reeval >/dev/null
bin="$(swift build -c release --show-bin-path)/reeval"
measure() { # label, command...
    local label=$1; shift
    sync   # the previous step's dirty pages are written back now, not during this measurement
    local out; /usr/bin/time -o "$work/time.txt" -f "%e %M" "$@" >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; return 1; }
    out=$(tail -1 "$work/time.txt")
    local secs=${out% *} kb=${out#* }
    printf "%-34s %8.2f s %12.0f rows/s %8.0f MB\n" "$label" "$secs" "$(echo "$rows / $secs" | bc -l 2>/dev/null || echo 0)" "$((kb / 1024))"
}
rm -f "$work"/bench.sqlite* "$work"/sqlite-import.sqlite*
echo "rows: $rows   file: $(du -h "$csv" | cut -f1)"
measure "sqlite3 .import (untyped text)" sqlite3 "$work/sqlite-import.sqlite" -cmd ".mode csv" ".import $csv leads"
measure "reeval import (first)" "$bin" import --db "$work/bench.sqlite" "$csv" --observed-at 2025-01-01 --quiet
csv_bytes=$(stat -c %s "$csv")
db_bytes=$(stat -c %s "$work/bench.sqlite")
printf "%-34s %8.0f MB  (%.2fx the CSV; sqlite3 .import: %.0f MB)\n" "database after the first import" "$((db_bytes / 1048576))" \
    "$(echo "$db_bytes / $csv_bytes" | bc -l)" "$(( $(stat -c %s "$work/sqlite-import.sqlite") / 1048576 ))"
# SQLite's own floor for what reeval writes: the same rows copied by INSERT … SELECT into an empty
# reeval database (no CSV, no Swift). reeval cannot beat this, whatever .import does.
rm -f "$work"/floor.sqlite*
"$bin" init --db "$work/floor.sqlite" --quiet
columns=$(sqlite3 "$work/bench.sqlite" "SELECT group_concat(name) FROM pragma_table_info('leads')")
measure "sqlite3 copy of reeval's rows (floor)" sqlite3 "$work/floor.sqlite" "PRAGMA synchronous = NORMAL; ATTACH '$work/bench.sqlite' AS done;
  BEGIN IMMEDIATE; INSERT INTO imports SELECT * FROM done.imports;
  INSERT INTO leads($columns) SELECT $columns FROM done.leads ORDER BY id; COMMIT;"
rm -f "$work"/floor.sqlite*
# The floor of a row-by-row importer: the same rows bound one by one into a prepared INSERT through
# SQLite's C API (scripts/floor-insert.c), timed from BEGIN to COMMIT with the rows already in memory.
command -v cc >/dev/null || { apt-get update -qq && apt-get install -y -qq gcc >/dev/null; }
cc -O2 -o "$work/floor-insert" scripts/floor-insert.c -lsqlite3
"$bin" init --db "$work/floor.sqlite" --quiet
sync
printf "%-34s %8.2f s\n" "C API, one INSERT per row (floor)" "$("$work/floor-insert" "$work/bench.sqlite" "$work/floor.sqlite")"
rm -f "$work"/floor.sqlite*
measure "reeval import (same file again)" "$bin" import --db "$work/bench.sqlite" "$csv" --quiet
measure "reeval import (1% rows changed)" "$bin" import --db "$work/bench.sqlite" "$changed" --observed-at 2026-01-01 --quiet

# Accounts imported after their leads (the case that once grew with the square of the data):
# 100,000 leads, then 40,000 accounts they link to by website or company name.
echo
BENCH_DIR="$work" bash scripts/bench-linking.sh 100000
