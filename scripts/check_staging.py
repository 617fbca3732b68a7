"""Checks examples/warehouse/salesforce-staging.sql: the Salesforce workshop export in
../shared/datasets loaded as tables "Lead", "Account" and "Opportunity" into DuckDB and
PostgreSQL, staged into reeval_states, scored by the script `reeval sql` writes, and compared
record by record with `reeval import` of the same three files (the states it stores, and the
scores of those states). Called by scripts/check-sql.sh, which installs the engines.

usage: check_staging.py REEVAL_BINARY WORKDIR PGHOST
"""
import csv
import os
import sqlite3
import subprocess
import sys

REEVAL, WORK, PGHOST = sys.argv[1], sys.argv[2], sys.argv[3]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPORT = os.path.join(ROOT, "..", "shared", "datasets", "salesforce-workshop-export")
STAGING = os.path.join(ROOT, "examples", "warehouse", "salesforce-staging.sql")
ICPS = [os.path.join(ROOT, "examples", "warehouse", "workshop-icp.yaml"),
        os.path.join(ROOT, "examples", "icp", "2024-h1.yaml"), os.path.join(ROOT, "examples", "icp", "2025-q3.yaml")]
OBSERVED = AS_OF = "2024-02-01"  # the staging query's sync day
OBJECTS = ("Account", "Lead", "Opportunity")
# The columns of reeval_states the staging query maps as reeval's import does. `country` is left
# as exported (the script maps names through reeval_country_names) and `attributes` holds only
# the columns the ICP reads, so both are compared through the scores instead.
FIELDS = ("company", "domain", "industry", "industry_code", "employees_low", "employees_high", "annual_revenue_low",
          "annual_revenue_high", "region", "city", "owner", "created_at", "last_activity_at", "modified_at", "account_crm_id",
          "title", "email", "lead_source", "status", "lifecycle", "lost_reason", "closed_at", "amount")


def reeval(*args):
    subprocess.run([REEVAL, *args], check=True, stdout=subprocess.DEVNULL)


def value(v):
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v


def main():
    os.makedirs(WORK, exist_ok=True)
    db_path = os.path.join(WORK, "workshop.sqlite")
    reeval("--db", db_path, "import", *(os.path.join(EXPORT, f"{o}.csv") for o in OBJECTS), "--observed-at", OBSERVED, "--quiet")
    reeval("--db", db_path, "icp", "add", *ICPS, "--quiet")
    reeval("--db", db_path, "run", "--as-of", AS_OF, "--quiet")
    db = sqlite3.connect(db_path)

    # reeval's side: its states keyed by (object, Salesforce id), and the SQLite script's scores
    # of them (swift test checks that script against reeval's scorer, state by state).
    keys = {}
    for lead_id, obj, crm_id in db.execute("SELECT id, object, crm_id FROM leads"):
        keys[lead_id] = (obj, crm_id)
    cols = [r[1] for r in db.execute("PRAGMA table_info(lead_snapshots)")]
    states = {keys[row[0]]: dict(zip(cols, row)) for row in db.execute("SELECT * FROM lead_snapshots")}
    sqlite_script = script("sqlite", db_path)
    db.executescript("CREATE TEMP VIEW reeval_states AS SELECT * FROM lead_snapshots;\n" + sqlite_script)
    rules = [r[1] for r in db.execute("PRAGMA table_info(reeval_scores)") if r[1].endswith(("_points", "_verdict"))]
    score_sql = "SELECT lead_id, icp, score, tier, " + ", ".join(f'"{r}"' for r in rules) + " FROM reeval_scores"
    reference = {(keys[row[0]], row[1]): tuple(map(value, row[2:])) for row in db.execute(score_sql)}
    # And the run's own current scores of its candidates, straight from score_history.
    run_scores = {(keys[lead], icp): score for lead, icp, score in db.execute(
        "SELECT lead_id, current_icp, current_score FROM score_history WHERE last_run_id IS NULL")}
    for key, score in run_scores.items():
        assert reference[key][0] == score, f"the SQLite script's score of {key} is not the run's"

    print(f"Salesforce workshop export ({', '.join(f'{count_rows(o)} {o}' for o in OBJECTS)}) through examples/warehouse/salesforce-staging.sql:")
    print(f"{'engine':<12}{'states':>8}{'scores':>8}  {'fields as reeval import':<26}{'scores as reeval'}")
    failures = 0
    for engine, run in (("duckdb", duckdb_engine()), ("postgres", postgres_engine())):
        staged_cols, staged_rows = run("SELECT s.*, k.object AS staged_object, k.crm_id AS staged_crm_id FROM reeval_states s "
                                       "JOIN reeval_crm_records k ON k.lead_id = s.lead_id")
        staged = {}
        for row in staged_rows:
            record = dict(zip(staged_cols, row))
            staged[(record["staged_object"], record["staged_crm_id"])] = record
        differing = sorted({f for key, mine in states.items() for f in FIELDS
                            if key not in staged or value(staged[key][f]) != value(mine[f])})
        id_of = {record["lead_id"]: key for key, record in staged.items()}
        _, score_rows = run(score_sql)
        scores = {(id_of[row[0]], row[1]): tuple(map(value, row[2:])) for row in score_rows}
        same_states = set(staged) == set(states) and not differing
        same_scores = scores == reference
        failures += (not same_states) + (not same_scores)
        print(f"{engine:<12}{len(staged):>8}{len(scores):>8}  {'yes' if same_states else 'NO: ' + ', '.join(differing):<25} "
              f"{'yes' if same_scores else 'NO'}")
        names = ["score", "tier", *rules]
        for key in sorted(set(scores) | set(reference)):
            got, want = scores.get(key), reference.get(key)
            if got != want:
                apart = [f"{n} {a!r} (reeval {b!r})" for n, a, b in zip(names, got or (), want or ()) if a != b]
                print(f"  e.g. {key[0][0]} {key[0][1]} under {key[1]}: {', '.join(apart) or 'missing'}")
                break
    print(f"reeval run as of {AS_OF}: {len(run_scores)} candidates, their scores the SQLite script's")
    sys.exit(1 if failures else 0)


