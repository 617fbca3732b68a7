import Foundation
import LeadData
import Testing

@Suite("Snapshot JSON")
struct SnapshotJSONTests {
    static func record(_ text: String) -> LeadRecord {
        var r = LeadRecord(crmID: "00Q\"1\\", lifecycle: .lost, attributes: ["Notes": text, "Empty": "", "Ünïcode key": "✓"])
        r.company = text
        r.employees = NumberRange(low: 10000, high: nil)
        r.annualRevenue = NumberRange(low: 1.5e6, high: 5e6)
        r.technologies = ["Salesforce", text]
        r.lastFundingAt = Timestamp(year: 2026, month: 8, day: 2, isDateOnly: true)
        r.closedAt = Timestamp(year: 2024, month: 2, day: 15, hour: 13, minute: 4, second: 5)
        r.country = "GB"
        return r
    }

    @Test("records round-trip through their JSON, whatever the CRM put in the text", arguments: [
        "plain", "quote \" backslash \\ slash /", "lines\nand\r\ntabs\t", "control \u{01}\u{1F}", "emoji 🚀 and RTL شركة",
        "<script>alert(1)</script>", "",
    ])
    func roundTrip(text: String) throws {
        let original = Self.record(text)
        let decoded = try #require(LeadRecord(json: original.json))
        #expect(decoded == original)
        // And Foundation reads the same text the same way.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(original.json.utf8)) as? [String: Any])
        #expect(object["company"] as? String == text)
    }

    @Test("JSON written by other tools (spaces, escaped unicode) is read too")
    func foreignJSON() throws {
        let text = #"{ "crm_id" : "A\u00e9\ud83d\ude80", "employees_low": 5, "technologies": [ ], "attributes": { } }"#
        let r = try #require(LeadRecord(json: text))
        #expect(r.crmID == "Aé🚀")
        #expect(r.employees == NumberRange(low: 5, high: nil))
        #expect(r.technologies == [])
        #expect(LeadRecord(json: "[1, 2]") == nil)
    }

    @Test("revival reasons are read as an array of flat objects, nulls and escapes included")
    func reasonsArray() throws {
        var reader = FlatJSONReader(#"[{"kind":"data_change","points_before":0,"points_after":15,"detail":"employees 40 \u2192 250: \"size\"","value_before":null},{"kind":"trigger"}]"#)
        let read = reader.readArray()
        let items = try #require(read)
        #expect(items.count == 2)
        #expect(items[0]["detail"] == .string("employees 40 → 250: \"size\""))
        #expect(items[0]["points_after"] == .number(15))
        #expect(items[0]["value_before"] == .null)
        #expect(items[1]["kind"] == .string("trigger"))
        var empty = FlatJSONReader(" [ ] ")
        #expect(empty.readArray()?.isEmpty == true)
        var nested = FlatJSONReader(#"[{"a":[{"b":1}]}]"#)
        #expect(nested.readArray() == nil)
        var trailing = FlatJSONReader(#"[{"a":"b"}] x"#)
        #expect(trailing.readArray() == nil)
    }
}
