#!/usr/bin/env bash
# Installs the system packages reeval needs (Debian): the SQLite library and headers. With
# `--bench`, also the sqlite3 shell and GNU time that the benchmarks compare and measure with
# (the test suite needs neither: it queries the database in process). Safe to run again.
set -euo pipefail
missing=()
[ -f /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
if [ "${1:-}" = "--bench" ]; then
    command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
    [ -x /usr/bin/time ] || missing+=(time)
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "bootstrap: installing ${missing[*]}" >&2
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
