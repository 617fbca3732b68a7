import Foundation
import LeadData
import ReevalStore
import Testing

@Suite("Migrations")
struct MigrationTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    private func migrations(_ files: [(String, String)]) -> Migrator {
        Migrator(migrations: files.compactMap { Migration(name: $0.0, sql: $0.1) }.sorted { $0.version < $1.version })
    }

    @Test("the built-in migrations create every public table and view of DESIGN.md")
    func builtInSchema() throws {
        let db = try Database(path: ":memory:")
        let applied = try Migrator().migrate(db, now: now)
        #expect(applied.first == "0001_initial.sql")
        let names = Set(try db.rows("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").compactMap { $0[0].string })
        for name in DatabaseSummary.tables + ["revived_latest", "lead_current", "schema_migrations"] {
            #expect(names.contains(name), "missing \(name)")
        }
    }

    @Test("0015 gives Salesforce ids stored in their 15-character form their 18, references too; a record stored under both stays two")
    func salesforceIDsInOneForm() throws {
        let db = try Database(path: ":memory:")
        let upTo14 = Migrator(migrations: Array(Migration.builtIn.prefix { $0.version <= 14 }))
        #expect(try upTo14.migrate(db, now: now).last == "0014_lead_linking_indexes.sql")
        try db.execute(script: """
            INSERT INTO leads(id, source, object, crm_id, account_crm_id, owner, lifecycle, attributes, observed_at, data_hash)
                VALUES (1, 'salesforce', 'Lead', '00Q5g00000ABCDE', '0015g00000ACC01', '0055g00000OWNER', 'lost', '{}', '2026-01-01', 'h'),
                       (2, 'salesforce', 'Lead', '00Q5g00000ZZZZZ', NULL, NULL, 'lost', '{}', '2026-01-01', 'h'),
                       (3, 'salesforce', 'Lead', '00Q5g00000ZZZZZEA5', NULL, NULL, 'lost', '{}', '2026-01-01', 'h'),
                       (4, 'hubspot', 'deals', '123456789012345', NULL, NULL, 'lost', '{}', '2026-01-01', 'h');
            INSERT INTO owners(source, crm_id, name) VALUES ('salesforce', '0055g00000OWNER', 'Jane Roe');
            """)
        #expect(try Migrator(migrations: Array(Migration.builtIn.prefix { $0.version <= 15 })).migrate(db, now: now) == ["0015_salesforce_ids_in_one_form.sql"])
        #expect(try db.rows("SELECT crm_id, account_crm_id, owner FROM leads ORDER BY id").map { row in
            (0..<3).map { row[$0].string ?? "-" }.joined(separator: "|")
        } == ["00Q5g00000ABCDEEA5|0015g00000ACC01AAH|0055g00000OWNERAA5", "00Q5g00000ZZZZZ|-|-", "00Q5g00000ZZZZZEA5|-|-", "123456789012345|-|-"])
        #expect(try db.scalar("SELECT crm_id FROM owners")?.string == "0055g00000OWNERAA5")
    }

    @Test("a database made by 0001 keeps its scores, revived leads and views through 0002, with rows now on rowid tables")
    func scoresMoveToRowidTables() throws {
        let db = try Database(path: ":memory:")
        let first = Migrator(migrations: Array(Migration.builtIn.prefix(1)))
        #expect(try first.migrate(db, now: now) == ["0001_initial.sql"])
        try db.execute(script: """
            INSERT INTO runs(id, status, as_of, icp_version, dormant_after, started_at) VALUES (1, 'completed', '2026-11-22', 'v2', 90, 'x');
            INSERT INTO leads(id, source, object, crm_id, lifecycle, attributes, observed_at, data_hash)
                VALUES (7, 'salesforce', 'Lead', '00Q7', 'lost', '{}', '2026-01-01', 'h');
            INSERT INTO lead_scores VALUES (1, 7, '2024-02-01', 'v1', 10, NULL, 'v2', 80, 'A', '{"outcomes":[]}', '{"outcomes":[{"id":"size"}]}');
            INSERT INTO revived_opportunities VALUES (1, 7, 1, 'v1', 10, NULL, 'v2', 80, 'A', 70, '[]', 1);
            """)
        #expect(try Migrator(migrations: Array(Migration.builtIn.prefix(2))).migrate(db, now: now) == ["0002_scores_with_rowid.sql"])
        #expect(try db.rows("SELECT lead_id, current_score, json_extract(current_explanation, '$.outcomes[0].id') FROM lead_scores")
            .map { "\($0[0].int ?? 0)|\($0[1].double ?? 0)|\($0[2].string ?? "")" } == ["7|80.0|size"])
        #expect(try db.scalar("SELECT crm_id || ' ' || rank || ' ' || tier FROM revived_latest")?.string == "00Q7 1 A")
        #expect(try db.scalar("SELECT score FROM lead_current WHERE id = 7")?.double == 80)
        let sql = try db.rows("SELECT sql FROM sqlite_master WHERE name IN ('lead_scores', 'revived_opportunities')").compactMap { $0[0].string }
        #expect(sql.count == 2 && sql.allSatisfy { !$0.contains("WITHOUT ROWID") })
        // (run_id, lead_id) is still unique.
        #expect(throws: DatabaseError.self) {
            try db.execute("INSERT INTO lead_scores VALUES (1, 7, NULL, 'v1', 0, NULL, 'v2', 0, NULL, '{}', '{}')")
        }
    }

    @Test("0003 stores each distinct explanation once, and lead_scores still answers with the same columns and rows")
    func explanationsStoredOnce() throws {
        let db = try Database(path: ":memory:")
        #expect(try Migrator(migrations: Array(Migration.builtIn.prefix(2))).migrate(db, now: now).count == 2)
        try db.execute(script: """
            INSERT INTO runs(id, status, as_of, icp_version, dormant_after, started_at) VALUES (1, 'completed', '2026-11-21', 'v2', 90, 'x'),
                (2, 'completed', '2026-11-22', 'v2', 90, 'y');
            INSERT INTO leads(id, source, object, crm_id, lifecycle, attributes, observed_at, data_hash)
                VALUES (7, 'salesforce', 'Lead', '00Q7', 'lost', '{}', '2026-01-01', 'h'), (8, 'salesforce', 'Lead', '00Q8', 'lost', '{}', '2026-01-01', 'h');
            INSERT INTO lead_scores VALUES (1, 7, '2024-02-01', 'v1', 10, NULL, 'v2', 80, 'A', '{"icp":"v1","outcomes":[]}', '{"icp":"v2","outcomes":[{"id":"size"}]}'),
                (2, 7, '2024-02-01', 'v1', 10, NULL, 'v2', 80, 'A', '{"icp":"v1","outcomes":[]}', '{"icp":"v2","outcomes":[{"id":"size"}]}'),
                (2, 8, NULL, 'v1', 0, NULL, 'v2', 5, NULL, '{"icp":"v1","outcomes":[]}', '{"icp":"v2","outcomes":[{"id":"region"}]}');
            """)
        let columns = "run_id, lead_id, dismissed_at, baseline_icp, baseline_score, baseline_tier, current_icp, current_score, current_tier, baseline_explanation, current_explanation"
        let before = try db.rows("SELECT \(columns) FROM lead_scores ORDER BY run_id, lead_id")
        #expect(try Migrator(migrations: Array(Migration.builtIn.prefix(3))).migrate(db, now: now) == ["0003_explanations_stored_once.sql"])
        #expect(try db.rows("SELECT \(columns) FROM lead_scores ORDER BY run_id, lead_id") == before)
        // Six explanations, three distinct texts.
        #expect(try db.scalar("SELECT count(*) FROM explanations")?.int == 3)
        #expect(try db.scalar("SELECT count(*) FROM explanations WHERE digest IS NOT NULL")?.int == 0)
        #expect(try db.scalar("SELECT score || ' ' || tier FROM lead_current WHERE id = 7")?.string == "80.0 A")
        #expect(try db.scalar("SELECT type FROM sqlite_master WHERE name = 'lead_scores'")?.string == "view")
        #expect(throws: DatabaseError.self) {
            try db.execute("INSERT INTO run_scores VALUES (1, 7, NULL, 'v1', 0, NULL, 'v2', 0, NULL, 1, 1)")
        }
    }

    @Test("0004 clears the digests of the JSON kind, so they are never matched again, and keeps every explanation")
    func digestsCleared() throws {
        let db = try Database(path: ":memory:")
        #expect(try Migrator(migrations: Array(Migration.builtIn.prefix(3))).migrate(db, now: now).count == 3)
        try db.execute(script: """
            INSERT INTO explanations(id, digest, json) VALUES (1, x'00112233445566778899aabbccddeeff', '{"icp":"v1"}'), (2, NULL, '{"icp":"v2"}');
            """)
        #expect(try Migrator(migrations: Array(Migration.builtIn.prefix(4))).migrate(db, now: now) == ["0004_explanation_digests_from_evaluations.sql"])
        #expect(try db.rows("SELECT id, digest IS NULL, json FROM explanations ORDER BY id").map { "\($0[0].int ?? 0) \($0[1].int ?? 0) \($0[2].string ?? "")" }
            == [#"1 1 {"icp":"v1"}"#, #"2 1 {"icp":"v2"}"#])
    }

    @Test("migrations apply once, in order, and are recorded with checksum and time")
    func applyOnceInOrder() throws {
        let db = try Database(path: ":memory:")
        let migrator = migrations([("0002_b.sql", "INSERT INTO log VALUES ('b');"), ("0001_a.sql", "CREATE TABLE log(v); INSERT INTO log VALUES ('a');")])
        #expect(try migrator.migrate(db, now: now) == ["0001_a.sql", "0002_b.sql"])
        #expect(try migrator.migrate(db, now: now) == [])
        #expect(try db.rows("SELECT v FROM log ORDER BY rowid").compactMap { $0[0].string } == ["a", "b"])
        let recorded = try migrator.appliedMigrations(db)
        #expect(recorded.map(\.version) == [1, 2])
        #expect(recorded[0].checksum == Checksum.sha256("CREATE TABLE log(v); INSERT INTO log VALUES ('a');"))
        #expect(recorded[0].appliedAt == "2023-11-14T22:13:20Z")
    }

    @Test("a failing migration leaves no trace of itself and keeps the earlier ones")
    func failingMigrationRollsBack() throws {
        let db = try Database(path: ":memory:")
        let migrator = migrations([("0001_a.sql", "CREATE TABLE a(v);"), ("0002_b.sql", "CREATE TABLE b(v); INSERT INTO nowhere VALUES (1);")])
        #expect(throws: DatabaseError.self) { try migrator.migrate(db, now: now) }
        #expect(try migrator.appliedMigrations(db).map(\.version) == [1])
        #expect(try db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'b'")?.int == 0)
    }

    @Test("an applied migration whose file changed is refused as bad data, and nothing changes")
    func refusesChangedFile() throws {
        let db = try Database(path: ":memory:")
        try migrations([("0001_a.sql", "CREATE TABLE a(v);")]).migrate(db, now: now)
        let edited = migrations([("0001_a.sql", "CREATE TABLE a(v, w);"), ("0002_b.sql", "CREATE TABLE b(v);")])
        let error = try #require(throws: Failure.self) { try edited.migrate(db, now: now) }
        #expect(error.kind == .badData)
        #expect(error.message.contains("0001_a.sql"))
        #expect(try db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'b'")?.int == 0)
    }

    @Test("a database migrated by a newer binary is refused as bad data")
    func refusesFutureSchema() throws {
        let db = try Database(path: ":memory:")
        try migrations([("0001_a.sql", "CREATE TABLE a(v);"), ("0002_b.sql", "CREATE TABLE b(v);")]).migrate(db, now: now)
        let older = migrations([("0001_a.sql", "CREATE TABLE a(v);")])
        let error = try #require(throws: Failure.self) { try older.migrate(db, now: now) }
        #expect(error.kind == .badData)
        #expect(error.message.contains("newer reeval"))
    }

    @Test("the schema after all migrations matches the committed dump in docs/schema.sql")
    func schemaMatchesDump() throws {
        let dump = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/schema.sql").standardizedFileURL
        let db = try Database(path: ":memory:")
        try Migrator().migrate(db, now: now)
        let schema = try db.rows("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name")
            .compactMap { $0[0].string }.joined(separator: ";\n\n") + ";\n"
        let committed = try String(contentsOf: dump, encoding: .utf8)
        #expect(schema == committed, "run scripts/dump-schema.sh and commit docs/schema.sql")
    }

    @Test("0006 carries a database written before it over with the same revived_latest, lead_current and lead_scores rows")
    func scoreHistoryMigration() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/wave1")
        let folder = try TemporaryFolder()
        let path = folder.path("old.sqlite")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("revival-3-runs.sqlite"), to: URL(fileURLWithPath: path))
        let db = try Database(path: path)
        #expect(try Migrator().migrate(db, now: now) == ["0005_runs_excluded.sql", "0006_score_history_and_reasons.sql", "0007_typed_lead_states.sql", "0008_amount_and_unreadable_values.sql", "0009_worth_enriching.sql", "0010_owners_by_name.sql", "0011_rows_read_once.sql", "0012_open_stretches.sql", "0013_latest_by_as_of.sql", "0014_lead_linking_indexes.sql", "0015_salesforce_ids_in_one_form.sql", "0016_industry_code.sql", "0017_reports_show_what_their_run_saw.sql"])
        func expected(_ name: String) throws -> [String] {
            try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map(String.init)
        }
        func rows(_ sql: String) throws -> [String] {
            try db.rows(sql).map { row in
                row.values.map(\.shellText).joined(separator: "|")
            }
        }
        // The columns revived_latest had then (0017 added `state_id`, the state the run scored).
        #expect(try rows("""
            SELECT run_id, rank, source, object, crm_id, company, owner, lifecycle, dismissed_at, baseline_icp, baseline_score, baseline_tier,
                   current_icp, score, tier, delta, reasons, is_new, lead_id, industry, country, employees_low, employees_high, lost_reason,
                   status, account_crm_id FROM revived_latest
            """) == expected("revived_latest.txt"))
        // `leads` now holds each lead's newest state (its own values filled from its account), so
        // its firmographic columns are the merged ones; the lead, its score and its states are the same.
        #expect(try rows("""
            SELECT id, source, object, crm_id, lifecycle, dismissed_at, score_run_id, score_icp, score, tier, snapshots
            FROM lead_current ORDER BY id
            """) == expected("lead_current.txt"))
        #expect(try rows("SELECT count(*) FROM lead_snapshots") == ["12"])
        #expect(try rows("SELECT l.crm_id, s.employees_low FROM lead_snapshots s JOIN leads l ON l.id = s.lead_id WHERE l.crm_id IN ('OPP-B', 'OPP-E') ORDER BY l.crm_id, s.observed_at")
                == ["OPP-B|40", "OPP-B|250", "OPP-E|5", "OPP-E|60"])
        #expect(try rows("""
            SELECT run_id, lead_id, dismissed_at, baseline_icp, baseline_score, baseline_tier, current_icp, current_score, current_tier
            FROM lead_scores ORDER BY run_id, lead_id
            """) == expected("lead_scores.txt"))
        // Runs 1 and 2 gave the same results under 2025-q3 (OPP-H turned dormant in run 2), run 3
        // others under 2024-h1 (OPP-I turned dormant too): one stretch per lead and result.
        #expect(try rows("SELECT first_run_id, last_run_id, count(*) FROM score_history GROUP BY 1, 2 ORDER BY 1, 2") == ["1|2|6", "2|2|1", "3||8"])
        #expect(try rows("SELECT count(*) FROM score_history WHERE baseline_state_id IS NULL OR current_state_id IS NULL") == ["0"])
        #expect(try rows("SELECT name FROM sqlite_master WHERE name IN ('run_scores', 'explanations')").isEmpty)
        #expect(try rows("PRAGMA foreign_key_check").isEmpty)
    }
}
