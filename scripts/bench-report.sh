#!/usr/bin/env bash
# Measures how long `reeval report` takes to render a run with many revived leads (default 50,000):
# the revival scenario of the tests, its 5 revived leads copied N/5 times in SQL.
#   scripts/bench-report.sh [REVIVED]
set -euo pipefail
cd "$(dirname "$0")/.."
revived=${1:-50000}
copies=$(( revived / 5 ))
work=${BENCH_DIR:-.build-bench}/report
rm -rf "$work" && mkdir -p "$work"
bash scripts/bootstrap.sh --bench
swift build -c release --product reeval >/dev/null
bin="$(swift build -c release --show-bin-path)/reeval"
db="$work/report-bench.sqlite"
f=Tests/EndToEndTests/Fixtures/revival
for spec in "Account-2024-06-30.csv 2024-06-30 custom" "Opportunity-2024-06-30.csv 2024-06-30 -" \
            "Account-2026-10-01.csv 2026-10-01 custom" "Opportunity-2026-10-01.csv 2026-10-01 -"; do
    set -- $spec
    extra=(); [ "$3" = custom ] && extra=(--source salesforce --mapping "$f/salesforce-custom-fields.yaml")
    "$bin" import --db "$db" "$f/$1" --observed-at "$2" --quiet "${extra[@]}"
done
"$bin" icp add --db "$db" examples/icp/2024-h1.yaml examples/icp/2025-q3.yaml --quiet
"$bin" run --db "$db" --as-of 2026-11-22 --quiet
sqlite3 "$db" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $copies)
INSERT INTO leads(source, object, crm_id, account_id, company, owner, lifecycle, closed_at, lost_reason, attributes, observed_at, data_hash)
SELECT l.source, l.object, l.crm_id || '-' || n.i, l.account_id, 'Copy ' || n.i || ' of ' || coalesce(l.company, ''), l.owner,
       l.lifecycle, l.closed_at, l.lost_reason, l.attributes, l.observed_at, l.data_hash
FROM revived_opportunities r JOIN leads l ON l.id = r.lead_id, n WHERE r.run_id = 1;
INSERT INTO revived_opportunities(run_id, lead_id, rank, baseline_icp, baseline_score, baseline_tier, current_icp, score, tier, delta, is_new)
SELECT 1, c.id, 5 + row_number() OVER (ORDER BY c.id), r.baseline_icp, r.baseline_score, r.baseline_tier, r.current_icp, r.score, r.tier,
       r.delta, r.is_new
FROM leads c JOIN leads l ON c.crm_id LIKE l.crm_id || '-%' JOIN revived_opportunities r ON r.lead_id = l.id AND r.run_id = 1;
INSERT INTO revival_reasons
SELECT 1, c.id, x.seq, x.kind, x.id, x.field, x.points_before, x.points_after, x.value_before, x.value_after, x.detail
FROM leads c JOIN leads l ON c.crm_id LIKE l.crm_id || '-%' JOIN revival_reasons x ON x.lead_id = l.id AND x.run_id = 1;
UPDATE runs SET revived = (SELECT count(*) FROM revived_opportunities WHERE run_id = 1) WHERE id = 1;
SQL
count=$(sqlite3 "$db" "SELECT count(*) FROM revived_opportunities WHERE run_id = 1")
/usr/bin/time -o "$work/time.txt" -f "%e %M" "$bin" report --db "$db" --run 1 --out "$work/out" --quiet
read -r secs kb < "$work/time.txt"
printf "revived leads: %s   reeval report (md, html, csv, json): %s s, %s MB peak\n" "$count" "$secs" "$(( kb / 1024 ))"
ls -l "$work/out" | awk 'NR > 1 { printf "  %-40s %10d bytes\n", $9, $5 }'
