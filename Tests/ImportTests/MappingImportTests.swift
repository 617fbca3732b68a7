import CRMImport
import Foundation
import LeadData
import Testing

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
