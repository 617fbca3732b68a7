import CRMImport
import Foundation
import ICP
import ICPRegistry
import LeadData
import Reevaluation
import ReevalStore
import Testing

@Suite("Backtest: how well an ICP tells won from lost")
struct BacktestTests {
    /// 10 records that are tier A under the example ICP 2025-q3 (4 won), 10 tier B (2 won) and
    /// 20 tier C (1 won), an undated won B record that comes in at its first observed state,
    /// plus open and disqualified records that are left out.
    static func fixture() throws -> (Database, ICPVersion, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reeval-backtest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let db = try Database.openMigrated(path: folder.appendingPathComponent("t.sqlite").path, now: now)
        var csv = "Lead ID,Company,Industry,Employees,Country,Tech,Stage,Amount,Created,Closed\n"
        var id = 0
        func add(_ count: Int, won: Int, industry: String, tech: String, stage: String? = nil, created: String = "2024-01-10") {
            for i in 0..<count {
                id += 1
                let outcome = stage ?? (i < won ? "Won" : "Lost")
                csv += "L-\(id),Co \(id),\(industry),120,United States,\(tech),\(outcome),1000,\(created),2024-06-01\n"
            }
        }
        add(10, won: 4, industry: "Software", tech: "Salesforce")   // 30 + 25 + 20 + 15 = 90: A
        add(10, won: 2, industry: "Software", tech: "")             // 75: B
        add(20, won: 1, industry: "Retail", tech: "")               // 25 + 20 = 45: C
        add(3, won: 0, industry: "Software", tech: "", stage: "Open")
        add(2, won: 0, industry: "Software", tech: "", stage: "Junk")
        add(1, won: 1, industry: "Software", tech: "", created: "")
        let path = folder.appendingPathComponent("deals.csv").path
        try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
        var options = ImportOptions(now: now)
        options.mapping = try Mapping.parse("""
            source: acme
            object: leads
            id: Lead ID
            fields: {company: Company, industry: Industry, employees: Employees, country: Country, technologies: Tech, amount: Amount, created_at: Created, closed_at: Closed}
            lifecycle: {column: Stage, won: [Won], lost: [Lost], disqualified: [Junk]}
            """, file: "acme.yaml")
        _ = try Importer(db: db).importFile(path, options: options)
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
        let version = try ICPParser.load(path: repo.appendingPathComponent("examples/icp/2025-q3.yaml").path).version
        return (db, version, folder)
    }

    @Test("records, won, win rates, Wilson intervals, lifts, precision and recall, and the ROC AUC are exactly the fixture's")
    func knownByConstruction() throws {
        let (db, version, folder) = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try Backtest(db: db).run(version, from: nil, to: nil)
        #expect((r.records, r.won, r.undated) == (41, 8, 1))
        #expect(r.leftOut == ["open": 3, "disqualified": 2])
        #expect(r.tiers.map { "\($0.tier ?? "none") \($0.records) \($0.won)" } == ["A 10 4", "B 11 3", "C 20 1", "none 0 0", "DQ 0 0"])
        let a = r.tiers[0], b = r.tiers[1], c = r.tiers[2]
        #expect(a.winRate == 0.4 && abs(b.winRate - 3.0 / 11) < 1e-12 && c.winRate == 0.05)
        let ai = try #require(a.interval), ci = try #require(c.interval)
        #expect(abs(ai.low - 0.16818) < 1e-5 && abs(ai.high - 0.687326) < 1e-5)
        #expect(abs(ci.low - 0.008881) < 1e-5 && abs(ci.high - 0.236131) < 1e-5)
        // An empty tier has no interval, not [0, 0].
        #expect(r.tiers[3].interval == nil)
        #expect(abs(r.lift(a) - 0.4 / (8.0 / 41)) < 1e-9)
        #expect(a.wonAmount == 4000)
        #expect(r.atRevive.records == 21 && r.atRevive.won == 7)
        #expect(abs(r.atRevive.precision - 7.0 / 21) < 1e-9 && abs(r.atRevive.recall - 7.0 / 8.0) < 1e-9)
        // Won A beats 27 lost and ties 6, won B beats 19 and ties 8, won C ties 19: 198.5 of 8 × 33 pairs.
        let auc = try #require(r.auc)
        #expect(abs(auc.value - 198.5 / 264) < 1e-12)
        #expect(abs(auc.low - 0.542675) < 1e-5 && abs(auc.high - 0.961113) < 1e-5)
        #expect(r.scored.count == 41 && r.scored.filter(\.won).count == 8)
        #expect(r.sampleTooSmall)
        // The window keeps closes on or between its dates.
        #expect(try Backtest(db: db).run(version, from: DateParser().parse("2025-01"), to: nil).records == 0)
    }
}
