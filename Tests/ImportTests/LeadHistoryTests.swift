import CRMImport
import Foundation
import LeadData
import ReevalStore
import Testing

/// Lead states typed and written once: the newest in `leads`, each earlier one in `lead_history`.
@Suite("Lead states and their history")
struct LeadHistoryTests {
    static func deals(_ owner9001: String) -> String {
        "Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date,Deal owner,Closed Lost Reason\n"
            + "9001,Globex - Platform,Closed Lost,48000,2024-02-15,2023-11-01 09:00,\(owner9001),No SSO\n"
            + "9002,Initech - Pilot,Closed Won,12000,2024-03-01,2023-12-01 09:00,Jane Roe,\n"
    }

    @Test("a first import writes one row per record and no history; a change moves exactly one state to lead_history")
    func firstImportAndChange() throws {
        let h = try ImportHarness()
        let first = try h.importFile(try h.write("a.csv", Self.deals("Jane Roe")), h.options(observedAt: "2024-06-30"))
        #expect((first.inserted, first.snapshots) == (2, 2))
        #expect(try h.count("lead_history") == 0)
        #expect(try h.strings("SELECT count(DISTINCT state_id) FROM leads WHERE state_id IS NOT NULL") == ["2"])
        let before = try h.strings("SELECT state_id FROM leads WHERE crm_id = '9001'")
        let second = try h.importFile(try h.write("b.csv", Self.deals("Ben Carter")), h.options(observedAt: "2026-01-01"))
        #expect((second.updated, second.unchanged, second.snapshots) == (1, 1, 1))
        #expect(try h.strings("SELECT state_id, observed_at, superseded_at, owner FROM lead_history")
                == ["\(before[0])|2024-06-30|2026-01-01|Jane Roe"])
        #expect(try h.strings("SELECT owner, observed_at FROM leads WHERE crm_id = '9001'") == ["Ben Carter|2026-01-01"])
        #expect(try h.strings("SELECT s.owner FROM lead_snapshots s JOIN leads l ON l.id = s.lead_id WHERE l.crm_id = '9001' ORDER BY s.observed_at")
                == ["Jane Roe", "Ben Carter"])
    }

    @Test("an older export imported after a newer one adds history at its date and keeps the newer values")
    func olderExportAfterNewer() throws {
        let h = try ImportHarness()
        try h.importFile(try h.write("a.csv", Self.deals("Jane Roe")), h.options(observedAt: "2024-06-30"))
        try h.importFile(try h.write("c.csv", Self.deals("Cora Diaz")), h.options(observedAt: "2026-01-01"))
        let older = try h.importFile(try h.write("b.csv", Self.deals("Ben Carter")), h.options(observedAt: "2025-01-01"))
        #expect(older.updated == 1)
        #expect(try h.strings("SELECT owner, observed_at FROM leads WHERE crm_id = '9001'") == ["Cora Diaz|2026-01-01"])
        #expect(try h.strings("SELECT owner, observed_at, superseded_at FROM lead_history ORDER BY observed_at") == [
            "Jane Roe|2024-06-30|2025-01-01", "Ben Carter|2025-01-01|2026-01-01",
        ])
        // The same older export again changes nothing.
        #expect(try h.importFile(try h.write("b2.csv", Self.deals("Ben Carter") + "\n"), h.options(observedAt: "2025-01-01")).snapshots == 0)
        #expect(try h.count("lead_history") == 2)
    }
}
