import CRMImport
import Foundation
import LeadData
import Testing

@Suite("Importing HubSpot and Pipedrive exports")
struct HubSpotPipedriveImportTests {
    @Test("HubSpot companies and deals: label headers, BOM, `;` lists, deals linked to companies by id")
    func hubspot() throws {
        let h = try ImportHarness()
        let companies = "\u{FEFF}Record ID,Company name,Company Domain Name,Industry,Number of Employees,Annual Revenue,Country/Region,Web Technologies,Create Date,Last Activity Date,Lifecycle Stage,Target Account,Target Account\r\n"
            + "5001,Globex Corp,globex.com,COMPUTER_SOFTWARE,1200,\"$50,000,000\",United States,\"Salesforce;Slack; Zendesk\",2023-01-10 09:30,2024-01-05 10:00,opportunity,true,yes\r\n"
            + "5002,Initech,initech.io,Financial Services,,,Canada,,2023-02-01 11:00,,lead,,\r\n"
        let deals = "\u{FEFF}Record ID,Deal Name,Deal Stage,Pipeline,Amount,Close Date,Create Date,Deal owner,Closed Lost Reason,Associated Company IDs,Last Activity Date,Is closed lost,Is Closed Won\r\n"
            + "9001,Globex - Platform,Closed Lost,Sales Pipeline,48000,2024-02-15,2023-11-01 09:00,Jane Roe,No SSO,5001;5003,2024-02-10 10:00,true,false\r\n"
            + "9002,Initech - Pilot,closedwon,Sales Pipeline,12000,2024-03-01,2023-12-01 09:00,Jane Roe,,5002,,false,true\r\n"
            + "9003,Initech - Expansion,Qualified To Buy,Sales Pipeline,,,2024-05-01 09:00,Jane Roe,,5002,2024-05-02 10:00,false,false\r\n"
        let c = try h.importFile(try h.write("hubspot-companies.csv", companies))
        let d = try h.importFile(try h.write("hubspot-deals.csv", deals))
        #expect(c.preset == "hubspot companies")
        #expect(d.preset == "hubspot deals")
        #expect(try h.strings("SELECT crm_id, industry, technologies, country, employees_low FROM accounts ORDER BY crm_id") == [
            "5001|Computer Software|[\"Salesforce\",\"Slack\",\"Zendesk\"]|US|1200", "5002|Financial Services|NULL|CA|NULL",
        ])
        // Both "Target Account" columns are kept apart.
        #expect(try h.strings("SELECT json_extract(attributes, '$.\"Target Account\"'), json_extract(attributes, '$.\"Target Account (2)\"') FROM accounts WHERE crm_id = '5001'") == ["true|yes"])
        #expect(try h.strings("SELECT crm_id, lifecycle, lost_reason, account_crm_id, closed_at FROM leads ORDER BY crm_id") == [
            "9001|lost|No SSO|5001|2024-02-15", "9002|won|NULL|5002|2024-03-01", "9003|open|NULL|5002|NULL",
        ])
        #expect(try h.strings("""
            SELECT s.industry, json_extract(s.technologies, '$[1]')
            FROM lead_snapshots s JOIN leads l ON l.id = s.lead_id WHERE l.crm_id = '9001'
            """) == ["Computer Software|Slack"])
    }

    @Test("an id the file repeats is rejected on its later line, naming the first; nothing is merged, on a first import and on later ones")
    func repeatedID() throws {
        let h = try ImportHarness()
        let header = "Deal - ID,Deal - Title,Deal - Status,Deal - Lost reason,Organization - Number of employees\r\n"
        let first = try h.importFile(try h.write("deals.csv", header
            + "7,Acme - Platform,open,,50\r\n8,Globex,open,,10\r\n7,Acme - Platform,lost,No SSO,60\r\n"))
        #expect((first.inserted, first.updated, first.unchanged, first.rejected) == (2, 0, 0, 1))
        #expect(try h.strings("SELECT crm_id, lifecycle, lost_reason, employees_low FROM leads ORDER BY crm_id") == [
            "7|open|NULL|50", "8|open|NULL|10",
        ])
        #expect(try h.strings("SELECT line, reason, raw FROM import_rejects") == ["4|duplicate id 7, first on line 2|7,Acme - Platform,lost,No SSO,60"])
        let second = try h.importFile(try h.write("deals-2.csv", header
            + "8,Globex,open,,10\r\n9,Initech,open,,5\r\n9,Initech,won,,5\r\n"), h.options(observedAt: "2026-10-01"))
        #expect((second.inserted, second.updated, second.unchanged, second.rejected) == (1, 0, 1, 1))
        #expect(try h.strings("SELECT crm_id, lifecycle FROM leads ORDER BY crm_id") == ["7|open", "8|open", "9|open"])
    }

    @Test("blank rows are skipped and counted; ids a spreadsheet rounded and totals lines are rejected; every row is accounted for")
    func rowsAccountedFor() throws {
        let h = try ImportHarness()
        let header = "Record ID,First Name,Last Name,Email,Company Name,Lead Status\n"
        let rows = "101,Ana,Souza,ana@globex.com,Globex,NEW\n,,,,,\n1.11015E+11,Ben,Lee,ben@initech.io,Initech,NEW\n"
            + "102,Cai,Wu,cai@umbrella.com,Umbrella,NEW\n0,0,0,0,0,0\n  , ,,,,\n"
        let s = try h.importFile(try h.write("contacts.csv", header + rows))
        #expect((s.inserted, s.rejected, s.blankRows) == (2, 2, 2))
        #expect(s.inserted + s.updated + s.unchanged + s.rejected + s.blankRows + s.footerLines + s.deleted == 6)
        #expect(try h.strings("SELECT line, reason FROM import_rejects ORDER BY line") == [
            "4|id 1.11015E+11 is a number a spreadsheet rounded (scientific notation), not a record id; export the file again without opening it in a spreadsheet, or format the column as text in column Record ID",
            "6|id 0 cannot be a record id (a totals line?) in column Record ID",
        ])
    }

    @Test("ids of the wrong shape for their CRM are rejected with the reason; a mapping's own id column is not held to a preset's shape")
    func idShapes() throws {
        let h = try ImportHarness()
        let sf = try h.importFile(try h.write("sf.csv", "Id,Name,StageName,CloseDate,IsClosed,IsWon\n0065g00000OPP01AAA,A,Closed Lost,2024-01-01,1,0\n0065g00000OPP02,B,Closed Lost,2024-01-01,1,0\nOPP-3,C,Closed Lost,2024-01-01,1,0\n"))
        #expect((sf.inserted, sf.rejected) == (2, 1))
        let hs = try h.importFile(try h.write("hs.csv", "Record ID,Deal Name,Deal Stage\n9001,A,closedlost\nabc,B,closedlost\n"))
        #expect((hs.inserted, hs.rejected) == (1, 1))
        #expect(try h.strings("SELECT reason FROM import_rejects ORDER BY id") == [
            "id OPP-3 is not a Salesforce id (15 or 18 letters and digits) in column Id", "id abc is not a HubSpot id (a number) in column Record ID",
        ])
        let mapping = try Mapping.parse("id: Deal Name\n", file: "m.yaml")
        let mapped = try h.importFile(try h.write("hs2.csv", "Record ID,Deal Name,Deal Stage\n9002,deal-b,closedlost\n"), h.options(source: "hubspot", mapping: mapping))
        #expect((mapped.inserted, mapped.rejected) == (1, 0))
    }

    @Test("a deal's value is the amount field for each CRM's deals")
    func amounts() throws {
        let h = try ImportHarness()
        try h.importFile(try h.write("hubspot.csv", "Record ID,Deal Name,Deal Stage,Amount,Close Date\n9001,Globex,closedlost,\"$48,000\",2024-02-15\n"))
        try h.importFile(try h.write("pipedrive.csv", "Deal - ID,Deal - Title,Deal - Status,Deal - Value\n7,Acme,lost,12500.50\n"))
        try h.importFile(try h.write("sf.csv", "Id,Name,StageName,Amount,CloseDate,IsClosed,IsWon\n0065g00000OPP01AAA,Acme,Closed Lost,9000,2024-01-01,1,0\n"))
        #expect(try h.strings("SELECT source, amount FROM leads ORDER BY source") == ["hubspot|48000.0", "pipedrive|12500.5", "salesforce|9000.0"])
        #expect(try h.strings("SELECT count(*) FROM leads WHERE json_extract(attributes, '$.Amount') IS NOT NULL") == ["0"])
    }

    @Test("Pipedrive deals: `Deal - …` headers, statuses, lost reason and lost time")
    func pipedrive() throws {
        let h = try ImportHarness()
        let deals = """
            Deal - ID,Deal - Title,Deal - Value,Deal - Currency,Deal - Organization,Deal - Organization ID,Deal - Status,Deal - Owner,Deal - Deal created,Deal - Lost time,Deal - Lost reason,Deal - Last activity date,Organization - Number of employees,Organization - Industry
            101,Acme deal,"15,000",EUR,Acme SAS,77,lost,Ann Lee,2024-01-15 09:00:00,2024-03-01 12:00:00,Too expensive,2024-02-20,"51-200",Software
            102,Beta deal,5000,EUR,Beta BV,78,open,Ann Lee,2024-02-01 09:00:00,,,2024-02-03,,
            103,Gamma deal,9000,EUR,Gamma AG,79,won,Ann Lee,2024-02-01 09:00:00,,,,,

            """
        let summary = try h.importFile(try h.write("deals.csv", deals))
        #expect(summary.preset == "pipedrive deals")
        #expect(try h.strings("SELECT crm_id, company, lifecycle, lost_reason, closed_at, employees_high, industry, dismissed_at FROM leads ORDER BY crm_id") == [
            "101|Acme SAS|lost|Too expensive|2024-03-01T12:00:00Z|200|Software|2024-03-01T12:00:00Z",
            "102|Beta BV|open|NULL|NULL|NULL|NULL|2024-02-03",
            "103|Gamma AG|won|NULL|NULL|NULL|NULL|2024-02-01T09:00:00Z",
        ])
    }

    @Test("a header line no preset knows is refused with what was looked for; --source and --object choose")
    func unknownHeaders() throws {
        let h = try ImportHarness()
        let path = try h.write("mystery.csv", "Foo,Bar\n1,2\n")
        let error = try #require(throws: ImportFailure.self) { try h.importFile(path) }
        #expect(error.kind == .badData)
        #expect(error.message.contains("mystery.csv"))
        #expect(error.message.contains("salesforce Lead"))
        #expect(try h.count("imports") == 0)
    }
}
