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

@Suite("Importing through a mapping file")
struct MappingImportTests {
    @Test("the shipped Zoho mapping imports the real Zoho CRM sample",
          .enabled(if: sharedDatasets != nil, "../shared/datasets is not beside this clone"))
    func zohoSample() throws {
        let datasets = try #require(sharedDatasets, "../shared/datasets is not beside this clone")
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
        let h = try ImportHarness()
        let leads = try Mapping.load(path: repo.appendingPathComponent("examples/mappings/zoho-leads.yaml").path)
        let deals = try Mapping.load(path: repo.appendingPathComponent("examples/mappings/zoho-deals.yaml").path)
        let l = try h.importFile(datasets.appendingPathComponent("zoho-crm-sample/Leads.csv").path, h.options(mapping: leads))
        let d = try h.importFile(datasets.appendingPathComponent("zoho-crm-sample/Potentials.csv").path, h.options(mapping: deals))
        #expect((l.rowsRead, l.inserted, l.rejected) == (3900, 3900, 0))
        #expect((d.rowsRead, d.inserted, d.rejected) == (3632, 3632, 0))
        #expect(l.unreadable.isEmpty && d.unreadable.isEmpty)
        #expect(try h.strings("SELECT object, lifecycle, count(*) FROM leads GROUP BY 1, 2 ORDER BY 1, 2") == [
            "Deals|lost|485", "Deals|open|1722", "Deals|won|1425", "Leads|disqualified|388", "Leads|lost|392", "Leads|open|3120",
        ])
        #expect(try h.strings("SELECT created_at, company, domain FROM leads WHERE object = 'Leads' AND crm_id = '4563'") == [
            "2021-04-15T00:03:00Z|Maurice The Pants Man|cameraupdate.com",
        ])
        #expect(try h.strings("SELECT closed_at, json_extract(attributes, '$.Amount') FROM leads WHERE object = 'Deals' AND crm_id = '1832'") == [
            "2021-04-16T00:03:00Z|$22,700.00",
        ])
    }

    @Test("a mapping that names a column the file lacks is refused naming both")
    func missingColumn() throws {
        let h = try ImportHarness()
        let mapping = try Mapping.parse("""
            source: acme-crm
            object: leads
            id: Lead ID
            fields:
              company: Company Name
              employees: Headcount
            """, file: "acme.yaml")
        let path = try h.write("acme.csv", "Lead ID,Company Name\n1,Acme\n")
        let error = try #require(throws: ImportFailure.self) { try h.importFile(path, h.options(mapping: mapping)) }
        #expect(error.message.contains("acme.yaml"))
        #expect(error.message.contains("headcount") || error.message.contains("Headcount"))
        #expect(error.message.contains("acme.csv"))
    }

    @Test("a mapping's YAML mistakes point at the line that is wrong: a repeated key at its second line, a syntax error where it is")
    func mappingYAMLMistakes() throws {
        let duplicate = try #require(throws: ImportFailure.self) { try Mapping.parse("source: a\nobject: leads\nsource: b\n", file: "m.yaml") }
        #expect(duplicate.message == "m.yaml:3: the key source appears twice in one dictionary (first on line 1); keep one")
        let syntax = try #require(throws: ImportFailure.self) { try Mapping.parse("source: a\nfields: [x\n", file: "m.yaml") }
        #expect(syntax.message.hasPrefix("m.yaml:3: not valid YAML: "), "\(syntax.message)")
    }

    @Test("the row after an unclosed quote says it is likely the rest of that quote")
    func unclosedQuoteThenShortRow() throws {
        let h = try ImportHarness()
        let path = try h.write("deals.csv", "Record ID,Deal Name,Deal Stage\n1,B,closedlost\n2,\"Open quote\n,closedlost\n3,C,closedlost\n")
        let s = try h.importFile(path)
        #expect((s.inserted, s.rejected) == (2, 2))
        #expect(try h.strings("SELECT line, reason FROM import_rejects ORDER BY line") == [
            "3|a quote opened on this line is never closed; the rows after it were read from the next line",
            "4|expected 3 fields, found 2 (likely the rest of the unclosed quote on line 3)",
        ])
    }

    @Test("the same file with a corrected mapping is read again; with the same mapping it is a no-op")
    func correctedMapping() throws {
        let h = try ImportHarness()
        let path = try h.write("acme.csv", "Lead ID,Company Name,Headcount\n1,Acme,120\n")
        let wrong = try Mapping.parse("source: acme\nobject: leads\nid: Lead ID\nfields:\n  company: Company Name\n", file: "acme.yaml")
        let right = try Mapping.parse("source: acme\nobject: leads\nid: Lead ID\nfields:\n  company: Company Name\n  employees: Headcount\n", file: "acme.yaml")
        #expect(try h.importFile(path, h.options(mapping: wrong)).inserted == 1)
        #expect(try h.importFile(path, h.options(mapping: wrong)).alreadyImported != nil)
        let again = try h.importFile(path, h.options(mapping: right))
        #expect(again.alreadyImported == nil)
        #expect(again.updated == 1)
        #expect(try h.strings("SELECT employees_low FROM leads") == ["120"])
    }

    @Test("a misspelt mapping key is refused with its line and the nearest right name")
    func misspeltKey() throws {
        let error = try #require(throws: ImportFailure.self) {
            try Mapping.parse("source: acme\nobject: leads\nid: ID\nfeilds:\n  company: Name\n", file: "acme.yaml")
        }
        #expect(error.message.contains("acme.yaml:4"))
        #expect(error.message.contains("did you mean fields?"))
    }

    @Test("a mapping whose lifecycle column the file lacks is refused naming the column, not read as every lead open")
    func missingLifecycleColumn() throws {
        let h = try ImportHarness()
        let mapping = try Mapping.parse("source: acme\nobject: leads\nid: Lead ID\nlifecycle:\n  column: Stage\n  lost: [Lost]\n", file: "acme.yaml")
        let path = try h.write("acme.csv", "Lead ID,Status\n1,Lost\n")
        let error = try #require(throws: ImportFailure.self) { try h.importFile(path, h.options(mapping: mapping)) }
        #expect(error.message == "acme.yaml: lifecycle.column names the column \"Stage\", which \(path) does not have; fix the mapping or the export")
        #expect(try h.count("leads") == 0)
    }

    @Test("a mapping's date_format, list_separator and lifecycle lists are checked when it is read, with the line", arguments: [
        ("date_format: YYYY-DD\n", "acme.yaml:4", "date_format YYYY-DD is not one reeval reads; use one of YYYY-MM-DD, YYYYMMDD"),
        ("date_format: nonsense\n", "acme.yaml:4", "date_format nonsense is not one reeval reads"),
        ("list_separator: abc\n", "acme.yaml:4", "list_separator must be one or two characters"),
        ("list_separator: \"\"\n", "acme.yaml:4", "list_separator must be one or two characters"),
        ("lifecycle:\n  column: Stage\n  lost: [Lost, Junk]\n  disqualified: [junk]\n", "acme.yaml:7", "lifecycle lists \"junk\" under both lost and disqualified"),
    ])
    func checkedMapping(extra: String, place: String, message: String) throws {
        let error = try #require(throws: ImportFailure.self) {
            try Mapping.parse("source: acme\nobject: leads\nid: Lead ID\n" + extra, file: "acme.yaml")
        }
        #expect(error.message.contains(place), "\(error.message)")
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test("dates in the formats real exports write, as the mapping names them", arguments: [
        ("YYYYMMDD", "20210105", "2021-01-05"), ("DD/MM/YYYY", "05/01/2021", "2021-01-05"), ("MM/DD/YYYY", "01/05/2021", "2021-01-05"),
        ("DD-MM-YYYY", "05-01-2021", "2021-01-05"), ("DD.MM.YYYY", "05.01.2021", "2021-01-05"), ("YYYY/MM/DD", "2021/01/05", "2021-01-05"),
        ("DD/MM/YY", "05/01/21", "2021-01-05"), ("MM/DD/YYYY HH:MM AM", "01/05/2021 3:04 PM", "2021-01-05T15:04:00Z"),
        ("DD.MM.YYYY HH:MM", "05.01.2021 15:04", "2021-01-05T15:04:00Z"), ("EXCEL", "44201", "2021-01-05"),
        ("EXCEL", "44201.5", "2021-01-05T12:00:00Z"),
    ])
    func mappedDateFormats(format: String, value: String, expected: String) throws {
        let h = try ImportHarness()
        let mapping = try Mapping.parse("source: acme\nobject: leads\nid: Lead ID\nfields:\n  created_at: Created\ndate_format: \(format)\n", file: "acme.yaml")
        let path = try h.write("acme.csv", "Lead ID,Created\n1,\(value)\n")
        let s = try h.importFile(path, h.options(mapping: mapping))
        #expect(s.unreadable.isEmpty, "\(format) \(value)")
        #expect(try h.strings("SELECT created_at FROM leads") == [expected])
    }

    @Test("a mapping with lifecycle values, list separator and day-first dates")
    func customCRM() throws {
        let h = try ImportHarness()
        let mapping = try Mapping.parse("""
            source: acme-crm
            object: leads
            id: Lead ID
            fields:
              company: Company Name
              employees: Headcount
              technologies: Tech Stack
              lost_reason: Why Lost
              closed_at: Closed On
            lifecycle:
              column: Stage
              won: [Won, Customer]
              lost: [Lost]
              disqualified: [Junk, Unqualified]
            list_separator: "|"
            date_format: DD/MM/YYYY
            """, file: "acme.yaml")
        let path = try h.write("acme.csv", "Lead ID;Company Name;Headcount;Tech Stack;Why Lost;Stage;Closed On;Region Code\n"
                                + "A-1;Acme;\"1,200\";Salesforce|HubSpot;No SSO;Lost;03/05/2024;EMEA\nA-2;Beta;10;;;junk;04/05/2024;\n")
        let s = try h.importFile(path, h.options(mapping: mapping))
        #expect((s.inserted, s.rejected) == (2, 0))
        #expect(try h.strings("SELECT source, crm_id, lifecycle, status, employees_low, technologies, lost_reason, closed_at, attributes FROM leads ORDER BY crm_id") == [
            "acme-crm|A-1|lost|Lost|1200|[\"Salesforce\",\"HubSpot\"]|No SSO|2024-05-03|{\"Region Code\":\"EMEA\"}",
            "acme-crm|A-2|disqualified|junk|10|NULL|NULL|2024-05-04|{}",
        ])
    }
}

