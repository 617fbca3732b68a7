import Foundation
import LeadData
import ReevalStore
import Testing

@Suite("Lead records in typed columns")
struct LeadColumnsTests {
    static func record(_ text: String) -> LeadRecord {
        var r = LeadRecord(crmID: "00Q1", lifecycle: .lost, attributes: ["Notes": text, "Empty": "", "Ünïcode key": "✓"])
        r.company = text
        r.employees = NumberRange(low: 10000, high: nil)
        r.annualRevenue = NumberRange(low: 1.5e6, high: 5e6)
        r.technologies = ["Salesforce", text]
        r.lastFundingAt = Timestamp(year: 2026, month: 8, day: 2, isDateOnly: true)
        r.closedAt = Timestamp(year: 2024, month: 2, day: 15, hour: 13, minute: 4, second: 5)
        r.country = "GB"
        r.title = "VP"
        r.accountID = "001A"
        r.industryCode = "511210"
        return r
    }

    @Test("records round-trip through their typed columns, whatever the CRM put in the text", arguments: [
        "plain", "quote \" backslash \\ slash /", "lines\nand\r\ntabs\t", "control \u{01}\u{1F}\u{1E}", "emoji 🚀 and RTL شركة",
        "<script>alert(1)</script>", "",
    ])
    func roundTrip(text: String) throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(\(LeadColumns.names(LeadColumns.lead)))")
        let original = Self.record(text)
        let insert = try db.prepare("INSERT INTO t VALUES (\(Array(repeating: "?", count: LeadColumns.lead.count).joined(separator: ", ")))")
        try LeadColumns.bind(original, LeadColumns.lead, to: insert, from: 1)
        try insert.run()
        let row = try #require(try db.rows("SELECT * FROM t").first)
        let read = LeadColumns.read(LeadColumns.lead, from: row, crmID: "00Q1")
        #expect(read == original)
        #expect(LeadColumns.hash(read, LeadColumns.lead) == LeadColumns.hash(original, LeadColumns.lead))
        // The JSON columns are JSON that SQLite reads.
        #expect(try db.scalar("SELECT json_extract(technologies, '$[1]') FROM t")?.string == text)
        #expect(try db.scalar("SELECT json_extract(attributes, '$.Notes') FROM t")?.string == text)
    }

    @Test("a value that differs in any column changes the hash; equal records hash equal")
    func hashes() {
        let base = Self.record("x")
        var other = base
        #expect(LeadColumns.hash(base, LeadColumns.lead) == LeadColumns.hash(other, LeadColumns.lead))
        for change in [{ (r: inout LeadRecord) in r.company = "y" }, { $0.employees = NumberRange(10000) }, { $0.technologies = ["Salesforce"] },
                       { $0.attributes["Notes"] = "y" }, { $0.lifecycle = .won }, { $0.country = nil }] as [(inout LeadRecord) -> Void] {
            other = base
            change(&other)
            #expect(LeadColumns.hash(base, LeadColumns.lead) != LeadColumns.hash(other, LeadColumns.lead))
        }
    }

    @Test("stored hashes keep their bytes: FNV-1a over each value's text, whole numbers as Swift prints them, so stored leads keep their states")
    func hashBytesAreStable() {
        func reference(_ values: [DatabaseValue]) -> String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            func mix(_ bytes: some Sequence<UInt8>) { for b in bytes { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01B3 } }
            for value in values {
                switch value {
                case .null: mix([0xFF])
                case .integer(let v): mix(String(v).utf8)
                case .real(let v): mix(NumberRange.text(v).utf8)
                case .text(let t): mix(t.utf8)
                case .blob(let b): mix(b)
                }
                mix([0x1F])
            }
            return (0..<8).map { String(format: "%02x", UInt8(truncatingIfNeeded: hash >> (56 - 8 * UInt64($0)))) }.joined()
        }
        let values: [DatabaseValue] = [.integer(0), .integer(7), .integer(10), .integer(-42), .integer(Int64.max), .integer(Int64.min),
                                       .real(2.5), .text("Müller"), .null, .blob([1, 2])]
        #expect(LeadColumns.hash(values, []) == reference(values))
        // A record without the fields added since (industry_code) hashes as it did when its
        // state was stored: over the columns of migration 0015, in their order.
        let stored0015 = ["company", "domain", "industry", "employees_low", "employees_high", "annual_revenue_low", "annual_revenue_high",
                          "country", "region", "city", "business_model", "technologies", "funding_stage", "last_funding_at", "owner",
                          "created_at", "last_activity_at", "modified_at", "attributes", "unreadable", "account_crm_id", "title", "email",
                          "lead_source", "status", "lifecycle", "lost_reason", "closed_at", "amount"]
        var record = Self.record("x")
        record.industryCode = nil
        let byName = Dictionary(uniqueKeysWithValues: zip(LeadColumns.lead.map(\.name), LeadColumns.values(record, LeadColumns.lead)))
        #expect(LeadColumns.hash(record, LeadColumns.lead) == reference(stored0015.map { byName[$0] ?? .text("missing column \($0)") }))
        var coded = record
        coded.industryCode = "511210"
        #expect(LeadColumns.hash(coded, LeadColumns.lead) != LeadColumns.hash(record, LeadColumns.lead))
    }

    @Test("a run reads the columns of the fields its ICP names: both bounds of a range, attributes for attributes.<column>")
    func columnsOfFields() {
        #expect(LeadColumns.lead(storing: ["employees", "attributes", "account_id", "company"]).map(\.name)
                == ["company", "employees_low", "employees_high", "attributes", "account_crm_id"])
    }
}
