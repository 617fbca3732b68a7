import Foundation
import Testing

/// The revival scenario: Salesforce Account and Opportunity exports from 2024-06-30 and a newer
/// pair from 2026-10-01 (Growco grew 40 → 250, Fundco raised a round on 2026-08-02, Tinyco grew
/// 5 → 60), and the example ICPs 2024-h1 (narrow) and 2025-q3 (adds Financial Services, a
/// 201-1000 band, the UK, and resolves "No SSO").
@Suite("reeval run, end to end")
struct RunCommandTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
    static let fixtures = repo.appendingPathComponent("Tests/EndToEndTests/Fixtures/revival")

    /// A workspace with both exports imported and both ICP versions registered.
    static func scenario() throws -> Workspace {
        let ws = try Workspace()
        let f = { (name: String) in fixtures.appendingPathComponent(name).path }
        let mapping = f("salesforce-custom-fields.yaml")
        for (file, date, custom) in [("Account-2024-06-30.csv", "2024-06-30", true), ("Opportunity-2024-06-30.csv", "2024-06-30", false),
                                     ("Account-2026-10-01.csv", "2026-10-01", true), ("Opportunity-2026-10-01.csv", "2026-10-01", false)] {
            let args = ["import", f(file), "--observed-at", date, "--quiet"] + (custom ? ["--source", "salesforce", "--mapping", mapping] : [])
            let result = try ws.reeval.run(args)
            #expect(result.status == 0, "\(file): \(result.stderr)")
        }
        let icp = try ws.reeval.run(["icp", "add", repo.appendingPathComponent("examples/icp/2024-h1.yaml").path,
                                     repo.appendingPathComponent("examples/icp/2025-q3.yaml").path, "--quiet"])
        #expect(icp.status == 0, "\(icp.stderr)")
        return ws
    }

    static let revivedQuery = "SELECT rank, crm_id, company, baseline_icp, baseline_score, baseline_tier, score, tier, is_new FROM revived_latest"

    @Test("a lead whose stored state has an unreadable observed_at is left out and counted, never a candidate that is not judged")
    func unreadableState() throws {
        let ws = try Self.scenario()
        _ = try ws.reeval.sql("UPDATE leads SET observed_at = 'garbage' WHERE crm_id = '006OPPD00000000YDA'")
        let result = try ws.reeval.run(["--as-of", "2026-11-22"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("6 candidates, 4 revived"), "\(result.stdout)")
        #expect(result.stderr.contains("1 lead has a stored state whose observed_at cannot be read") || result.stdout.contains("observed_at cannot be read"),
                "\(result.stdout)\(result.stderr)")
        #expect(try ws.reeval.sql("SELECT json_extract(excluded, '$.unreadable_state') FROM runs") == ["1"])
    }

    @Test("the revived set, ranks, scores and tiers are exactly the ones the scenario implies")
    func revivedSet() throws {
        let ws = try Self.scenario()
        let result = try ws.reeval.run(["--as-of", "2026-11-22"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "run #1 as of 2026-11-22, ICP 2025-q3: 7 candidates, 5 revived (5 new); data_change 2, icp_change 1, lost_reason_resolved 1, trigger 1\n")
        #expect(try ws.reeval.sql(Self.revivedQuery) == [
            "1|006OPPD00000000YDA|SSOco|2024-h1|90.0|A|90.0|A|1",
            "2|006OPPA00000000YDA|Finco Capital|2024-h1|45.0|C|75.0|B|1",
            "3|006OPPE00000000YDA|Tinyco|2024-h1|50.0|DQ|75.0|B|1",
            "4|006OPPC00000000YDA|Fundco|2024-h1|50.0|C|65.0|B|1",
            "5|006OPPB00000000YDA|Growco Software Inc.|2024-h1|50.0|C|65.0|B|1",
        ])
    }

    @Test("each revived lead's reasons name the kind, the rule, the points and the values, and add up to the delta")
    func reasons() throws {
        let ws = try Self.scenario()
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--quiet"]).status == 0)
        #expect(try ws.reeval.sql("""
            SELECT r.crm_id, j.value ->> 'kind', j.value ->> 'id', j.value ->> 'points_before', j.value ->> 'points_after', j.value ->> 'detail'
            FROM revived_latest r, json_each(r.reasons) j ORDER BY r.rank, j.key
            """) == [
            "006OPPD00000000YDA|lost_reason_resolved|lost_reason|0|0|lost for 'No SSO', now resolved",
            "006OPPA00000000YDA|icp_change|industry|0|30|ICP now gives industry Financial Services +30 (was +0 under 2024-h1)",
            "006OPPE00000000YDA|data_change|size|0|25|employees 5 → 60: size +25",
            "006OPPE00000000YDA|data_change|too-small|0|0|no longer disqualified: employees 5 → 60",
            "006OPPC00000000YDA|trigger|recent-funding|0|15|recent-funding fired: last_funding_at 2026-08-02 +15",
            "006OPPB00000000YDA|data_change|size|0|15|employees 40 → 250: size +15",
        ])
        #expect(try ws.reeval.sql("""
            SELECT count(*) FROM revived_latest r
            WHERE r.delta != (SELECT coalesce(sum((j.value ->> 'points_after') - (j.value ->> 'points_before')), 0) FROM json_each(r.reasons) j)
            """) == ["0"])
    }

    @Test("reeval explain prints a lead's baseline and current evaluation as the run saw them, and its reasons; --json in the documented shape")
    func explain() throws {
        let ws = try Self.scenario()
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--quiet"]).status == 0)
        // A report's 15-character id finds the record stored under its 18-character id.
        let text = try ws.reeval.run(["explain", "006OPPB00000000"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("salesforce Opportunity 006OPPB00000000YDA, run #1: revived\n"))
        #expect(text.stdout.contains("baseline: ICP 2024-h1 as of 2024-03-01: score 50, tier C"))
        #expect(text.stdout.contains("current: ICP 2025-q3 as of 2026-11-22: score 65, tier B"))
        #expect(text.stdout.contains("data_change: employees 40 → 250: size +15"))
        let json = try ws.reeval.run(["explain", "006OPPB00000000YDA", "--run", "1", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["crm_id"] as? String == "006OPPB00000000YDA")
        #expect(object["run_id"] as? Int == 1)
        for (side, score) in [("baseline", 50.0), ("current", 65.0)] {
            let evaluation = try #require(object[side] as? [String: Any])
            #expect(evaluation["score"] as? Double == score)
            let outcomes = try #require(evaluation["outcomes"] as? [[String: Any]])
            #expect(outcomes.reduce(0) { $0 + ($1["points"] as? Double ?? 0) } == score)
            #expect(outcomes.allSatisfy { Set($0.keys) == ["kind", "id", "field", "verdict", "value", "points"] })
        }
        #expect((object["reasons"] as? [[String: Any]])?.count == 1)
        let missing = try ws.reeval.run(["explain", "NOPE"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("no lead with CRM id NOPE"))
        let won = try ws.reeval.run(["explain", "006OPPG00000000YDA"])
        #expect(won.status == 65)
        #expect(won.stderr.contains("006OPPG00000000YDA was not a candidate in run #1"))
    }

    @Test("won and active open leads are never candidates; the dormant rule is inclusive at its boundary")
    func candidatesAndDormancy() throws {
        let ws = try Self.scenario()
        // 006OPPH00000000YDA was last active 2026-08-24 (90 days before), 006OPPI00000000YDA on 2026-08-25 (89 days).
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--quiet"]).status == 0)
        #expect(try ws.reeval.sql("SELECT l.crm_id FROM lead_scores s JOIN leads l ON l.id = s.lead_id ORDER BY l.crm_id") ==
                ["006OPPA00000000YDA", "006OPPB00000000YDA", "006OPPC00000000YDA", "006OPPD00000000YDA", "006OPPE00000000YDA", "006OPPF00000000YDA", "006OPPH00000000YDA"])
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--dormant-after", "91", "--quiet"]).status == 0)
        #expect(try ws.reeval.sql("SELECT count(*) FROM lead_scores s JOIN leads l ON l.id = s.lead_id WHERE s.run_id = 2 AND l.crm_id IN ('006OPPH00000000YDA', '006OPPI00000000YDA')") == ["0"])
    }

    @Test("--since keeps dismissals on or after the date")
    func since() throws {
        let ws = try Self.scenario()
        let result = try ws.reeval.run(["--since", "2024-03", "--as-of", "2026-11-22", "--quiet"])
        #expect(result.status == 0)
        #expect(try ws.reeval.sql("SELECT crm_id FROM revived_latest") == ["006OPPA00000000YDA", "006OPPC00000000YDA", "006OPPB00000000YDA"])
        #expect(try ws.reeval.sql("SELECT since FROM runs") == ["2024-03-01"])
    }

    @Test("a run repeated for the same night keeps is_new, and two identical runs give identical rows")
    func secondRun() throws {
        let ws = try Self.scenario()
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--quiet"]).status == 0)
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--quiet"]).status == 0)
        // Nothing changed, so the second run writes no score row: the first run's stretches stay open.
        #expect(try ws.reeval.sql("SELECT first_run_id, last_run_id, count(*) FROM score_history GROUP BY 1, 2") == ["1||7"])
        #expect(try ws.reeval.sql("SELECT DISTINCT run_id, is_new FROM revived_latest") == ["2|1"])
        let rows = "SELECT lead_id, rank, baseline_icp, baseline_score, baseline_tier, current_icp, score, tier, delta FROM revived_opportunities WHERE run_id = ? ORDER BY rank"
        #expect(try ws.reeval.sql(rows.replacingOccurrences(of: "?", with: "1")) == ws.reeval.sql(rows.replacingOccurrences(of: "?", with: "2")))
        let reasons = "SELECT lead_id, seq, kind, id, points_before, points_after, detail FROM revival_reasons WHERE run_id = ? ORDER BY lead_id, seq"
        #expect(try ws.reeval.sql(reasons.replacingOccurrences(of: "?", with: "1")) == ws.reeval.sql(reasons.replacingOccurrences(of: "?", with: "2")))
        let scores = "SELECT lead_id, baseline_score, current_score, baseline_state_id, current_state_id FROM lead_scores WHERE run_id = ? ORDER BY lead_id"
        #expect(try ws.reeval.sql(scores.replacingOccurrences(of: "?", with: "1")) == ws.reeval.sql(scores.replacingOccurrences(of: "?", with: "2")))
        #expect(try ws.reeval.sql("SELECT id, status, candidates, revived, new_revived FROM runs") == ["1|completed|7|5|5", "2|completed|7|5|5"])
        // Retention: only the newest run keeps its per-lead scores; revived rows stay. Under the
        // older ICP every current result differs, and the stretches of runs 1 and 2 are deleted.
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--icp", "2024-h1", "--keep-runs", "1", "--quiet"]).status == 0)
        #expect(try ws.reeval.sql("SELECT DISTINCT run_id FROM lead_scores") == ["3"])
        #expect(try ws.reeval.sql("SELECT count(DISTINCT run_id) FROM revived_opportunities") == ["3"])
        #expect(try ws.reeval.sql("SELECT count(*) FROM lead_scores") == ["7"])
        #expect(try ws.reeval.sql("SELECT count(*) FROM score_history") == ["7"])
        #expect(try ws.reeval.sql("SELECT DISTINCT current_icp FROM lead_scores") == ["2024-h1"])
    }

    @Test("a preview of an unregistered ICP file and a --dry-run evaluate everything and store nothing")
    func previewAndDryRun() throws {
        let ws = try Self.scenario()
        let before = try ws.reeval.sql("SELECT (SELECT count(*) FROM runs) || '/' || (SELECT count(*) FROM lead_scores) || '/' || (SELECT count(*) FROM icp_versions)")
        var draft = try String(contentsOf: Self.repo.appendingPathComponent("examples/icp/2025-q3.yaml"), encoding: .utf8)
        draft = draft.replacingOccurrences(of: "version: 2025-q3", with: "version: 2026-draft")
            .replacingOccurrences(of: "in: [Software, Computer Software, SaaS, Financial Services]", with: "in: [Software, Computer Software, SaaS, Financial Services, Retail]")
        try ws.write("draft.yaml", draft)
        let preview = try ws.reeval.run(["--icp", "draft.yaml", "--as-of", "2026-11-22", "--json"])
        #expect(preview.status == 0, "\(preview.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(preview.stdout.utf8)) as? [String: Any])
        #expect(json["stored"] as? Bool == false)
        #expect(json["icp_version"] as? String == "2026-draft")
        #expect(json["revived"] as? Int == 5)
        let dry = try ws.reeval.run(["--dry-run", "--as-of", "2026-11-22"])
        #expect(dry.status == 0)
        #expect(dry.stdout.hasPrefix("dry run (nothing stored)"))
        #expect(try ws.reeval.sql("SELECT (SELECT count(*) FROM runs) || '/' || (SELECT count(*) FROM lead_scores) || '/' || (SELECT count(*) FROM icp_versions)") == before)
    }

    @Test("a second concurrent run exits 75 at once")
    func concurrentRun() throws {
        let ws = try Self.scenario()
        // Hold the run lock as another run would: an exclusive flock on the lock file, which the
        // kernel checks across processes.
        let fd = open(ws.path("reeval.sqlite.lock"), O_CREAT | O_RDWR, 0o600)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        defer { close(fd) }
        let started = Date()
        let result = try ws.reeval.run(["--as-of", "2026-11-22"])
        #expect(result.status == 75)
        #expect(result.stderr.contains("another reeval run"))
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(try ws.reeval.sql("SELECT count(*) FROM runs") == ["0"])
    }

    @Test("the lock follows the database file: a run through a symlink, or through a symlinked folder, exits 75 beside a running one",
          arguments: ["link.sqlite", "linked-folder/reeval.sqlite"])
    func lockByFileIdentity(path: String) throws {
        let ws = try Self.scenario()
        try FileManager.default.createSymbolicLink(atPath: ws.path("link.sqlite"), withDestinationPath: ws.path("reeval.sqlite"))
        try FileManager.default.createSymbolicLink(atPath: ws.path("linked-folder"), withDestinationPath: ws.path("."))
        let fd = open(ws.path("reeval.sqlite.lock"), O_CREAT | O_RDWR, 0o600)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        defer { close(fd) }
        let result = try ws.reeval.run(["--db", path, "--as-of", "2026-11-22"])
        #expect(result.status == 75, "\(result.stderr)")
        #expect(try ws.reeval.sql("SELECT count(*) FROM runs") == ["0"])
    }

    @Test("a run killed mid-way leaves no partial run, integrity_check ok, and the next run completes")
    func killedRun() throws {
        let ws = try Self.scenario()
        // Enough dormant leads that the run takes a while, and that its score rows outgrow
        // SQLite's page cache (2 MB) before it commits: a run writes nothing else to the WAL
        // until then, so only a spill makes the WAL grow while the transaction is still open.
        var text = "Record ID,Deal Name,Deal Stage,Close Date,Create Date,Last Activity Date\n"
        for i in 1...60_000 { text += "\(i),Deal \(i),Closed Lost,2024-02-15,2023-11-01 09:00,2024-02-01 10:00\n" }
        try ws.write("deals.csv", text)
        #expect(try ws.reeval.run(["import", "deals.csv", "--quiet"]).status == 0)
        let process = Process()
        process.executableURL = ReevalProcess.binary
        process.arguments = ["--as-of", "2026-11-22", "--quiet"]
        process.currentDirectoryURL = ws.url
        // Kill it once it is writing its transaction: its WAL, empty when it started (the import's
        // last connection checkpointed and removed it), has grown.
        func walSize() -> Int { (try? FileManager.default.attributesOfItem(atPath: ws.path("reeval.sqlite-wal"))[.size] as? Int) ?? 0 }
        #expect(walSize() == 0)
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, walSize() == 0, Date() < deadline { usleep(1_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the run finished before it could be killed")
        #expect(try ws.reeval.sql("SELECT count(*) FROM runs") == ["0"])
        #expect(try ws.reeval.sql("SELECT count(*) FROM lead_scores") == ["0"])
        #expect(try ws.reeval.sql("PRAGMA integrity_check") == ["ok"])
        let next = try ws.reeval.run(["--as-of", "2026-11-22", "--quiet"])
        #expect(next.status == 0)
        #expect(try ws.reeval.sql("SELECT status, candidates FROM runs") == ["completed|60007"])
    }

    @Test("--inbox imports new exports in name order before evaluating; a bad file fails the run with 65 and nothing evaluated")
    func inbox() throws {
        let ws = try Workspace()
        try FileManager.default.createDirectory(at: ws.url.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        for name in ["Account-2024-06-30.csv", "Opportunity-2024-06-30.csv"] {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: ws.url.appendingPathComponent("inbox/\(name)"))
        }
        #expect(try ws.reeval.run(["icp", "add", Self.repo.appendingPathComponent("examples/icp/2024-h1.yaml").path, "--quiet"]).status == 0)
        try ws.write("inbox/zz-broken.csv", "Foo,Bar\n1,2\n")
        let failed = try ws.reeval.run(["--inbox", "inbox", "--as-of", "2026-11-22"])
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("zz-broken.csv"))
        #expect(try ws.reeval.sql("SELECT count(*) FROM imports") == ["0"])
        #expect(try ws.reeval.sql("SELECT status FROM runs") == ["failed"])
        try FileManager.default.removeItem(at: ws.url.appendingPathComponent("inbox/zz-broken.csv"))
        let ok = try ws.reeval.run(["--inbox", "inbox", "--as-of", "2026-11-22", "--json"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try ws.reeval.sql("SELECT file_name FROM imports ORDER BY id") == ["inbox/Account-2024-06-30.csv", "inbox/Opportunity-2024-06-30.csv"])
        let again = try ws.reeval.run(["--inbox", "inbox", "--as-of", "2026-11-22", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect((json["inbox_imports"] as? [String])?.isEmpty == true)
    }
}