@Suite("Choosing a preset by headers")
struct PresetChoiceTests {
    @Test("a HubSpot contacts export, which also carries `Company Name`, is read as contacts")
    func hubspotContacts() throws {
        let h = try ImportHarness()
        let contacts = "\u{FEFF}Record ID,First Name,Last Name,Email,Job Title,Company Name,Contact owner,Lifecycle Stage,Lead Status,Number of Employees,Create Date,Last Activity Date\r\n"
            + "101,Ana,Souza,ana@globex.com,CFO,Globex,Ben Carter,lead,UNQUALIFIED,100-500,2024-01-10 09:30,2024-02-01 10:00\r\n"
            + "102,Ben,Lee,ben@initech.io,CTO,Initech,Ben Carter,customer,Connected,1000+,2024-01-11 09:30,\r\n"
        let summary = try h.importFile(try h.write("hubspot-contacts.csv", contacts))
        #expect(summary.preset == "hubspot contacts")
        #expect(try h.strings("SELECT crm_id, lifecycle, company, domain, employees_low, employees_high FROM leads ORDER BY crm_id") == [
            "101|disqualified|Globex|globex.com|100|500", "102|won|Initech|initech.io|1000|NULL",
        ])
    }

    @Test("exports that carry only some of a preset's columns are recognised by the columns only that object has, and the summary says which", arguments: [
        ("Id,Name,Industry,NumberOfEmployees,Website,Type\n001000000000001AAA,Acme,Software,120,acme.example,Prospect\n", "salesforce Account (picked by its columns"),
        ("Id,AccountId,FirstName,LastName,Email,Title\n003000000000001AAA,001000000000001AAA,Ana,Souza,ana@acme.example,CFO\n", "salesforce Contact (picked by its columns"),
        ("Lead ID,First Name,Last Name,Lead Status,Lead Source,Industry\n00Q000000000001AAA,Ana,Souza,Open,Web,Software\n", "salesforce Lead (picked by its columns"),
    ])
    func partialHeaders(text: String, preset: String) throws {
        let h = try ImportHarness()
        let s = try h.importFile(try h.write("export.csv", text))
        #expect(s.preset.hasPrefix(preset), "\(s.preset)")
        #expect(s.inserted == 1)
    }

    @Test("HubSpot exports with associations: contacts linked to their company by Record ID - Company, Create Date twice")
    func hubspotAssociations() throws {
        let h = try ImportHarness()
        let companies = "Record ID - Company,Company name,Company Domain Name,Industry,Number of Employees,Country/Region,Create Date\n"
            + "5001,Globex,globex.com,Software,120,Germany,2023-01-10\n"
        #expect(try h.importFile(try h.write("companies.csv", companies)).preset == "hubspot companies")
        let contacts = "Record ID - Contact,First Name,Last Name,Email,Create Date,Lead Status,Record ID - Company,Company name,Create Date\n"
            + "101,Ana,Souza,ana@globex.com,2024-01-10 09:30,UNQUALIFIED,5001,Globex,2023-01-10\n"
        for args in [(nil, nil), ("hubspot", "contacts")] as [(String?, String?)] {
            let h2 = try ImportHarness()
            try h2.importFile(try h2.write("companies.csv", companies))
            let s = try h2.importFile(try h2.write("contacts.csv", contacts), h2.options(source: args.0, object: args.1))
            #expect(s.preset == "hubspot contacts")
            #expect(try h2.strings("""
                SELECT l.crm_id, l.account_crm_id, a.crm_id, l.industry, l.employees_low, l.country, l.created_at, l.lifecycle
                FROM leads l JOIN accounts a ON a.id = l.account_id
                """) == ["101|5001|5001|Software|120|DE|2024-01-10T09:30:00Z|disqualified"])
        }
    }

    @Test("headers that fit two exports equally well are refused, listing both")
    func ambiguous() throws {
        let h = try ImportHarness()
        let path = try h.write("both.csv", "Deal - ID,Deal - Status,Organization - ID,Organization - Name\n1,lost,7,Acme\n")
        let error = try #require(throws: ImportFailure.self) { try h.importFile(path) }
        #expect(error.message.contains("pipedrive deals") && error.message.contains("pipedrive organizations"))
    }
}
