import CRMImport
import Foundation
import ICPRegistry
import LeadData
import Reevaluation
import ReevalStore
import Sample
import Testing

/// The sample exports imported and run, for the stage's tests.
final class SampleRun {
    let folder: URL
    let db: Database
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    init(leads: Int = 600) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("reeval-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        db = try Database.openMigrated(path: folder.appendingPathComponent("t.sqlite").path, now: Self.now)
        let written = try SampleExports(leads: leads, seed: 7).write(to: folder.path)
        for file in written.exports {
            var options = ImportOptions(now: Self.now)
            options.observedAt = file.observedAt
            _ = try Importer(db: db).importFile(folder.appendingPathComponent(file.path).path, options: options)
        }
        for icp in written.icps {
            try ICPRegistry(db: db).add(text: try String(contentsOf: folder.appendingPathComponent(icp), encoding: .utf8), file: icp, now: Self.now)
        }
    }

    @discardableResult
    func run(asOf: Timestamp = SampleExports.demoAsOf, icp: String? = nil, since: Timestamp? = nil) throws -> RunSummary {
        var options = RunOptions(asOf: asOf, clock: { Self.now })
        options.icpLabel = icp
        options.since = since
        return try Reevaluation(db: db).run(options)
    }

    func strings(_ sql: String, _ values: [DatabaseValueConvertible?] = []) throws -> [String] {
        try db.rows(sql, values).map { $0.values.map { $0.string ?? "NULL" }.joined(separator: "|") }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

@Suite("Scores stored when they change, explanations recomputed")
struct ExplainTests {
    @Test("explain recomputes every candidate of a sample run: its scores are the stored ones and its outcomes add up to them")
    func explainAddsUp() throws {
        let sample = try SampleRun()
        let summary = try sample.run()
        #expect(summary.candidates > 100)
        let rows = try sample.db.rows("""
            SELECT l.crm_id, l.source, l.object, s.baseline_score, s.current_score FROM lead_scores s JOIN leads l ON l.id = s.lead_id
            WHERE s.run_id = ?
            """, [summary.runID])
        #expect(rows.count == summary.candidates)
        for row in rows {
            let crmID: String = row["crm_id"] ?? ""
            let explanation = try Explanation.load(sample.db, crmID: crmID, runID: summary.runID, source: row["source"], object: row["object"])
            #expect(explanation.baseline.score == row.value("baseline_score").double, "\(crmID)")
            #expect(explanation.current.score == row.value("current_score").double, "\(crmID)")
            #expect(explanation.baseline.outcomes.reduce(0) { $0 + $1.points } == explanation.baseline.score)
            #expect(explanation.current.outcomes.reduce(0) { $0 + $1.points } == explanation.current.score)
            if explanation.revived {
                #expect(explanation.reasons.reduce(0) { $0 + $1.delta } == explanation.current.score - explanation.baseline.score, "\(crmID)")
            }
        }
    }

    @Test("an unchanged nightly run writes no score_history row and extends the previous ones; lead_scores has a row per run and candidate")
    func unchangedNightExtends() throws {
        let sample = try SampleRun()
        let first = try sample.run()
        #expect(try sample.strings("SELECT count(*) FROM score_history") == ["\(first.candidates)"])
        let stored = try sample.strings("SELECT * FROM score_history ORDER BY lead_id, first_run_id")
        let second = try sample.run()
        // The stretches stay open (no last run yet): the table is exactly as the first run left it.
        #expect(try sample.strings("SELECT * FROM score_history ORDER BY lead_id, first_run_id") == stored)
        #expect(try sample.strings("SELECT DISTINCT first_run_id, last_run_id FROM score_history") == ["\(first.runID!)|NULL"])
        #expect(try sample.strings("SELECT DISTINCT score_run_id FROM lead_current WHERE score IS NOT NULL") == ["\(second.runID!)"])
        #expect(try sample.strings("SELECT run_id, count(*) FROM lead_scores GROUP BY run_id") == [
            "\(first.runID!)|\(first.candidates)", "\(second.runID!)|\(second.candidates)",
        ])
        let columns = "lead_id, dismissed_at, baseline_icp, baseline_score, baseline_tier, current_icp, current_score, current_tier"
        #expect(try sample.strings("SELECT \(columns) FROM lead_scores WHERE run_id = ? ORDER BY lead_id", [first.runID])
                == sample.strings("SELECT \(columns) FROM lead_scores WHERE run_id = ? ORDER BY lead_id", [second.runID]))
        // A run under another version changes every current result: new rows, the old ones end.
        let third = try sample.run(icp: "2024-h1")
        #expect(try sample.strings("SELECT count(*) FROM score_history WHERE first_run_id = ?", [third.runID]) == ["\(third.candidates)"])
        #expect(try sample.strings("SELECT count(*) FROM score_history WHERE last_run_id = ?", [second.runID]) == ["\(second.candidates)"])
        // Retention keeps the kept runs' history only.
        var options = RunOptions(asOf: SampleExports.demoAsOf, clock: { SampleRun.now })
        options.keepRuns = 1
        let fourth = try Reevaluation(db: sample.db).run(options)
        #expect(try sample.strings("SELECT DISTINCT run_id FROM lead_scores") == ["\(fourth.runID!)"])
        #expect(try sample.strings("SELECT count(*) FROM score_history") == ["\(fourth.candidates)"])
        // A stretch that spans the boundary keeps its first run; the trimmed runs leave lead_scores.
        let stretches = try sample.strings("SELECT * FROM score_history ORDER BY lead_id, first_run_id")
        let fifth = try Reevaluation(db: sample.db).run(options)
        #expect(try sample.strings("SELECT * FROM score_history ORDER BY lead_id, first_run_id") == stretches)
        #expect(try sample.strings("SELECT run_id, count(*) FROM lead_scores GROUP BY run_id") == ["\(fifth.runID!)|\(fifth.candidates)"])
        #expect(try sample.strings("SELECT id FROM runs WHERE scores_kept ORDER BY id") == ["\(fifth.runID!)"])
        let lead = try #require(try sample.strings("SELECT l.crm_id FROM score_history h JOIN leads l ON l.id = h.lead_id LIMIT 1").first)
        #expect(throws: Failure(.badData, "the scores of run #\(fourth.runID!) were trimmed by --keep-runs; explain a kept run (see `reeval status`)")) {
            try Explanation.load(sample.db, crmID: lead, runID: fourth.runID, source: nil, object: nil)
        }
        #expect(try Explanation.load(sample.db, crmID: lead, runID: fifth.runID, source: nil, object: nil).runID == fifth.runID)
    }

    @Test("a lead that is no longer a candidate ends its stretch at the run before; judged again, it starts a new one")
    func candidateLeavesAndReturns() throws {
        let sample = try SampleRun()
        let first = try sample.run()
        let second = try sample.run(since: DateParser().parse("2025-06"))
        #expect(second.candidates > 0 && second.candidates < first.candidates)
        let left = first.candidates - second.candidates
        #expect(try sample.strings("SELECT count(*) FROM score_history WHERE first_run_id = ? AND last_run_id = ?", [first.runID, first.runID]) == ["\(left)"])
        #expect(try sample.strings("SELECT run_id, count(*) FROM lead_scores GROUP BY run_id") == [
            "\(first.runID!)|\(first.candidates)", "\(second.runID!)|\(second.candidates)",
        ])
        let third = try sample.run()
        #expect(try sample.strings("SELECT count(*) FROM score_history WHERE first_run_id = ? AND last_run_id IS NULL", [third.runID]) == ["\(left)"])
        #expect(try sample.strings("SELECT count(*) FROM lead_scores WHERE run_id = ?", [third.runID]) == ["\(third.candidates)"])
        #expect(try sample.strings("SELECT count(*) FROM score_history WHERE last_run_id IS NULL") == ["\(third.candidates)"])
    }

    @Test("runs.unknown_by_criterion counts, per rule, the candidates the current ICP could not judge")
    func unknownByCriterion() throws {
        let sample = try SampleRun()
        let summary = try sample.run()
        var expected: [String: Int] = [:]
        for row in try sample.db.rows("SELECT l.crm_id, l.source, l.object FROM lead_scores s JOIN leads l ON l.id = s.lead_id WHERE s.run_id = ?", [summary.runID]) {
            let e = try Explanation.load(sample.db, crmID: row["crm_id"] ?? "", runID: summary.runID, source: row["source"], object: row["object"])
            for o in e.current.outcomes where o.verdict == .unknown { expected[o.id, default: 0] += 1 }
        }
        #expect(!expected.isEmpty)
        let stored = try sample.db.rows("SELECT u.key, u.value FROM runs, json_each(runs.unknown_by_criterion) u WHERE runs.id = ?", [summary.runID])
        #expect(Dictionary(uniqueKeysWithValues: stored.map { ($0[0].string ?? "", $0[1].int ?? 0) }) == expected)
    }
}
