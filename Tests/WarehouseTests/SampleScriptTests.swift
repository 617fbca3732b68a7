import CRMImport
import Foundation
import ICP
import ICPRegistry
import LeadData
import Reevaluation
import ReevalStore
import Sample
import Testing
import Warehouse

@Suite("reeval sql on SQLite: the script's results are reeval's own")
struct SampleScriptTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// The sample exports imported, both ICP versions registered and a run made as of the demo
    /// date; the script compiled for SQLite run in the same database over `lead_snapshots`.
    static func sampleRun(folder: URL) throws -> (db: Database, versions: [ICPVersion], runID: Int) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let db = try Database.openMigrated(path: folder.appendingPathComponent("t.sqlite").path, now: now)
        let written = try SampleExports(leads: 800, seed: 11).write(to: folder.path)
        for file in written.exports {
            var options = ImportOptions(now: now)
            options.observedAt = file.observedAt
            _ = try Importer(db: db).importFile(folder.appendingPathComponent(file.path).path, options: options)
        }
        for icp in written.icps {
            try ICPRegistry(db: db).add(text: try String(contentsOf: folder.appendingPathComponent(icp), encoding: .utf8), file: icp, now: now)
        }
        let summary = try Reevaluation(db: db).run(RunOptions(asOf: SampleExports.demoAsOf, clock: { now }))
        let versions = try ICPRegistry(db: db).all().map(\.version)
        let script = try WarehouseScript(versions: versions, dialect: .sqlite, parameters: .init(asOf: SampleExports.demoAsOf))
        try db.execute(script: "CREATE VIEW reeval_states AS SELECT * FROM lead_snapshots;\n" + script.text)
        return (db, versions, summary.runID ?? 0)
    }

    @Test("on the sample data, every state under every version scores as reeval scores it, and the revived list, its order and its reasons are the run's")
    func sampleAgrees() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reeval-sql-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, versions, runID) = try Self.sampleRun(folder: folder)
        let compared = try expectScriptScoresLikeScorer(db, versions: versions, asOf: SampleExports.demoAsOf)
        #expect(compared > 2_000)

        let fields = "lead_id, rank, dismissed_at, baseline_icp, baseline_score, coalesce(baseline_tier, '-'), current_icp, score, tier, delta"
        let script = try db.rows("SELECT \(fields), reason_kinds FROM reeval_revived ORDER BY rank").map(\.values)
        let run = try db.rows("""
            SELECT \(fields.replacingOccurrences(of: "dismissed_at", with: "(SELECT dismissed_at FROM revived_by_run v WHERE v.run_id = r.run_id AND v.lead_id = r.lead_id)")),
                   (SELECT json_group_array(kind) FROM (SELECT DISTINCT kind FROM revival_reasons x WHERE x.run_id = r.run_id AND x.lead_id = r.lead_id
                    ORDER BY CASE kind WHEN 'icp_change' THEN 0 WHEN 'data_change' THEN 1 WHEN 'trigger' THEN 2 ELSE 3 END))
            FROM revived_opportunities r WHERE r.run_id = ? ORDER BY rank
            """, [runID]).map(\.values)
        #expect(run.count > 50)
        #expect(script == run)
        let excluded = try db.scalar("SELECT count(*) FROM reeval_candidates WHERE excluded IS NOT NULL")?.int ?? -1
        let runExcluded = try db.scalar("SELECT coalesce((SELECT sum(value) FROM json_each(excluded)), 0) FROM runs WHERE id = ?", [runID])?.int ?? -2
        #expect(excluded == runExcluded)
    }

    @Test("what SQL cannot read as reeval does is refused by name")
    func refusals() throws {
        func refusal(_ yaml: String, _ dialect: SQLDialect) -> String? {
            do {
                let version = try ICPParser.parse(yaml, file: "t.yaml")
                _ = try WarehouseScript(versions: [version], dialect: dialect, parameters: .init(asOf: SampleExports.demoAsOf))
                return nil
            } catch let failure as Failure {
                #expect(failure.kind == .badData)
                return failure.message
            } catch {
                return "\(error)"
            }
        }
        let head = "version: t\neffective: 2025-01-01\ntiers: {A: 10}\nrevive_at: A\ncriteria:\n"
        let money = refusal(head + "  - {id: budget, field: attributes.Budget, at_least: 1000, points: 10}\n", .duckdb)
        #expect(money?.contains("at_least on attributes.Budget") == true)
        let accent = head + "  - {id: city, field: city, in: [Zürich], points: 10}\n"
        #expect(refusal(accent, .sqlite)?.contains("'zürich'") == true)
        #expect(refusal(accent, .duckdb) == nil)
    }
}
