import CRMImport
import Foundation
import ICP
import LeadData
import Reevaluation
import ReevalStore
import Testing

@Suite("icp suggest: a first ICP from the best customers")
struct ICPSuggestionTests {
    /// A planted profile: the 24 biggest wins are Software companies of 50–200 people in the US or
    /// the UK; the other wins and the losses spread over other industries, sizes and countries.
    static func fixture() throws -> (Database, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reeval-suggest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let db = try Database.openMigrated(path: folder.appendingPathComponent("t.sqlite").path, now: now)
        var csv = "Lead ID,Company,Industry,Employees,Country,Stage,Amount,Region Code,Created,Closed\n"
        let industries = ["Retail", "Healthcare", "Media", "Logistics", "Education"]
        let countries = ["Germany", "France", "Spain", "Brazil", "Japan"]
        let sizes = ["8", "700", "3000", "12000", "30"]
        for i in 0..<24 {
            csv += "B-\(i),Best \(i),Software,\(60 + i * 5),\(i % 2 == 0 ? "United States" : "United Kingdom"),Won,\(50_000 + i * 1000),R\(i % 3),2024-01-10,2024-06-01\n"
        }
        for i in 0..<30 {
            csv += "W-\(i),Won \(i),\(industries[i % 5]),\(sizes[i % 5]),\(countries[i % 5]),Won,\(1000 + i),R\(i % 3),2024-01-10,2024-06-01\n"
        }
        for i in 0..<120 {
            let software = i % 10 == 0
            csv += "L-\(i),Lost \(i),\(software ? "Software" : industries[i % 5]),\(sizes[(i / 5) % 5]),\(countries[(i / 3) % 5]),Lost,5000,R\(i % 3),2024-01-10,2024-06-01\n"
        }
        let path = folder.appendingPathComponent("deals.csv").path
        try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
        var options = ImportOptions(now: now)
        options.mapping = try Mapping.parse("""
            source: acme
            object: leads
            id: Lead ID
            fields: {company: Company, industry: Industry, employees: Employees, country: Country, amount: Amount, created_at: Created, closed_at: Closed}
            lifecycle: {column: Stage, won: [Won], lost: [Lost]}
            """, file: "acme.yaml")
        _ = try Importer(db: db).importFile(path, options: options)
        return (db, folder)
    }

    @Test("the draft holds the planted industry, size band and countries, passes icp check, uses no outcome field, and its top tier wins more")
    func plantedProfile() throws {
        let (db, folder) = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let effective = DateParser().parse("2026-12-01")!
        let draft = try ICPSuggestion(db: db).draft(topPercent: 20, label: "draft", effective: effective)
        let version = try ICPParser.parse(draft.yaml, file: "draft.yaml")
        let byField = Dictionary(grouping: version.criteria, by: { $0.field.description })
        #expect(byField["industry"]?.first?.rule == .isIn(["Software"]))
        #expect(byField["country"].map { c in c.first.map { if case .isIn(let l) = $0.rule { return Set(l) } else { return [] } } } == Set(["GB", "US"]))
        if case .bands(let bands)? = byField["employees"]?.first?.rule {
            #expect(bands.map { "\(Int($0.low))-\(Int($0.high))" } == ["50-200"])
        } else {
            Issue.record("no employees bands in \(draft.yaml)")
        }
        let outcome: Set<String> = ["status", "lost_reason", "closed_at", "amount", "lifecycle"]
        #expect(version.criteria.allSatisfy { !outcome.contains($0.field.description) })
        #expect(draft.yaml.contains("# industry Software: "))
        #expect(draft.bestCustomers == 11)
        let backtest = try Backtest(db: db).run(version, from: nil, to: nil)
        #expect(backtest.tiers[0].records > 0, "\(draft.yaml)")
        #expect(backtest.tiers[0].winRate > 2 * backtest.winRate, "\(backtest.tiers.map { ($0.tier ?? "none", $0.records, $0.won) })")
        // --top changes the group.
        #expect(try ICPSuggestion(db: db).draft(topPercent: 40, label: "draft", effective: effective).bestCustomers == 22)
    }
}
