#!/usr/bin/env bash
# Builds reeval in release mode and installs the binary, so cron can call it without SwiftPM.
#   PREFIX=/usr/local scripts/install.sh     (the binary goes to $PREFIX/bin/reeval)
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${PREFIX:-/usr/local}"
bash scripts/bootstrap.sh
swift build -c release --product reeval
mkdir -p "$prefix/bin"
install -m 0755 "$(swift build -c release --show-bin-path)/reeval" "$prefix/bin/reeval"
echo "installed $prefix/bin/reeval ($("$prefix/bin/reeval" --version))"
