import CRMImport
import Foundation
import Testing

@Suite("Linking leads to accounts imported after them")
struct AccountLinkingTests {
    @Test("a waiting lead links by its account's id, else by domain, else by company name, whatever order the accounts come in")
    func domainBeforeName() throws {
        let h = try ImportHarness()
        let leads = """
            "Id","IsDeleted","LastName","Company","Website","Status","IsConverted","CreatedDate"
            "00Q000000000001AAA","0","Roe","Globex","https://www.initech.example/","Closed - Not Converted","0","2024-01-01 10:00:00"
            "00Q000000000002AAA","0","Doe","  GLOBEX ","","Closed - Not Converted","0","2024-01-01 10:00:00"
            "00Q000000000003AAA","0","Poe","Hooli","","Closed - Not Converted","0","2024-01-01 10:00:00"

            """
        // Globex comes first: linking account by account, its name would take lead 1 before
        // Initech's domain could.
        let accounts = """
            "Id","IsDeleted","Name","Website","Industry","NumberOfEmployees"
            "001000000000001AAA","0","Globex","globex.example","Software","120"
            "001000000000002AAA","0","Initech","initech.example","Retail","40"

            """
        try h.importFile(try h.write("Lead.csv", leads), h.options(observedAt: "2024-06-01"))
        try h.importFile(try h.write("Account.csv", accounts), h.options(observedAt: "2024-06-02"))
        #expect(try h.strings("""
            SELECT l.crm_id, a.company, l.industry, l.employees_low FROM leads l LEFT JOIN accounts a ON a.id = l.account_id ORDER BY l.crm_id
            """) == [
            "00Q000000000001AAA|Initech|Retail|40", "00Q000000000002AAA|Globex|Software|120", "00Q000000000003AAA|NULL|NULL|NULL",
        ])
        // Each linked lead got a state of its own on the accounts' day; the unlinked one kept its one state.
        #expect(try h.strings("SELECT l.crm_id, count(*) FROM lead_snapshots s JOIN leads l ON l.id = s.lead_id GROUP BY 1 ORDER BY 1") == [
            "00Q000000000001AAA|2", "00Q000000000002AAA|2", "00Q000000000003AAA|1",
        ])
    }
}
