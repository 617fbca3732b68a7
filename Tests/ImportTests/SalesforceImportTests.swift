import CRMImport
import Foundation
import LeadData
import Testing

@Suite("Importing Salesforce exports",
       .enabled(if: realSalesforceHeader("Lead") != nil, "../shared/datasets (the real Salesforce header lines) is not beside this clone"))
struct SalesforceImportTests {
    /// A Data Export Lead.csv with the real header line: every field quoted, `0`/`1` booleans,
    /// `YYYY-MM-DD HH:MM:SS` datetimes, `000000000000000AAA` empty lookups, ISO-8859-1.
    static func dataExportLeads(_ rows: [[String: String]]) throws -> [UInt8] {
        let header = try #require(realSalesforceHeader("Lead"))
        let columns = header.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        var text = header + "\r\n"
        for row in rows {
            text += columns.map { "\"" + (row[$0] ?? "").replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\r\n"
        }
        return latin1(text)
    }

    static let leads: [[String: String]] = [
        ["Id": "00Q5g00000AAAA1EAP", "IsDeleted": "0", "Company": "Müller Maschinenbau GmbH", "Status": "Closed - Not Converted",
         "Industry": "Manufacturing", "NumberOfEmployees": "40", "AnnualRevenue": "5500000", "Country": "Deutschland", "CountryCode": "DE",
         "Website": "www.mueller-mb.de", "IsConverted": "0", "ConvertedAccountId": "000000000000000AAA",
         "CreatedDate": "2022-12-21 14:27:52", "LastModifiedDate": "2023-03-01 09:00:00", "LastActivityDate": "2023-02-27 00:00:00",
         "Description": "Wants SSO;\nbudget next year", "LeadSource": "Web", "OwnerId": "0055g00000XYZ"],
        ["Id": "00Q5g00000AAAA2EAP", "IsDeleted": "0", "Company": "Northwind Traders", "Status": "Unqualified", "Industry": "Retail",
         "NumberOfEmployees": "", "AnnualRevenue": "", "Country": "USA", "IsConverted": "0",
         "CreatedDate": "2023-01-05 10:00:00", "LastModifiedDate": "2023-01-20 10:00:00"],
        ["Id": "00Q5g00000AAAA3EAP", "IsDeleted": "0", "Company": "Contoso", "Status": "Closed - Converted", "IsConverted": "1",
         "ConvertedDate": "2023-04-01 00:00:00", "CreatedDate": "2023-01-05 10:00:00"],
        ["Id": "00Q5g00000AAAA4EAP", "IsDeleted": "1", "Company": "Deleted Co", "Status": "Open - Not Contacted", "IsConverted": "0"],
        ["Id": "00Q5g00000AAAA5EAP", "IsDeleted": "0", "Company": "Fabrikam", "Status": "Working - Contacted", "IsConverted": "0",
         "NumberOfEmployees": "about fifty", "CreatedDate": "2023-06-01 08:00:00", "LastActivityDate": "2023-06-02 00:00:00"],
    ]

    @Test("a Data Export Lead.csv in ISO-8859-1 imports with lifecycles, normalised values and its deleted rows skipped")
    func dataExportLeads() throws {
        let h = try ImportHarness()
        let path = try h.write("Lead.csv", try Self.dataExportLeads(Self.leads))
        let summary = try h.importFile(path)
        #expect(summary.preset == "salesforce Lead")
        #expect(summary.encoding == .windows1252)
        #expect((summary.rowsRead, summary.inserted, summary.deleted, summary.rejected) == (5, 4, 1, 0))
        #expect(summary.unreadable == ["NumberOfEmployees": 1])
        #expect(try h.strings("SELECT crm_id, company, lifecycle, employees_low, country, domain, account_crm_id, dismissed_at FROM leads ORDER BY crm_id") == [
            "00Q5g00000AAAA1EAP|Müller Maschinenbau GmbH|lost|40|DE|mueller-mb.de|NULL|2023-02-27T00:00:00Z",
            "00Q5g00000AAAA2EAP|Northwind Traders|disqualified|NULL|US|NULL|NULL|2023-01-20T10:00:00Z",
            "00Q5g00000AAAA3EAP|Contoso|won|NULL|NULL|NULL|NULL|2023-01-05T10:00:00Z",
            "00Q5g00000AAAA5EAP|Fabrikam|open|NULL|NULL|NULL|NULL|2023-06-02T00:00:00Z",
        ])
        // Columns no field names are kept, multi-line values intact.
        #expect(try h.strings("SELECT json_extract(attributes, '$.Description') FROM leads WHERE crm_id = '00Q5g00000AAAA1EAP'") == ["Wants SSO;\nbudget next year"])
        #expect(try h.count("lead_snapshots") == 4)
    }

    @Test("re-importing a changed copy adds snapshots only for the records that changed")
    func reimportChangedCopy() throws {
        let h = try ImportHarness()
        try h.importFile(try h.write("Lead-2023.csv", try Self.dataExportLeads(Self.leads)), h.options(observedAt: "2023-07-01"))
        var grown = Self.leads
        grown[0]["NumberOfEmployees"] = "250"
        grown[1]["Industry"] = "Financial Services"
        let summary = try h.importFile(try h.write("Lead-2026.csv", try Self.dataExportLeads(grown)), h.options(observedAt: "2026-06-30"))
        #expect((summary.inserted, summary.updated, summary.unchanged, summary.snapshots) == (0, 2, 2, 2))
        #expect(try h.strings("""
            SELECT l.crm_id, s.observed_at, s.employees_low, s.industry
            FROM lead_snapshots s JOIN leads l ON l.id = s.lead_id WHERE l.crm_id IN ('00Q5g00000AAAA1EAP', '00Q5g00000AAAA2EAP')
            ORDER BY l.crm_id, s.observed_at
            """) == [
            "00Q5g00000AAAA1EAP|2023-07-01|40|Manufacturing", "00Q5g00000AAAA1EAP|2026-06-30|250|Manufacturing",
            "00Q5g00000AAAA2EAP|2023-07-01|NULL|Retail", "00Q5g00000AAAA2EAP|2026-06-30|NULL|Financial Services",
        ])
        #expect(try h.strings("SELECT employees_low FROM leads WHERE crm_id = '00Q5g00000AAAA1EAP'") == ["250"])
    }

    @Test("a re-import that skips rows by line hash stores exactly what reading every row stores, also after a normaliser change")
    func skippedRowsStoreWhatAFullReadStores() throws {
        var nightly = Self.leads
        nightly[1]["Industry"] = "Financial Services"
        nightly[4]["NumberOfEmployees"] = "55"
        let first = try Self.dataExportLeads(Self.leads), second = try Self.dataExportLeads(nightly)
        /// Every state's values, and the current ones with their hashes: what the run reads.
        func stored(_ h: ImportHarness) throws -> [String] {
            try h.strings("SELECT * FROM lead_snapshots ORDER BY lead_id, state_id")
                + h.strings("SELECT crm_id, data_hash, state_hash, company_key, unreadable FROM leads ORDER BY crm_id")
        }
        func imported(_ prepare: (ImportHarness) throws -> Void) throws -> ImportHarness {
            let h = try ImportHarness()
            try h.importFile(try h.write("Lead-2023.csv", first), h.options(observedAt: "2023-07-01"))
            try prepare(h)
            try h.importFile(try h.write("Lead-2026.csv", second), h.options(observedAt: "2026-06-30"))
            return h
        }
        let skipping = try imported { _ in }
        // No stored line hash: the same import reads and normalises every row.
        let full = try imported { try $0.db.execute("UPDATE leads SET line_hash = NULL") }
        #expect(try skipping.strings("SELECT count(*) FROM leads WHERE last_import_id = 1") == ["2"])   // two rows skipped
        #expect(try full.strings("SELECT count(*) FROM leads WHERE last_import_id = 1") == ["0"])
        #expect(try stored(skipping) == stored(full))
        // A normaliser revision bump seeds every line hash anew: rows whose stored values an older
        // normaliser gave (here a wrong industry, with the hashes of those values) are read again and
        // stored as the new one reads them.
        let bumped = try imported { try $0.db.execute("UPDATE leads SET line_hash = line_hash + 1, industry = 'as an old normaliser read it', data_hash = 'its hash', state_hash = 'its state hash'") }
        let current = "SELECT crm_id, company, industry, employees_low, country, domain, lifecycle, unreadable FROM leads ORDER BY crm_id"
        let a = try bumped.strings(current), b = try full.strings(current)
        #expect(a == b, "\(a) vs \(b)")
        #expect(try bumped.strings("SELECT count(*) FROM leads WHERE last_import_id = 1") == ["0"])
    }

    @Test("a nightly re-import writes nothing for the rows it read before, still rejects a repeated id, and still reports their unreadable values")
    func reimportSkipsUnchangedRows() throws {
        let h = try ImportHarness()
        try h.importFile(try h.write("Lead-2023.csv", try Self.dataExportLeads(Self.leads)), h.options(observedAt: "2023-07-01"))
        var nightly = Self.leads
        nightly[1]["Industry"] = "Financial Services"
        var changedRepeat = Self.leads[2]
        changedRepeat["Company"] = "Contoso Ltd"
        nightly += [Self.leads[0], changedRepeat]   // line 8 repeats line 2 as it was; line 10 repeats line 5, changed
        let summary = try h.importFile(try h.write("Lead-nightly.csv", try Self.dataExportLeads(nightly)), h.options(observedAt: "2026-06-30"))
        #expect([summary.rowsRead, summary.inserted, summary.updated, summary.unchanged, summary.deleted, summary.rejected, summary.snapshots]
                == [7, 0, 1, 3, 1, 2, 1] as [Int])
        #expect(try h.strings("SELECT line, reason FROM import_rejects ORDER BY line") == [
            "8|duplicate id 00Q5g00000AAAA1EAP, first on line 2", "10|duplicate id 00Q5g00000AAAA3EAP, first on line 5",
        ])
        // The unchanged records were not written: they keep the import and line they were read from.
        #expect(try h.strings("SELECT crm_id, last_import_id, import_line, industry, company FROM leads ORDER BY crm_id") == [
            "00Q5g00000AAAA1EAP|1|2|Manufacturing|Müller Maschinenbau GmbH", "00Q5g00000AAAA2EAP|2|4|Financial Services|Northwind Traders",
            "00Q5g00000AAAA3EAP|1|5|NULL|Contoso", "00Q5g00000AAAA5EAP|1|7|NULL|Fabrikam",
        ])
        // Fabrikam's "about fifty" is still this file's, though its row was skipped.
        #expect(summary.unreadable == ["NumberOfEmployees": 1])
        #expect(summary.unreadableExamples["NumberOfEmployees"]?.map(\.text) == ["about fifty"])
        #expect(try h.importFile(try h.write("Lead-again.csv", try Self.dataExportLeads(Self.leads))).alreadyImported?.id == 1)
        #expect(try h.count("imports") == 2)
        // A file of the same size as one imported before, but other bytes, is read, not skipped.
        var sameSize = Self.leads
        sameSize[4]["Company"] = "Fabrikan"
        let other = try h.importFile(try h.write("Lead-same-size.csv", try Self.dataExportLeads(sameSize)), h.options(observedAt: "2026-07-01"))
        #expect(other.alreadyImported == nil && other.updated == 2)   // Fabrikam, and Northwind back to Retail
        #expect(try h.strings("SELECT count(DISTINCT bytes), count(*) FROM imports") == ["2|3"])
    }

    @Test("overlong, surrogate and out-of-range UTF-8 past the detected prefix rejects its row, never mis-decoded")
    func malformedUTF8Later() throws {
        let h = try ImportHarness()
        var bytes = Array("Record ID,Deal Name,Deal Stage,Close Date\n".utf8)
        for i in 10..<3_000 { bytes += Array("\(i),Zürich Deal \(i),closedlost,2024-01-01\n".utf8) }
        let bad: [[UInt8]] = [[0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]
        for (i, sequence) in bad.enumerated() { bytes += Array("\(i + 1),Bad".utf8) + sequence + Array("Name,closedlost,2024-01-01\n".utf8) }
        let s = try h.importFile(try h.write("deals.csv", bytes))
        #expect(s.encoding == .utf8)
        #expect((s.inserted, s.rejected) == (2_990, 4))
        #expect(try h.strings("SELECT line, reason FROM import_rejects ORDER BY line") == (2_992...2_995).map {
            "\($0)|invalid UTF-8 in column Deal Name; re-export as UTF-8 or pass --encoding windows-1252"
        })
    }

    @Test("UTF-8 rows in a file read as Windows-1252 are read as UTF-8, and the summary names their lines")
    func mixedEncodings() throws {
        let h = try ImportHarness()
        var bytes = Array("Record ID,Deal Name,Deal Stage,Close Date\n".utf8)
        bytes += latin1("1,Société Générale,closedlost,2024-01-01\n")
        for i in 2..<2_000 { bytes += Array("\(i),Deal \(i),closedlost,2024-01-01\n".utf8) }
        bytes += Array("2000,BOGOTÁ D.C.,closedlost,2024-01-01\n2001,Zürich AG,closedlost,2024-01-01\n".utf8)
        bytes += latin1("2002,Müller GmbH,closedlost,2024-01-01\n")
        let s = try h.importFile(try h.write("mixed.csv", bytes))
        #expect(s.encoding == .windows1252)
        #expect(s.utf8LinesInWindows1252 == [2001, 2002])
        #expect(try h.strings("SELECT crm_id, json_extract(attributes, '$.\"Deal Name\"') FROM leads WHERE crm_id IN ('1', '2000', '2001', '2002') ORDER BY id") == [
            "1|Société Générale", "2000|BOGOTÁ D.C.", "2001|Zürich AG", "2002|Müller GmbH",
        ])
    }

    @Test("the same file twice is a no-op that says so")
    func sameFileTwice() throws {
        let h = try ImportHarness()
        let path = try h.write("Lead.csv", try Self.dataExportLeads(Self.leads))
        let first = try h.importFile(path)
        let second = try h.importFile(path)
        #expect(second.alreadyImported?.id == first.importID)
        #expect(try h.count("imports") == 1)
        #expect(try h.count("lead_snapshots") == 4)
    }

    @Test("a report export's footer lines are skipped, not rejected, and its labels are understood")
    func reportFooter() throws {
        let h = try ImportHarness()
        let text = """
            "Lead ID","Lead Owner","Company / Account","Lead Status","Annual Revenue","No. of Employees","State/Province","Country","Create Date","Last Activity"\r
            "00Q000000000001EAA","Jane Roe","Acme","Closed - Not Converted","$1.5M","51-200","CA","United States","03/05/2024","04/01/2024"\r
            "00Q000000000002EAA","Jane Roe","Initech","Working - Contacted","","","","","03/06/2024",""\r
            \r
            "Grand Totals (2 records)"\r
            \r
            "Confidential Information - Do Not Distribute"\r
            "Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\r
            \r
            "Generated By:  Jane Roe  12/1/2026 3:04 PM"\r
            "Acme Corporation"\r
            "Open Leads by Owner"\r

            """
        let summary = try h.importFile(try h.write("report.csv", text))
        #expect(summary.preset == "salesforce Lead")
        // The org's name and the report's title after "Generated By" are footer too.
        #expect((summary.rowsRead, summary.inserted, summary.rejected, summary.footerLines) == (2, 2, 0, 6))
        #expect(try h.strings("SELECT crm_id, owner, employees_low, employees_high, annual_revenue_low, region, country, created_at FROM leads ORDER BY crm_id") == [
            "00Q000000000001EAA|Jane Roe|51|200|1500000.0|CA|US|2024-03-05", "00Q000000000002EAA|Jane Roe|NULL|NULL|NULL|NULL|NULL|2024-03-06",
        ])
    }

    @Test("opportunities are lost when closed and not won, and link to their accounts for firmographics")
    func opportunitiesAndAccounts() throws {
        let h = try ImportHarness()
        let accounts = """
            "Id","IsDeleted","Name","BillingCountry","Website","Industry","NumberOfEmployees","AnnualRevenue"
            "0015g00000ACC01AAH","0","Globex","United Kingdom","globex.co.uk","Software","120","12000000"

            """
        let opportunities = """
            "Id","IsDeleted","AccountId","Name","StageName","Amount","CloseDate","IsClosed","IsWon","CreatedDate","LastActivityDate","Loss_Reason__c"
            "0065g00000OPP01AAH","0","0015g00000ACC01AAH","Globex - Platform","Closed Lost","48000","2024-02-15 00:00:00","1","0","2023-11-01 09:00:00","2024-02-10 00:00:00","No SSO"
            "0065g00000OPP02AAH","0","0015g00000ACC01AAH","Globex - Add-on","Perdida","5000","2024-03-15 00:00:00","1","0","2023-11-01 09:00:00","",""
            "0065g00000OPP03AAH","0","000000000000000AAA","Orphan","Prospecting","1000","2024-09-15 00:00:00","0","0","2024-01-01 09:00:00","",""

            """
        try h.importFile(try h.write("Opportunity.csv", opportunities), h.options(observedAt: "2024-06-01"))
        try h.importFile(try h.write("Account.csv", accounts), h.options(observedAt: "2024-06-01"))
        #expect(try h.strings("SELECT crm_id, lifecycle, lost_reason, closed_at, account_id IS NOT NULL FROM leads ORDER BY crm_id") == [
            "0065g00000OPP01AAH|lost|No SSO|2024-02-15T00:00:00Z|1", "0065g00000OPP02AAH|lost|NULL|2024-03-15T00:00:00Z|1",
            "0065g00000OPP03AAH|open|NULL|2024-09-15T00:00:00Z|0",
        ])
        // The snapshot written after the account arrived carries the account's firmographics.
        #expect(try h.strings("""
            SELECT s.industry, s.employees_low, s.country
            FROM lead_snapshots s JOIN leads l ON l.id = s.lead_id WHERE l.crm_id = '0065g00000OPP01AAH' ORDER BY s.state_id DESC LIMIT 1
            """) == ["Software|120|GB"])
    }

    @Test("an account's industry code comes from NaicsCode, else Sic; its leads take it as they take its industry")
    func industryCodes() throws {
        let h = try ImportHarness()
        let accounts = """
            "Id","IsDeleted","Name","BillingCountry","Industry","Sic","NaicsCode"
            "0015g00000ACC01AAH","0","Globex","United Kingdom","Software","7372","511210"
            "0015g00000ACC02AAH","0","Initech","United States","Software"," 7374 ",""
            "0015g00000ACC03AAH","0","Hooli","United States","Software","",""

            """
        let opportunities = """
            "Id","IsDeleted","AccountId","Name","StageName","Amount","CloseDate","IsClosed","IsWon","CreatedDate"
            "0065g00000OPP01AAH","0","0015g00000ACC01AAH","Globex - Platform","Closed Lost","48000","2024-02-15 00:00:00","1","0","2023-11-01 09:00:00"
            "0065g00000OPP02AAH","0","0015g00000ACC02AAH","Initech - Platform","Closed Lost","5000","2024-03-15 00:00:00","1","0","2023-11-01 09:00:00"
            "0065g00000OPP03AAH","0","0015g00000ACC03AAH","Hooli - Platform","Closed Lost","5000","2024-03-15 00:00:00","1","0","2023-11-01 09:00:00"

            """
        try h.importFile(try h.write("Account.csv", accounts), h.options(observedAt: "2024-06-01"))
        try h.importFile(try h.write("Opportunity.csv", opportunities), h.options(observedAt: "2024-06-01"))
        #expect(try h.strings("SELECT crm_id, industry_code, json_extract(attributes, '$.Sic') FROM accounts ORDER BY crm_id") == [
            "0015g00000ACC01AAH|511210|7372", "0015g00000ACC02AAH|7374|NULL", "0015g00000ACC03AAH|NULL|NULL",
        ])
        #expect(try h.strings("SELECT l.crm_id, s.industry_code FROM lead_snapshots s JOIN leads l ON l.id = s.lead_id ORDER BY l.crm_id") == [
            "0065g00000OPP01AAH|511210", "0065g00000OPP02AAH|7374", "0065g00000OPP03AAH|NULL",
        ])
    }
}
