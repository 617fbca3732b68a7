import CRMImport
import Foundation
import LeadData
import Testing

@Suite("Import summary: lifecycles")
struct LifecycleCountTests {
    static let deals = """
        Deal ID,Company,Stage
        D-1,Acme,Won
        D-2,Globex,Lost
        D-3,Initech,Lost
        D-4,Hooli,Negotiation

        """

    func mapping(_ lifecycle: String) throws -> Mapping {
        try Mapping.parse("source: acme\nobject: leads\nid: Deal ID\nfields: {company: Company}\nlifecycle: \(lifecycle)\n", file: "acme.yaml")
    }

    @Test("the summary counts the file's records per lifecycle")
    func counts() throws {
        let h = try ImportHarness()
        let s = try h.importFile(try h.write("deals.csv", Self.deals), h.options(mapping: try mapping("{column: Stage, won: [Won], lost: [Lost]}")))
        #expect(s.lifecycles == ["won": 1, "lost": 2, "open": 1])
        #expect(s.warnings.isEmpty)
    }

    @Test("a mapping's lifecycle value that matches no row is named, instead of turning those records open silently")
    func valueMatchingNoRow() throws {
        let h = try ImportHarness()
        let s = try h.importFile(try h.write("deals.csv", Self.deals),
                                 h.options(mapping: try mapping("{column: Stage, won: [Won, Closed Won], lost: [Lost], disqualified: [Junk]}")))
        #expect(s.warnings.contains { $0.contains("won value \"Closed Won\" matches no row's Stage") })
        #expect(s.warnings.contains { $0.contains("disqualified value \"Junk\"") })
        #expect(!s.warnings.contains { $0.contains("\"Won\"") })
    }

    @Test("a file whose every row came in open says so")
    func everyRowOpen() throws {
        let h = try ImportHarness()
        let s = try h.importFile(try h.write("deals.csv", Self.deals), h.options(mapping: try mapping("{column: Stage, won: [Gewonnen], lost: [Verloren]}")))
        #expect(s.lifecycles == ["open": 4])
        #expect(s.warnings.contains { $0.hasPrefix("every row came in open") })
    }
}