def script(dialect, db_path):
    path = os.path.join(WORK, f"workshop-{dialect}.sql")
    reeval("--db", db_path, "--quiet", "sql", "--dialect", dialect, "--as-of", AS_OF, "--out", path, "--force")
    with open(path, encoding="utf-8") as f:
        return f.read()


def count_rows(obj):
    with open(os.path.join(EXPORT, f"{obj}.csv"), newline="", encoding="utf-8-sig") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def header(obj):
    with open(os.path.join(EXPORT, f"{obj}.csv"), newline="", encoding="utf-8-sig") as f:
        return next(csv.reader(f))


def duckdb_engine():
    import duckdb
    con = duckdb.connect()
    for obj in OBJECTS:
        con.execute(f"""CREATE TABLE "{obj}" AS SELECT * FROM read_csv('{os.path.join(EXPORT, obj + ".csv")}', header = true, all_varchar = true)""")
    with open(STAGING, encoding="utf-8") as f:
        con.execute(f.read())
    con.execute(script("duckdb", os.path.join(WORK, "workshop.sqlite")))

    def run(query):
        cur = con.execute(query)
        return [d[0] for d in cur.description], cur.fetchall()
    return run


def postgres_engine():
    psql = ["psql", "-X", "-q", "-h", PGHOST, "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1"]
    subprocess.run(psql + ["-c", "DROP SCHEMA IF EXISTS workshop CASCADE; CREATE SCHEMA workshop"], check=True)
    psql += ["-c", "SET search_path TO workshop"]
    load = []
    for obj in OBJECTS:
        columns = ", ".join(f'"{c}" TEXT' for c in header(obj))
        load.append(f'CREATE TABLE "{obj}" ({columns});')
        load.append(f"""\\copy "{obj}" FROM '{os.path.join(EXPORT, obj + ".csv")}' WITH (FORMAT csv, HEADER true)""")
    subprocess.run(psql[:-2], input="SET search_path TO workshop;\n" + "\n".join(load) + "\n", text=True, check=True)
    subprocess.run(psql + ["-f", STAGING], check=True, stdout=subprocess.DEVNULL)
    pg_script = os.path.join(WORK, "workshop-postgres.sql")
    script("postgres", os.path.join(WORK, "workshop.sqlite"))
    subprocess.run(psql + ["-f", pg_script], check=True, stdout=subprocess.DEVNULL)

    def run(query):
        out = subprocess.run(psql + ["-A", "-F", "\x1f", "-R", "\x1d", "-P", "null=\x1e", "-P", "footer=off", "-c", query],
                             check=True, capture_output=True, text=True).stdout
        rows = [line.split("\x1f") for line in out.rstrip("\n").split("\x1d")]
        names, body = rows[0], rows[1:]
        numeric = [n in NUMBERS or n.endswith("_points") for n in names]
        return names, [tuple(None if v == "\x1e" else float(v) if number else v for v, number in zip(row, numeric)) for row in body]
    return run


# The numeric columns psql prints as text.
NUMBERS = {"lead_id", "state_id", "employees_low", "employees_high", "annual_revenue_low", "annual_revenue_high", "amount", "score"}


if __name__ == "__main__":
    main()
