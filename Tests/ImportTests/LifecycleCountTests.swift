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

@Suite("Import: a money column's decimal mark, decided once per column")
struct DecimalMarkTests {
    func amounts(_ values: [String]) throws -> (ImportHarness, ImportSummary) {
        let h = try ImportHarness()
        let csv = "Deal ID,Company,Stage,Amount\n" + values.enumerated().map { "D-\($0.offset),Co \($0.offset),Won,\"\($0.element)\"" }.joined(separator: "\n") + "\n"
        let mapping = try Mapping.parse("source: acme\nobject: leads\nid: Deal ID\nfields: {company: Company, amount: Amount}\nlifecycle: {column: Stage, won: [Won]}\n",
                                        file: "acme.yaml")
        let summary = try h.importFile(try h.write("deals.csv", csv), h.options(mapping: mapping))
        return (h, summary)
    }

    @Test("a German column (2.500,50 decides the comma) reads 1.500 as fifteen hundred and 1,5 as one and a half")
    func comma() throws {
        let (h, _) = try amounts(["1.500", "2.500,50", "12.000", "1,5"])
        #expect(try h.strings("SELECT amount FROM leads ORDER BY crm_id") == ["1500.0", "2500.5", "12000.0", "1.5"])
    }

    @Test("a US column (2.5 decides the dot) reads 1.500 as one and a half and 1,500 as fifteen hundred")
    func dot() throws {
        let (h, _) = try amounts(["1,500", "2.5", "1.500"])
        #expect(try h.strings("SELECT amount FROM leads ORDER BY crm_id") == ["1500.0", "2.5", "1.5"])
    }

    @Test("a column no value decides keeps 1.500 unreadable, never guessed; one written both ways is refused naming a line of each")
    func undecidedAndBoth() throws {
        let (h, summary) = try amounts(["1.500", "40000"])
        #expect(try h.strings("SELECT amount FROM leads ORDER BY crm_id") == ["NULL", "40000.0"])
        #expect(summary.unreadable == ["Amount": 1])
        #expect(throws: ImportFailure.self) { try self.amounts(["2.5", "2,5"]) }
        do {
            _ = try amounts(["2.5", "7", "2,5"])
        } catch let failure as ImportFailure {
            #expect(failure.message.contains("column Amount has numbers with both decimal marks (a dot on line 2: 2.5, a comma on line 4: 2,5)"), "\(failure.message)")
        }
    }
}
