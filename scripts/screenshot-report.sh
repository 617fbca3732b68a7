#!/usr/bin/env bash
# Screenshots a report.html with headless Chromium (Debian's package), to look at it as a reader would.
#   scripts/screenshot-report.sh REPORT.html OUT.png [WIDTHxHEIGHT]
set -euo pipefail
report=${1:?usage: screenshot-report.sh REPORT.html OUT.png [1280x1800]}
out=${2:?usage: screenshot-report.sh REPORT.html OUT.png [1280x1800]}
size=${3:-1280x1800}
if ! command -v chromium >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="${size/x/,}" \
    --screenshot="$(realpath -m "$out")" "file://$(realpath "$report")" 2>/dev/null
echo "wrote $out"
