"""Runs `reeval sql` on DuckDB, PostgreSQL and Spark SQL and checks, lead by lead, that each
engine's results are reeval's own; parses the BigQuery and Snowflake scripts with sqlglot
("parsed, not run"). Called by scripts/check-sql.sh, which installs the engines.

usage: check_sql.py REEVAL_BINARY WORKDIR PGHOST
"""
import csv
import os
import sqlite3
import subprocess
import sys
import time

REEVAL, WORK, PGHOST = sys.argv[1], sys.argv[2], sys.argv[3]
DB = os.path.join(WORK, "demo", "reeval.sqlite")
AS_OF = "2026-11-22"  # the demo's run date
NULL = r"\N"


def reeval(*args):
    subprocess.run([REEVAL, *args], check=True, stdout=subprocess.DEVNULL)


def script(dialect):
    path = os.path.join(WORK, f"reeval-{dialect}.sql")
    reeval("--db", DB, "--quiet", "sql", "--dialect", dialect, "--as-of", AS_OF, "--out", path, "--force")
    with open(path, encoding="utf-8") as f:
        return path, f.read()


def columns(db):
    """lead_snapshots' columns and their declared types: what reeval_states must hold."""
    return [(row[1], (row[2] or "TEXT").upper()) for row in db.execute("PRAGMA table_info(lead_snapshots)")]


def ddl(cols, types):
    return ", ".join(f"{name} {types[kind]}" for name, kind in cols)


def export_csv(db, path):
    """What `sqlite3 -csv -header -cmd '.nullvalue \\N' reeval.sqlite 'SELECT * FROM lead_snapshots'` writes."""
    cur = db.execute("SELECT * FROM lead_snapshots")
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow([d[0] for d in cur.description])
        for row in cur:
            out.writerow([NULL if v is None else v for v in row])


def normalised(rows):
    """Rows as comparable tuples: numbers as floats rounded to the bit, dates as text."""
    out = []
    for row in rows:
        out.append(tuple(float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else (None if v is None else str(v)) for v in row))
    return sorted(out, key=lambda r: tuple((x is None, str(x)) for x in r))


def results(run_query, rule_columns):
    scores = run_query("SELECT lead_id, state_id, icp, score, tier, " + ", ".join(rule_columns) + " FROM reeval_scores")
    revived = run_query('SELECT lead_id, "rank", dismissed_at, baseline_icp, baseline_score, baseline_tier, current_icp, score, tier, delta, reason_kinds FROM reeval_revived')
    return normalised(scores), normalised(revived)


