#!/usr/bin/env bash
# Benchmarks importing accounts after their leads (issue: linking grew with the square of the
# data) beside the leads import and SQLite's floor for the states the linking must write.
#
#   scripts/bench-linking.sh [LEADS]     (default 100,000 Salesforce Leads; accounts are 40% of that)
#
# Leads name their company and, for half of them, its website, but no account id, so each is
# linked by domain or company name when the Account export comes in, and gets a new state.
set -euo pipefail
cd "$(dirname "$0")/.."
leads=${1:-100000}
work=${BENCH_DIR:-.build-bench}/linking-$leads
mkdir -p "$work"
bash scripts/bootstrap.sh --bench
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
python3 - "$work" "$leads" <<'PY'
import csv, sys
work, n_leads = sys.argv[1], int(sys.argv[2])
n_acc = max(1, n_leads * 2 // 5)
with open(f"{work}/Account.csv", "w", newline="") as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL)
    w.writerow(["Id","IsDeleted","Name","Type","BillingCountry","Website","Industry","NumberOfEmployees","OwnerId","CreatedDate","LastModifiedDate"])
    for i in range(n_acc):
        w.writerow([f"001{i:012d}AAA","0",f"Company {i} Inc.","Prospect","United States",f"https://www.company{i}.example","Software",
                    str(50 + i % 900),"005000000000001AAA","2024-01-01 10:00:00","2024-01-02 10:00:00"])
with open(f"{work}/Lead.csv", "w", newline="") as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL)
    w.writerow(["Id","IsDeleted","LastName","Company","Country","Website","Status","Industry","NumberOfEmployees","OwnerId","IsConverted",
                "CreatedDate","LastModifiedDate","LastActivityDate"])
    for i in range(n_leads):
        a = i % n_acc
        w.writerow([f"00Q{i:012d}AAA","0",f"Last{i}",f"Company {a} Inc.","United States",f"company{a}.example" if i % 2 else "",
                    "Closed - Not Converted","","","005000000000001AAA","0","2024-01-01 10:00:00","2024-03-01 10:00:00","2024-02-01 00:00:00"])
PY
swift build -c release --product reeval >/dev/null
bin="$(swift build -c release --show-bin-path)/reeval"
measure() { # label, command...
    local label=$1; shift
    sync
    /usr/bin/time -o "$work/time.txt" -f "%e %M" "$@" >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; return 1; }
    local out; out=$(tail -1 "$work/time.txt")
    printf "%-58s %8.2f s %6.0f MB\n" "$label" "${out% *}" "$(( ${out#* } / 1024 ))"
}
rm -f "$work"/*.sqlite*
measure "reeval import Lead.csv ($leads leads)" "$bin" import --db "$work/a.sqlite" "$work/Lead.csv" --quiet
cp "$work/a.sqlite" "$work/floor.sqlite"
measure "reeval import Account.csv after the leads (links, restates)" "$bin" import --db "$work/a.sqlite" "$work/Account.csv" --quiet
measure "reeval import Account.csv into an empty database" "$bin" import --db "$work/b.sqlite" "$work/Account.csv" --quiet
# SQLite alone writing what linking must: every lead's state to history, every lead updated.
hc="state_id, lead_id, observed_at, superseded_at, import_id, company, domain, industry, employees_low, employees_high, annual_revenue_low, annual_revenue_high, country, region, city, business_model, technologies, funding_stage, last_funding_at, owner, created_at, last_activity_at, modified_at, attributes, account_crm_id, title, email, lead_source, status, lifecycle, lost_reason, closed_at, from_account, account_attribute_keys, state_hash, amount, unreadable"
sc="state_id, id, observed_at, '2026-12-02', last_import_id, company, domain, industry, employees_low, employees_high, annual_revenue_low, annual_revenue_high, country, region, city, business_model, technologies, funding_stage, last_funding_at, owner, created_at, last_activity_at, modified_at, attributes, account_crm_id, title, email, lead_source, status, lifecycle, lost_reason, closed_at, from_account, account_attribute_keys, state_hash, amount, unreadable"
measure "sqlite3: every lead's state to history + every lead updated" sqlite3 "$work/floor.sqlite" \
    "BEGIN; INSERT INTO lead_history ($hc) SELECT $sc FROM leads; UPDATE leads SET industry = 'Software', employees_low = 100, employees_high = 100, account_id = 1, state_id = state_id + 100000000, state_hash = 'x', from_account = 7; COMMIT;"
