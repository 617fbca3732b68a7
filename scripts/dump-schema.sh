#!/usr/bin/env bash
# Writes docs/schema.sql: the schema after every migration, which a test compares with what
# the built-in migrations create. Run it after adding a migration, and commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
swift build -q --product reeval
"$(swift build --show-bin-path)/reeval" init --db "$tmp/s.sqlite" --quiet
python3 - "$tmp/s.sqlite" > docs/schema.sql <<'PY'
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name")
sys.stdout.write(";\n\n".join(r[0] for r in rows) + ";\n")
PY
echo "wrote docs/schema.sql"
