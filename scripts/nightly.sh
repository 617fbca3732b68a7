#!/usr/bin/env bash
# The cron wrapper: imports the inbox, runs, writes the reports, logs with timestamps, and passes
# reeval's exit code on (so cron mails only failures).
#
#   REEVAL_DB       the database                  (default: $HOME/reeval/reeval.sqlite)
#   REEVAL_INBOX    where the CRM exports land    (default: $HOME/reeval/inbox)
#   REEVAL_REPORTS  where the reports go          (default: $HOME/reeval/reports/<date>)
#   REEVAL_LOG      the log file                  (default: $HOME/reeval/nightly.log)
#   REEVAL_BIN      the reeval binary             (default: reeval on PATH)
set -uo pipefail
base="${HOME:-/tmp}/reeval"
db="${REEVAL_DB:-$base/reeval.sqlite}"
inbox="${REEVAL_INBOX:-$base/inbox}"
reports="${REEVAL_REPORTS:-$base/reports/$(date -u +%F)}"
log="${REEVAL_LOG:-$base/nightly.log}"
bin="${REEVAL_BIN:-reeval}"
mkdir -p "$(dirname "$log")" "$inbox" "$reports"

stamp() { while IFS= read -r line; do printf '%s %s\n' "$(date -u +%FT%TZ)" "$line"; done; }

echo "start: db=$db inbox=$inbox reports=$reports" | stamp >> "$log"
"$bin" run --db "$db" --inbox "$inbox" --report-dir "$reports" 2>&1 | stamp >> "$log"
code=${PIPESTATUS[0]}
echo "end: exit $code" | stamp >> "$log"
if [ "$code" -ne 0 ]; then
    # Printed only on failure: cron mails it.
    echo "reeval nightly run failed with exit $code; see $log" >&2
    tail -n 5 "$log" >&2
fi
exit "$code"
