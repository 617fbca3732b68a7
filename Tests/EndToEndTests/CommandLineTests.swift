import Foundation
import ReevalStore
import Testing

@Suite("The reeval command line")
struct CommandLineTests {
    @Test("global options parse before and after the subcommand, and with the default command")
    func globalOptionsInEveryPosition() throws {
        let ws = try Workspace()
        let reeval = ws.reeval
        #expect(try reeval.run(["--db", "a.sqlite", "init"]).status == 0)
        #expect(try reeval.run(["init", "--db", "b.sqlite", "--quiet"]).stdout.isEmpty)
        #expect(FileManager.default.fileExists(atPath: ws.path("a.sqlite")))
        #expect(FileManager.default.fileExists(atPath: ws.path("b.sqlite")))
        let status = try reeval.run(["status", "--db", "a.sqlite", "--json"])
        #expect(status.status == 0)
        #expect(status.stdout.contains("\"database\" : \"a.sqlite\""))
        let before = try reeval.run(["--json", "--db", "b.sqlite", "status"])
        #expect(before.stdout.contains("\"database\" : \"b.sqlite\""))
        // `reeval --since 2023-01` is `reeval run --since 2023-01`: it parses (no usage error naming --since).
        for args in [["--since", "2023-01"], ["--db", "a.sqlite", "--since", "2023-01"], ["--since", "2023-01", "--db", "a.sqlite"]] {
            let result = try reeval.run(args + ["--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("reeval run"), "\(args)")
        }
    }

    @Test("$REEVAL_DB is used when --db is absent, and --db wins over it")
    func databaseFromEnvironment() throws {
        let ws = try Workspace()
        var reeval = ws.reeval
        reeval.environment["REEVAL_DB"] = ws.path("env.sqlite")
        #expect(try reeval.run(["init", "--quiet"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: ws.path("env.sqlite")))
        #expect(try reeval.run(["init", "--quiet", "--db", "flag.sqlite"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: ws.path("flag.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: ws.path("reeval.sqlite")))
    }

    @Test("numbers past their range exit 64 with one line naming the option and the range, never a trap")
    func optionRanges() throws {
        let ws = try Workspace()
        for (args, option) in [(["run", "--dormant-after", "200000000000000"], "--dormant-after takes a number of days from 0 to 36500"),
                               (["run", "--keep-runs", "0"], "--keep-runs takes a number of runs from 1 to 100000"),
                               (["sample", "--leads", "99999999999999", "--out", "x"], "--leads takes a number of leads from 1 to 10000000"),
                               (["demo", "--leads", "0"], "--leads takes a number of leads from 1 to 10000000")] {
            let result = try ws.reeval.run(args)
            #expect(result.status == 64, "\(args)")
            #expect(result.stderr.contains(option), "\(args): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"))
        }
    }

    @Test("demo --dir refuses a file or a folder that is not a demo's, and leaves it as it was")
    func demoRefusesOtherPaths() throws {
        let ws = try Workspace()
        try ws.write("notes.txt", "keep me")
        try ws.write("work/plan.txt", "keep me too")
        for dir in ["notes.txt", "work"] {
            let result = try ws.reeval.run(["demo", "--dir", dir])
            #expect(result.status == 73, "\(dir)")
            #expect(result.stderr.contains("\(dir) exists and is not a reeval demo folder"))
        }
        #expect(try String(contentsOfFile: ws.path("notes.txt"), encoding: .utf8) == "keep me")
        #expect(try String(contentsOfFile: ws.path("work/plan.txt"), encoding: .utf8) == "keep me too")
    }

    @Test("a bad flag or a bad date exits 64")
    func usageErrors() throws {
        let ws = try Workspace()
        #expect(try ws.reeval.run(["--no-such-flag"]).status == 64)
        let badDate = try ws.reeval.run(["--since", "last tuesday"])
        #expect(badDate.status == 64)
        #expect(badDate.stderr.contains("--since"))
    }

    @Test("status, icp list, report and import refuse another program's SQLite file (65, naming its tables) and leave it byte for byte")
    func foreignDatabase() throws {
        let ws = try Workspace()
        do {
            let other = try Database(path: ws.path("crm.db"))
            try other.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
            try other.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)")
        }
        let before = try Data(contentsOf: ws.url.appendingPathComponent("crm.db"))
        try ws.write("deals.csv", ImportCommandTests.hubspotDeals)
        for command in [["status"], ["icp", "list"], ["report", "--out", "r"], ["import", "deals.csv"], ["run"]] {
            let result = try ws.reeval.run(["--db", "crm.db"] + command)
            #expect(result.status == 65, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("crm.db: not a reeval database (it holds tables customers, orders and no schema_migrations)"), "\(result.stderr)")
        }
        #expect(try Data(contentsOf: ws.url.appendingPathComponent("crm.db")) == before)
    }

    @Test("status on a missing database exits 66 and names it")
    func missingDatabase() throws {
        let ws = try Workspace()
        let result = try ws.reeval.run(["status", "--db", "nowhere.sqlite"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("nowhere.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: ws.path("nowhere.sqlite")))
    }

    @Test("a database in a folder that does not exist exits 73")
    func cannotCreate() throws {
        let ws = try Workspace()
        let result = try ws.reeval.run(["init", "--db", "no/such/folder/x.sqlite"])
        #expect(result.status == 73)
        #expect(result.stderr.contains("no/such/folder/x.sqlite"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("a file that is not a database, or one from a newer reeval, exits 65 and is left unchanged")
    func refusedDatabases() throws {
        let ws = try Workspace()
        try ws.write("notes.sqlite", String(repeating: "Id,Company\n1,Acme\n", count: 400))
        let notDB = try ws.reeval.run(["init", "--db", "notes.sqlite"])
        #expect(notDB.status == 65)
        #expect(notDB.stderr.contains("not a SQLite database"))

        #expect(try ws.reeval.run(["init", "--db", "future.sqlite", "--quiet"]).status == 0)
        _ = try ws.reeval.sql("INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', 'x', '2030-01-01T00:00:00Z')", db: "future.sqlite")
        let schemaBefore = try ws.reeval.sql("SELECT group_concat(name) FROM sqlite_master", db: "future.sqlite")
        for args in [["init"], ["status"]] {
            let result = try ws.reeval.run(args + ["--db", "future.sqlite"])
            #expect(result.status == 65)
            #expect(result.stderr.contains("newer reeval"))
        }
        #expect(try ws.reeval.sql("SELECT group_concat(name) FROM sqlite_master", db: "future.sqlite") == schemaBefore)
    }

    @Test("the binary copied alone to another folder still creates and migrates a database")
    func migrationsAreBuiltIn() throws {
        let ws = try Workspace()
        let copy = ws.url.appendingPathComponent("reeval-copy")
        try FileManager.default.copyItem(at: ReevalProcess.binary, to: copy)
        let process = Process()
        process.executableURL = copy
        process.arguments = ["init", "--db", ws.path("copy.sqlite"), "--quiet"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try ws.reeval.sql("SELECT name FROM schema_migrations", db: "copy.sqlite") == ["0001_initial.sql", "0002_scores_with_rowid.sql", "0003_explanations_stored_once.sql", "0004_explanation_digests_from_evaluations.sql", "0005_runs_excluded.sql", "0006_score_history_and_reasons.sql", "0007_typed_lead_states.sql", "0008_amount_and_unreadable_values.sql", "0009_worth_enriching.sql", "0010_owners_by_name.sql", "0011_rows_read_once.sql", "0012_open_stretches.sql", "0013_latest_by_as_of.sql", "0014_lead_linking_indexes.sql", "0015_salesforce_ids_in_one_form.sql", "0016_industry_code.sql", "0017_reports_show_what_their_run_saw.sql"])
    }
}
