import CRMImport
import Foundation
import ICPRegistry
import LeadData
import ReevalStore
import Reevaluation
import Sample
import Testing

/// A run holds the stored explanations' digests in memory up to a limit, and looks them up in
/// SQLite past it. Users never choose between the two paths, so both must store the same thing.
@Suite("Explanations past the memory limit")
struct ExplanationMemoryTests {
    static let asOfDates = [SampleExports.demoAsOf, SampleExports.demoAsOf, SampleExports.demoAsOf.adding(days: 200)]

    /// The demo's exports and ICP versions imported into a new database `name` in `folder`.
    static func database(in folder: URL, name: String) throws -> Database {
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let files = folder.appendingPathComponent("sample-\(name)")
        let sample = try SampleExports(leads: 300, seed: 11).write(to: files.path)
        let db = try Database.openMigrated(path: folder.appendingPathComponent("\(name).sqlite").path, now: now)
        for file in sample.exports {
            var options = ImportOptions(now: now, clock: { now })
            options.observedAt = file.observedAt
            _ = try Importer(db: db).importFile(files.appendingPathComponent(file.path).path, options: options)
        }
        for icp in sample.icps {
            let text = try String(contentsOfFile: files.appendingPathComponent(icp).path, encoding: .utf8)
            try ICPRegistry(db: db).add(text: text, file: icp, now: now)
        }
        return db
    }

    /// Runs the three runs with `limit`; returns the explanations each run added.
    static func runAll(_ db: Database, limit: Int) throws -> [Int] {
        var added: [Int] = []
        for asOf in asOfDates {
            let before = try db.scalar("SELECT count(*) FROM explanations")?.int ?? 0
            var options = RunOptions(asOf: asOf, clock: { Date(timeIntervalSince1970: 1_790_000_000) })
            options.explanationMemoryLimit = limit
            _ = try Reevaluation(db: db).run(options)
            added.append((try db.scalar("SELECT count(*) FROM explanations")?.int ?? 0) - before)
        }
        return added
    }

    static let scores = """
        SELECT run_id, lead_id, baseline_score, baseline_tier, current_score, current_tier, baseline_explanation, current_explanation
        FROM lead_scores ORDER BY run_id, lead_id
        """

    @Test("a run over the limit stores the same scores and explanation texts, each text once, as one within it")
    func sameRowsPastTheLimit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reeval-memory-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let roomy = try Self.database(in: folder, name: "roomy")
        let tight = try Self.database(in: folder, name: "tight")
        let addedRoomy = try Self.runAll(roomy, limit: 750_000)
        // 5 digests: the first run outgrows it within the run, the later ones find more stored than that.
        let addedTight = try Self.runAll(tight, limit: 5)

        #expect(addedRoomy == addedTight)
        #expect(addedRoomy[0] > 100, "the first run writes its explanations")
        #expect(addedRoomy[1] == 0, "an identical second run writes none")
        #expect(addedRoomy[2] > 0, "200 days later trigger windows have moved")
        let roomyRows = try roomy.rows(Self.scores), tightRows = try tight.rows(Self.scores)
        #expect(roomyRows.count == (try roomy.scalar("SELECT sum(evaluated) FROM runs WHERE status = 'completed'")?.int ?? -1))
        #expect(roomyRows.count > 3 * 100)
        #expect(roomyRows == tightRows)
        for db in [roomy, tight] {
            #expect(try db.scalar("SELECT count(*) = count(DISTINCT json) FROM explanations")?.int == 1, "an explanation text stored twice")
        }
    }
}
