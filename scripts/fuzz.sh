#!/usr/bin/env bash
# Runs every libFuzzer target in Fuzz/ for SECONDS each (default 60), seeded from the test
# fixtures, and exits non-zero if any target crashes (the crashing input is kept in
# .build-fuzz/crashes/TARGET/).
#
#   scripts/fuzz.sh [SECONDS]
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
case "$seconds" in ''|*[!0-9]*) echo "fuzz.sh: SECONDS must be a whole number" >&2; exit 64;; esac
bash scripts/bootstrap.sh
work=.build-fuzz
mkdir -p "$work"
echo "building the fuzz targets (libFuzzer, AddressSanitizer)…" >&2
swift build --package-path Fuzz --scratch-path "$work/build" -c release \
    -Xswiftc -sanitize=address -Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld >"$work/build.log" 2>&1 \
    || { tail -30 "$work/build.log" >&2; exit 70; }
bin=$(swift build --package-path Fuzz --scratch-path "$work/build" -c release --show-bin-path)

seed() { # target, files…
    local dir="$work/corpus/$1"; shift
    mkdir -p "$dir"
    for f in "$@"; do [ -f "$f" ] && cp "$f" "$dir/" 2>/dev/null; done
}
seed fuzz-csv Tests/EndToEndTests/Fixtures/revival/*.csv Tests/EndToEndTests/Fixtures/revival-rule/*.csv Tests/EndToEndTests/Fixtures/history/*.csv ../shared/datasets/*/*.csv
seed fuzz-import Tests/EndToEndTests/Fixtures/revival/*.csv Tests/EndToEndTests/Fixtures/revival-rule/*.csv Tests/EndToEndTests/Fixtures/history/*.csv ../shared/datasets/*/*.csv
seed fuzz-icp examples/icp/*.yaml Tests/ICPTests/BrokenICPs/*.yaml Tests/EndToEndTests/Fixtures/history/history.yaml
seed fuzz-mapping examples/mappings/*.yaml Tests/EndToEndTests/Fixtures/*/*.yaml
mkdir -p "$work/corpus/fuzz-values"
for v in "250" "51-200" "10,000+" '$1.5M' "1 500 000,00" "2024-03-05T14:02:11.000+0000" "03/05/2024" "15 Apr, 2021 00:02:00" \
         "20210105" "44201.5" "United Kingdom" "Deutschland" "yes" "Salesforce; HubSpot" "www.acme.example" "Acme, Inc."; do
    printf '%s' "$v" > "$work/corpus/fuzz-values/$(printf '%s' "$v" | cksum | cut -d' ' -f1)"
done

failed=0
printf '%-14s %12s %10s  %s\n' target executions exec/s result
for target in fuzz-csv fuzz-import fuzz-icp fuzz-mapping fuzz-values; do
    mkdir -p "$work/crashes/$target"
    log="$work/$target.log"
    "$bin/$target" "$work/corpus/$target" -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
        -artifact_prefix="$work/crashes/$target/" -print_final_stats=1 >"$log" 2>&1
    status=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    rate=$(( ${runs:-0} / (seconds > 0 ? seconds : 1) ))
    if [ $status -eq 0 ]; then result=clean; else result="CRASH (see $log, $work/crashes/$target/)"; failed=1; fi
    printf '%-14s %12s %10s  %s\n' "$target" "${runs:-0}" "$rate" "$result"
done
exit $failed
