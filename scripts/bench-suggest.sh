#!/usr/bin/env bash
# How good is the ICP `reeval icp suggest` drafts? On data sets with won and lost deals, split
# 70/30 by a fixed seed, the draft is learned from the 70% and backtested on the 30%, beside a
# logistic regression (scikit-learn, installed here from PyPI) fitted on the same 70%, with the
# same columns, and scored on the same 30%. Prints both test ROC AUCs per data set.
#
#   scripts/bench-suggest.sh            (needs python3 with pip; sqlite3 is not needed)
#
# Data sets: the Zoho CRM-shaped deals in ../shared/datasets/zoho-crm-sample (Potentials.csv,
# Closed Won / Closed Lost; the columns that record the outcome — Probability, Expected Revenue,
# Forecast Type, Amount Tier, the dates — are left out of both), the Pipedrive deals of
# `reeval sample --leads 20000`, and a generated set with numeric columns (time on site, visits).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_DIR:-.build-bench/suggest}
rm -rf "$work"; mkdir -p "$work"
python3 -c "import sklearn" 2>/dev/null || python3 -m pip install --quiet scikit-learn
swift build -c release -q --product reeval
bin="$(swift build -c release --show-bin-path)/reeval"
shared=${SHARED:-../shared}

"$bin" sample --leads 20000 --out "$work/sample" --seed 7 >/dev/null

python3 - "$work" "$shared" <<'PY'
import csv, math, random, sys, os
work, shared = sys.argv[1], sys.argv[2]

def write(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f); w.writerow(header); w.writerows(rows)

def split(name, header, rows, outcome, features):
    """rows: lists; outcome(row) -> 'won'/'lost'/None; features: column names kept."""
    idx = {h: i for i, h in enumerate(header)}
    kept = [r for r in rows if outcome(r) in ("won", "lost")]
    random.Random(7).shuffle(kept)
    cut = int(len(kept) * 0.7)
    out_header = ["Record", "Outcome", "Created"] + features
    for part, items in (("train", kept[:cut]), ("test", kept[cut:])):
        write(f"{work}/{name}-{part}.csv", out_header,
              [[f"R{n}", outcome(r), "2024-01-10"] + [r[idx[c]] for c in features] for n, r in enumerate(items, start=0 if part == "train" else cut)])
    with open(f"{work}/{name}.yaml", "w") as f:
        f.write(f"source: {name}\nobject: leads\ncrm_object: deals\nid: Record\nfields: {{created_at: Created}}\n"
                "lifecycle: {column: Outcome, won: [won], lost: [lost]}\n")
    print(name)

# Zoho deals.
with open(f"{shared}/datasets/zoho-crm-sample/Potentials.csv", encoding="utf-8-sig") as f:
    rows = list(csv.reader(f))
h = rows[0]
split("zoho", h, rows[1:], lambda r: {"Closed Won": "won", "Closed Lost": "lost"}.get(r[h.index("Stage")]),
      ["Potential Owner", "Type", "Lead Source", "Tasks Involved", "Events Involved", "Calls Involved", "Activities Involved", "Campaign Id"])

# The sample generator's Pipedrive deals.
with open(f"{work}/sample/exports-2026-10-01/pipedrive/deals.csv", encoding="utf-8-sig") as f:
    rows = list(csv.reader(f))
h = rows[0]
split("sample", h, rows[1:], lambda r: {"won": "won", "lost": "lost"}.get(r[h.index("Deal - Status")]),
      ["Deal - Currency", "Organization - Industry", "Organization - Number of employees", "Organization - Country of Address"])

# Generated web leads: numeric signals and categories, won by a logistic rule with noise.
rnd = random.Random(11)
header = ["Source", "Visits", "Minutes on site", "Pages per visit", "Occupation", "Country"]
rows = []
for i in range(9000):
    source = rnd.choice(["Google", "Direct", "Referral", "Olark Chat", "Organic", "Facebook"])
    visits = int(rnd.expovariate(1 / 3.5))
    minutes = round(rnd.expovariate(1 / 9.0), 1)
    pages = round(rnd.uniform(1, 6), 2)
    occupation = rnd.choice(["Unemployed", "Working Professional", "Student", "Other", ""])
    country = rnd.choice(["India", "India", "India", "United States", "United Arab Emirates", ""])
    logit = -1.2 + 0.12 * min(minutes, 40) + 0.15 * min(visits, 10) - 0.1 * pages
    logit += {"Referral": 1.2, "Olark Chat": -0.6, "Direct": 0.3}.get(source, 0)
    logit += {"Working Professional": 1.8, "Student": -0.5}.get(occupation, 0)
    won = rnd.random() < 1 / (1 + math.exp(-logit))
    rows.append([source, str(visits), str(minutes), str(pages), occupation, country, "won" if won else "lost"])
split("web", header + ["Outcome"], rows, lambda r: r[-1], header)
PY

printf "\n%-8s %7s %7s   %-22s %-22s\n" "data" "train" "test" "draft test AUC" "logistic regression"
for name in zoho sample web; do
    rm -f "$work/$name-train.sqlite" "$work/$name-test.sqlite"
    "$bin" import --db "$work/$name-train.sqlite" --mapping "$work/$name.yaml" "$work/$name-train.csv" --quiet
    "$bin" import --db "$work/$name-test.sqlite" --mapping "$work/$name.yaml" "$work/$name-test.csv" --quiet
    "$bin" icp suggest --db "$work/$name-train.sqlite" --out "$work/$name-draft.yaml" --force --quiet 2>"$work/$name-warnings.txt"
    draft=$("$bin" backtest --db "$work/$name-test.sqlite" --icp "$work/$name-draft.yaml" --json \
        | python3 -c "import json,sys; d=json.load(sys.stdin); a=d['auc']; print('%.3f (%.3f–%.3f)' % (a['value'], *a['interval']))")
    python3 - "$work" "$name" "$draft" <<'PY'
import csv, sys
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
work, name, draft = sys.argv[1:]
def load(part):
    with open(f"{work}/{name}-{part}.csv") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]
header, train = load("train"); _, test = load("test")
cols = header[3:]
def number(v):
    try: return float(v.replace(",", ""))
    except ValueError: return None
numeric = [c for i, c in enumerate(cols) if sum(number(r[3 + i]) is not None for r in train) >= 0.95 * max(1, sum(r[3 + i] != "" for r in train))
           and len({r[3 + i] for r in train}) > 6]
levels = {c: sorted({r[3 + i] for r in train}) for i, c in enumerate(cols) if c not in numeric}
def encode(rows):
    out = []
    for r in rows:
        x = []
        for i, c in enumerate(cols):
            v = r[3 + i]
            if c in numeric:
                n = number(v); x += [n if n is not None else 0.0, 1.0 if n is None else 0.0]
            else:
                x += [1.0 if v == l else 0.0 for l in levels[c]]
        out.append(x)
    return np.array(out)
xtr, xte = encode(train), encode(test)
mu, sd = xtr.mean(0), xtr.std(0) + 1e-9
ytr = np.array([r[1] == "won" for r in train]); yte = np.array([r[1] == "won" for r in test])
lr = LogisticRegression(max_iter=2000).fit((xtr - mu) / sd, ytr)
auc = roc_auc_score(yte, lr.predict_proba((xte - mu) / sd)[:, 1])
print("%-8s %7d %7d   %-22s %.3f" % (name, len(train), len(test), draft, auc))
PY
done
echo
echo "drafts and their warnings: $work/*-draft.yaml, $work/*-warnings.txt"
