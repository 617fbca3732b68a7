import Foundation
import ICP
import LeadData
import ReevalStore
import Sample
import Testing
import Warehouse

/// Generated leads and ICPs: values written the many ways exports write them (case, spaces, tabs,
/// country names and codes, open ranges, empty lists), rules drawn from every operator.
@Suite("reeval sql on SQLite: generated leads and ICPs score as the Swift scorer scores them")
struct GeneratedScriptTests {
    static let industries: [String?] = ["Software", " software ", "SOFTWARE  Services", "Fin\ttech", "fintech", "İnsurance", "Kelvin\u{212A}", nil, ""]
    /// Countries as reeval stores them: a code, or text that names no country it knows.
    static let countries: [String?] = ["DE", "US", "GB", "FR", "Atlantis", "atlantis  Republic", nil]
    static let tools = ["Salesforce", "HubSpot", "slack", " Slack ", "SNOWFLAKE"]

    static func record(_ draw: inout SampleRandom) -> LeadRecord {
        var r = LeadRecord(crmID: "", lifecycle: draw.pick([.lost, .open, .disqualified, .won]))
        r.industry = draw.pick(industries)
        r.country = draw.pick(countries)
        r.industryCode = draw.pick(["5112", "51821", "6011", nil])
        if draw.chance(0.85) {
            let low = Double(draw.pick([1, 10, 49, 50, 200, 201, 1000, 5000]))
            r.employees = NumberRange(low: low, high: draw.pick([low, low + 150, nil]))
        }
        if draw.chance(0.70) { r.technologies = tools.filter { _ in draw.chance(0.40) } }
        if draw.chance(0.70) { r.lastFundingAt = Timestamp(year: 2026, month: draw.pick([1, 6, 10, 11]), day: draw.pick([1, 15, 22]), isDateOnly: true) }
        if draw.chance(0.60) { r.attributes["Segment"] = draw.pick(["Gold", "gold ", "Silver", "  "]) }
        r.domain = draw.pick(["acme.com", nil])
        return r
    }

    static let ruleTemplates = [
        "{id: r%d, field: industry, in: [software, fintech], points: 10}",
        "{id: r%d, field: industry, not_in: [Software], points: 5}",
        "{id: r%d, field: industry, equals: 'software services', points: 7}",
        "{id: r%d, field: industry, starts_with: [soft, ins], points: 3}",
        "{id: r%d, field: industry, in: [kelvink], points: 2}",
        "{id: r%d, field: industry_code, starts_with: ['5112', '5182'], points: 4}",
        "{id: r%d, field: country, in: [Germany, US, France], points: 10}",
        "{id: r%d, field: country, not_in: [DE], points: 2}",
        "{id: r%d, field: employees, between: [50, 1000], points: 10}",
        "{id: r%d, field: employees, at_least: 200, points: 6}",
        "{id: r%d, field: employees, below: 50, points: -5}",
        "{id: r%d, field: employees, equals: 200, points: 4}",
        "{id: r%d, field: employees, bands: [{between: [1, 49], points: 2}, {between: [50, 350], points: 8}, {between: [351, 100000], points: 12.5}]}",
        "{id: r%d, field: technologies, any: [salesforce, hubspot], points: 8}",
        "{id: r%d, field: technologies, all: [slack, Snowflake], points: 6}",
        "{id: r%d, field: technologies, none: [Slack], points: 1.5}",
        "{id: r%d, field: last_funding_at, within_days: 60, points: 9}",
        "{id: r%d, field: attributes.Segment, in: [gold], points: 5}",
        "{id: r%d, field: attributes.Segment, exists: true, points: 1}",
        "{id: r%d, field: domain, exists: false, points: -2}",
    ]

    static func icp(_ draw: inout SampleRandom, label: String) throws -> ICPVersion {
        var lines = ["version: \(label)", "effective: 2025-01-01", "tiers: {A: 25, B: 12, C: 0.5}", "revive_at: B", "criteria:"]
        let count = 3 + Int(draw.next() % 6)
        for i in 0..<count { lines.append("  - " + String(format: draw.pick(ruleTemplates), i)) }
        if draw.chance(0.50) { lines += ["disqualify:", "  - {id: dq, field: employees, below: 10}"] }
        return try ICPParser.parse(lines.joined(separator: "\n") + "\n", file: "\(label).yaml")
    }

    @Test("40 generated ICPs over 300 generated states each", arguments: [1, 2, 3, 4])
    func generated(batch: UInt64) throws {
        var draw = SampleRandom(seed: batch)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reeval-sql-gen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try Database(path: folder.appendingPathComponent("g.sqlite").path)
        let columns = LeadColumns.lead
        try db.execute("CREATE TABLE reeval_states(lead_id INTEGER, state_id INTEGER, observed_at TEXT, superseded_at TEXT, \(LeadColumns.names(columns)))")
        let insert = try db.prepare("INSERT INTO reeval_states VALUES (?, ?, '2026-01-01T00:00:00Z', NULL\(String(repeating: ", ?", count: columns.count)))")
        for id in 1...300 {
            try insert.bind(Int64(id), at: 1)
            try insert.bind(Int64(id), at: 2)
            try LeadColumns.bind(Self.record(&draw), columns, to: insert, from: 3)
            try insert.run()
            insert.reset()
        }
        let asOf = Timestamp(year: 2026, month: 11, day: 22, isDateOnly: true)
        for round in 0..<10 {
            let versions = [try Self.icp(&draw, label: "g\(round)")]
            let script = try WarehouseScript(versions: versions, dialect: .sqlite, parameters: .init(asOf: asOf))
            try db.execute(script: script.text)
            #expect(try expectScriptScoresLikeScorer(db, versions: versions, asOf: asOf) == 300)
        }
    }
}