def main():
    os.makedirs(WORK, exist_ok=True)
    reeval("--db", os.path.join(WORK, "demo.sqlite"), "demo", "--dir", os.path.join(WORK, "demo"), "--quiet")
    db = sqlite3.connect(DB)
    cols = columns(db)
    states_csv = os.path.join(WORK, "reeval_states.csv")
    export_csv(db, states_csv)

    # SQLite: the reference the other engines are compared with (swift test checks it against
    # reeval's scorer and run); and the run's own revived list.
    _, sqlite_sql = script("sqlite")
    db.executescript("CREATE TEMP VIEW reeval_states AS SELECT * FROM lead_snapshots;\n" + sqlite_sql)
    rule_columns = [f'"{r[1]}"' for r in db.execute("PRAGMA table_info(reeval_scores)") if r[1].endswith(("_points", "_verdict"))]
    reference = results(lambda q: db.execute(q).fetchall(), rule_columns)
    run = normalised(db.execute("""
        SELECT r.lead_id, r.rank, v.dismissed_at, r.baseline_icp, r.baseline_score, r.baseline_tier, r.current_icp, r.score, r.tier, r.delta,
               (SELECT json_group_array(kind) FROM (SELECT DISTINCT kind FROM revival_reasons x WHERE x.run_id = r.run_id AND x.lead_id = r.lead_id
                ORDER BY CASE kind WHEN 'icp_change' THEN 0 WHEN 'data_change' THEN 1 WHEN 'trigger' THEN 2 ELSE 3 END))
        FROM revived_opportunities r JOIN revived_by_run v ON v.run_id = r.run_id AND v.lead_id = r.lead_id
        WHERE r.run_id = (SELECT max(id) FROM runs)""").fetchall())
    assert reference[1] == run, "the SQLite script's revived list differs from the run's"
    print(f"{'engine':<12}{'scores':>8}{'revived':>9}  {'agrees with reeval':<20}{'seconds':>8}")
    print(f"{'sqlite':<12}{len(reference[0]):>8}{len(reference[1]):>9}  {'yes (in swift test)':<20}{'':>8}")
    failures = 0

    def report(engine, got, seconds):
        nonlocal failures
        same = got == reference
        if not same:
            failures += 1
            for label, a, b in (("scores", got[0], reference[0]), ("revived", got[1], reference[1])):
                diff = [x for x in a if x not in set(b)][:3]
                if diff:
                    print(f"  {engine} {label} differ, e.g. {diff}")
        print(f"{engine:<12}{len(got[0]):>8}{len(got[1]):>9}  {'yes' if same else 'NO':<20}{seconds:>8.2f}")

    # DuckDB, loaded from the CSV.
    import duckdb
    _, duck_sql = script("duckdb")
    con = duckdb.connect(os.path.join(WORK, "check.duckdb"))
    types = {"INTEGER": "BIGINT", "REAL": "DOUBLE", "TEXT": "VARCHAR"}
    spec = "{" + ", ".join(f"'{n}': '{types[t]}'" for n, t in cols) + "}"
    started = time.time()
    con.execute(f"CREATE OR REPLACE TABLE reeval_states AS SELECT * FROM read_csv('{states_csv}', header = true, nullstr = '{NULL}', "
                f"allow_quoted_nulls = false, columns = {spec})")
    con.execute(duck_sql)
    report("duckdb", results(lambda q: con.execute(q).fetchall(), rule_columns), time.time() - started)

    # PostgreSQL, loaded with \copy.
    pg_path, _ = script("postgres")
    types = {"INTEGER": "BIGINT", "REAL": "DOUBLE PRECISION", "TEXT": "TEXT"}
    load = (f"DROP TABLE IF EXISTS reeval_states; CREATE TABLE reeval_states ({ddl(cols, types)});\n"
            f"\\copy reeval_states FROM '{states_csv}' WITH (FORMAT csv, HEADER true, NULL '{NULL}')\n")
    started = time.time()
    psql = ["psql", "-X", "-q", "-h", PGHOST, "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1"]
    subprocess.run(psql, input=load, text=True, check=True)
    subprocess.run(psql + ["-f", pg_path], check=True, stdout=subprocess.DEVNULL)

    def pg(query):
        out = subprocess.run(psql + ["-A", "-t", "-F", "\x1f", "-R", "\x1d", "-P", "null=\x1e", "-c", query],
                             check=True, capture_output=True, text=True).stdout
        rows = []
        for line in out.rstrip("\n").split("\x1d"):
            rows.append(tuple(None if v == "\x1e" else (float(v) if _number(v) else v) for v in line.split("\x1f")))
        return rows
    report("postgres", results(pg, rule_columns), time.time() - started)

    # Spark SQL, local mode, loaded from the CSV.
    if os.environ.get("REEVAL_CHECK_SKIP_SPARK"):
        print("spark       skipped (REEVAL_CHECK_SKIP_SPARK)")
        return finish(failures)
    from pyspark.sql import SparkSession
    spark_sql = script("spark")[1]
    spark = SparkSession.builder.master("local[2]").appName("reeval-check").config("spark.ui.enabled", "false").config("spark.driver.memory", "2g") \
        .config("spark.sql.warehouse.dir", os.path.join(WORK, "spark-warehouse")) \
        .config("spark.sql.shuffle.partitions", "4").config("spark.ui.showConsoleProgress", "false").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    types = {"INTEGER": "BIGINT", "REAL": "DOUBLE", "TEXT": "STRING"}
    started = time.time()
    spark.read.csv(states_csv, header=True, nullValue=NULL, multiLine=True, escape='"', schema=ddl(cols, types)) \
        .createOrReplaceTempView("reeval_states")
    for statement in spark_sql.split(";\n"):
        if statement.strip() and not all(l.startswith("--") for l in statement.strip().splitlines()):
            began = time.time()
            spark.sql(statement)
            if os.environ.get("REEVAL_CHECK_VERBOSE"):
                print(f"  spark {time.time() - began:6.2f} s  {statement.strip().splitlines()[0][:60]}", flush=True)
    spark_rules = [c.replace('"', "`") for c in rule_columns]
    report("spark", results(lambda q: [tuple(r) for r in spark.sql(q.replace('"rank"', "`rank`")).collect()], spark_rules), time.time() - started)
    spark.stop()
    finish(failures)


def finish(failures):
    # BigQuery and Snowflake: parsed, not run.
    import sqlglot
    for dialect in ("bigquery", "snowflake"):
        statements = [s for s in sqlglot.parse(script(dialect)[1], read=dialect) if s is not None]
        print(f"{dialect:<12}parsed, not run: {len(statements)} statements (sqlglot {sqlglot.__version__})")
    sys.exit(1 if failures else 0)


def _number(v):
    try:
        float(v)
        return v.strip() != "" and not v.startswith("[")
    except ValueError:
        return False


if __name__ == "__main__":
    main()
