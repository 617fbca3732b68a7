import Foundation
import ReevalStore
import Testing

@Suite("reeval import, end to end")
struct ImportCommandTests {
    static let hubspotDeals = "\u{FEFF}Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date,Deal owner,Closed Lost Reason\r\n"
        + "9001,Globex - Platform,Closed Lost,48000,2024-02-15,2023-11-01 09:00,Jane Roe,No SSO\r\n"
        + "9002,Initech - Pilot,Closed Won,12000,2024-03-01,2023-12-01 09:00,Jane Roe,\r\n"

    @Test("a HubSpot deals export imports with --source auto and --json prints one summary document")
    func importsWithJSON() throws {
        let ws = try Workspace()
        try ws.write("deals.csv", Self.hubspotDeals)
        let result = try ws.reeval.run(["import", "deals.csv", "--json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["preset"] as? String == "hubspot deals")
        #expect(json["inserted"] as? Int == 2)
        #expect(try ws.reeval.sql("SELECT crm_id || ':' || lifecycle FROM leads ORDER BY crm_id") == ["9001:lost", "9002:won"])
        let again = try ws.reeval.run(["import", "deals.csv"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("already imported"))
    }

    @Test("an export whose every row is rejected exits 65 with the first reasons, also under run --inbox --quiet, and imports nothing")
    func everyRowRejected() throws {
        let ws = try Workspace()
        // A HubSpot deals export whose ids a spreadsheet rounded: every row is refused.
        try ws.write("inbox/deals.csv", "Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date\r\n"
                     + "1.11015E+11,Globex,Closed Lost,48000,2024-02-15,2023-11-01 09:00\r\n"
                     + "1.11016E+11,Initech,Closed Won,12000,2024-03-01,2023-12-01 09:00\r\n")
        let result = try ws.reeval.run(["import", "inbox/deals.csv"])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("inbox/deals.csv: all 2 of its data rows were rejected (line 2: "), "\(result.stderr)")
        #expect(result.stderr.contains("; line 3: "))
        #expect(try ws.reeval.sql("SELECT count(*) FROM imports") == ["0"])
        let run = try ws.reeval.run(["run", "--inbox", "inbox", "--quiet"])
        #expect(run.status == 65, "cron hears of it: \(run.stderr)")
        #expect(run.stderr.contains("all 2 of its data rows were rejected"))
        #expect(try ws.reeval.sql("SELECT count(*) FROM imports") == ["0"])
    }

    @Test("a mapping naming a column the export lacks is refused with the column as the mapping spells it")
    func mappingColumnSpelling() throws {
        let ws = try Workspace()
        try ws.write("leads.csv", "Lead ID,Company,Stage\n1,Acme,Lost\n")
        try ws.write("m.yaml", "source: acme\nobject: leads\nid: Lead ID\nfields:\n  company: NoPe Column\nlifecycle:\n  column: Stage\n  lost: [Lost]\n")
        let result = try ws.reeval.run(["import", "leads.csv", "--mapping", "m.yaml"])
        #expect(result.status == 65)
        #expect(result.stderr.contains(#"company names the column "NoPe Column", which leads.csv does not have"#), "\(result.stderr)")
    }

    @Test("two exports pasted together: the repeated header line is skipped and counted, and empty lines are counted as blank rows")
    func pastedExports() throws {
        let ws = try Workspace()
        try ws.write("deals.csv", Self.hubspotDeals + "\r\n" + "Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date,Deal owner,Closed Lost Reason\r\n"
                     + "9003,Umbrella,Closed Lost,5000,2024-04-01,2024-01-01 09:00,Jane Roe,No budget\r\n\r\n")
        let result = try ws.reeval.run(["import", "deals.csv", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["inserted"] as? Int == 3)
        #expect(json["repeated_headers"] as? Int == 1)
        #expect(json["blank_rows"] as? Int == 2)
        #expect(try ws.reeval.sql("SELECT crm_id FROM leads ORDER BY crm_id") == ["9001", "9002", "9003"])
    }

    @Test("a NUL byte in a row after the first 64 KiB rejects that row with its line; nothing raw is stored")
    func nulAfterFirstChunk() throws {
        let ws = try Workspace()
        var text = "Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date\r\n"
        var id = 10_000
        while text.utf8.count < 70_000 { id += 1; text += "\(id),Deal number \(id),Closed Lost,1000,2024-02-15,2023-11-01 09:00\r\n" }
        text += "\(id + 1),Bad\u{0}Deal,Closed Lost,1000,2024-02-15,2023-11-01 09:00\r\n"
        try ws.write("deals.csv", text)
        let result = try ws.reeval.run(["import", "deals.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("rejected line \(id - 10_000 + 2): a NUL byte (0x00) in the row"), "\(result.stdout)")
        #expect(try ws.reeval.sql("SELECT count(*) FROM leads WHERE instr(CAST(company AS BLOB), x'00') > 0 OR crm_id = '\(id + 1)'") == ["0"])
    }

    static let dateMapping = "source: acme\nobject: leads\nid: Lead ID\nfields:\n  company: Company\n  closed_at: Closed\n  created_at: Created\n"
        + "lifecycle:\n  column: Stage\n  lost: [Lost]\n"

    @Test("slash dates: the order is decided once per column from the values only one order reads, never by row",
          arguments: [
            // 31/12 decides day first for Closed, so 01/02 is 1 February; Created is month first (12/31).
            ("1,A,Lost,01/02/2025,01/02/2024\n2,B,Lost,31/12/2025,12/31/2024\n", ["1|2025-02-01|2024-01-02", "2|2025-12-31|2024-12-31"]),
            // The deciding value may come last, after the ambiguous ones.
            ("1,A,Lost,05/06/2025,\n2,B,Lost,04/03/2025,\n3,C,Lost,13/01/2025,\n", ["1|2025-06-05|", "2|2025-03-04|", "3|2025-01-13|"]),
          ])
    func slashDatesByColumn(rows: String, expected: [String]) throws {
        let ws = try Workspace()
        try ws.write("m.yaml", Self.dateMapping)
        try ws.write("leads.csv", "Lead ID,Company,Stage,Closed,Created\n" + rows)
        let result = try ws.reeval.run(["import", "leads.csv", "--mapping", "m.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try ws.reeval.sql("SELECT crm_id, substr(closed_at, 1, 10), substr(created_at, 1, 10) FROM leads ORDER BY crm_id") == expected)
        // The same file again is the same import: its decided reading is part of its identity.
        #expect(try ws.reeval.run(["import", "leads.csv", "--mapping", "m.yaml"]).stdout.contains("already imported"))
    }

    @Test("slash dates: a column in both orders, or one no value decides under a mapping, is refused; a preset's default is said",
          arguments: [
            ("1,A,Lost,31/12/2025,\n2,B,Lost,12/31/2025,\n", "column Closed has dates in both orders (day first on line 2: 31/12/2025, month first on line 3: 12/31/2025)"),
            ("1,A,Lost,01/02/2025,\n2,B,Lost,03/04/2025,\n", "the dates in column Closed could be day or month first (line 2: 01/02/2025) and no value decides; nothing was imported: add date_format"),
          ])
    func slashDatesRefused(rows: String, message: String) throws {
        let ws = try Workspace()
        try ws.write("m.yaml", Self.dateMapping)
        try ws.write("leads.csv", "Lead ID,Company,Stage,Closed,Created\n" + rows)
        let result = try ws.reeval.run(["import", "leads.csv", "--mapping", "m.yaml"])
        #expect(result.status == 65)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try ws.reeval.sql("SELECT count(*) FROM leads") == ["0"])
        // date_format decides without looking.
        try ws.write("f.yaml", Self.dateMapping + "date_format: DD/MM/YYYY\n")
        if message.contains("no value decides") {
            #expect(try ws.reeval.run(["import", "leads.csv", "--mapping", "f.yaml", "--quiet"]).status == 0)
            #expect(try ws.reeval.sql("SELECT substr(closed_at, 1, 10) FROM leads ORDER BY crm_id") == ["2025-02-01", "2025-04-03"])
        }
    }

    @Test("slash dates under the HubSpot preset: no value decides, so HubSpot's month-first default is used and the summary says so; a day-first export is read day first")
    func hubSpotDefaultOrder() throws {
        let ws = try Workspace()
        let header = "Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date\r\n"
        try ws.write("us.csv", header + "9001,G,Closed Lost,1,01/02/2025,2023-11-01 09:00\r\n9002,H,Closed Lost,1,03/04/2025,2023-11-01 09:00\r\n")
        let us = try ws.reeval.run(["import", "us.csv"])
        #expect(us.status == 0, "\(us.stderr)")
        #expect(us.stdout.contains("dates in Close Date read month first, hubspot's default: no value decides (like 01/02/2025 on line 2)"), "\(us.stdout)")
        try ws.write("eu.csv", header + "9003,I,Closed Lost,1,01/02/2025,2023-11-01 09:00\r\n9004,J,Closed Lost,1,31/03/2025,2023-11-01 09:00\r\n")
        #expect(try ws.reeval.run(["import", "eu.csv", "--quiet"]).status == 0)
        #expect(try ws.reeval.sql("SELECT crm_id, substr(closed_at, 1, 10) FROM leads ORDER BY crm_id") == [
            "9001|2025-01-02", "9002|2025-03-04", "9003|2025-02-01", "9004|2025-03-31",
        ])
    }

    @Test("a Salesforce record under its 15- and 18-character ids is one record: a duplicate within a file, the same lead across files")
    func salesforceIDForms() throws {
        let ws = try Workspace()
        // 00Q5g00000ABCDE's suffix: which of its 15 characters are capitals, five at a time (EA5).
        try ws.write("export.csv", "Id,Company,Status,LastModifiedDate,OwnerId\n"
                     + "00Q5g00000ABCDEEA5,Acme,Closed - Not Converted,2024-01-02 10:00:00,0055g00000OWNER\n"
                     + "00Q5g00000ABCDE,Acme,Closed - Not Converted,2024-01-02 10:00:00,0055g00000OWNER\n")
        let first = try ws.reeval.run(["import", "export.csv", "--source", "salesforce", "--object", "Lead"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("rejected line 3: duplicate id 00Q5g00000ABCDEEA5, first on line 2"), "\(first.stdout)")
        try ws.write("report.csv", "Id,Company,Status,LastModifiedDate,OwnerId\n00Q5g00000ABCDE,Acme Corp,Closed - Not Converted,2024-02-02 10:00:00,0055g00000OWNER\n")
        let second = try ws.reeval.run(["import", "report.csv", "--source", "salesforce", "--object", "Lead", "--json"])
        #expect(second.status == 0, "\(second.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        #expect(json["updated"] as? Int == 1)
        // Kept in its 18-character form, owner ids too (so a User export's 18-character ids name them).
        #expect(try ws.reeval.sql("SELECT crm_id, company, owner FROM leads") == ["00Q5g00000ABCDEEA5|Acme Corp|0055g00000OWNERAA5"])
    }

    @Test("a mapping's id that starts with = + - @ is refused at import, so no write-back id is ever altered to be safe")
    func formulaIDsRefused() throws {
        let ws = try Workspace()
        try ws.write("m.yaml", "source: acme\nobject: leads\nid: Lead ID\nfields:\n  company: Company\nlifecycle:\n  column: Stage\n  lost: [Lost]\n")
        try ws.write("leads.csv", "Lead ID,Company,Stage\n=1+1,A,Lost\n@SUM,B,Lost\nL-1,C,Lost\n")
        let result = try ws.reeval.run(["import", "leads.csv", "--mapping", "m.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("rejected line 2: id =1+1 starts with =, which spreadsheets read as a formula"), "\(result.stdout)")
        #expect(result.stdout.contains("rejected line 3: id @SUM starts with @"))
        #expect(try ws.reeval.sql("SELECT crm_id FROM leads") == ["L-1"])
    }

    @Test("bad rows are rejected with their line and the import goes on; --strict fails whole and leaves nothing")
    func rejectsAndStrict() throws {
        let ws = try Workspace()
        var bytes = Array("Record ID,Deal Name,Deal Stage,Close Date\r\n9001,Globex,Closed Lost,2024-02-15\r\n9002,Too,Many,Fields,Here\r\n".utf8)
        bytes += Array("9003,Caf".utf8) + [0xE9] + Array(",Closed Lost,2024-01-01\r\n".utf8) // Latin-1 é in a UTF-8 file
        bytes += Array("9004,\"Unclosed,Closed Lost,2024-01-01\r\n".utf8)
        // Enough valid UTF-8 first that the file is read as UTF-8.
        let padding = (0..<2000).map { "8\($0),Deal \($0) ✓,Qualified To Buy,2024-01-01\r\n" }.joined()
        let head = Array("Record ID,Deal Name,Deal Stage,Close Date\r\n".utf8) + Array(padding.utf8)
        try ws.write(bytes: head + bytes.dropFirst(44), "deals.csv")

        let strict = try ws.reeval.run(["import", "deals.csv", "--strict"])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("--strict"))
        #expect(try ws.reeval.sql("SELECT count(*) FROM leads") == ["0"])
        #expect(try ws.reeval.sql("SELECT count(*) FROM imports") == ["0"])

        let lenient = try ws.reeval.run(["import", "deals.csv"])
        #expect(lenient.status == 0)
        #expect(try ws.reeval.sql("SELECT line || ': ' || reason FROM import_rejects ORDER BY line") == [
            "2003: expected 4 fields, found 5",
            "2004: invalid UTF-8 in column Deal Name; re-export as UTF-8 or pass --encoding windows-1252",
            "2005: a quote opened on this line is never closed; the rows after it were read from the next line",
        ])
        #expect(try ws.reeval.sql("SELECT count(*) FROM leads") == ["2001"])
    }

    @Test("a database another process holds a write lock on exits 75 after the busy timeout, and is left as it was")
    func lockedDatabase() throws {
        let ws = try Workspace()
        try ws.write("deals.csv", Self.hubspotDeals)
        #expect(try ws.reeval.run(["init", "--quiet"]).status == 0)
        // Another connection holds the write lock, as another program would.
        let holder = try Database(path: ws.path("reeval.sqlite"))
        try holder.execute("BEGIN IMMEDIATE")
        let result = try ws.reeval.run(["import", "deals.csv"])
        #expect(result.status == 75)
        #expect(result.stderr.contains("locked by another process"))
        try holder.execute("ROLLBACK")
        #expect(try ws.reeval.sql("SELECT count(*) FROM imports") == ["0"])
    }

    @Test("one import command is one transaction: a failing file, or a rejected row under --strict, leaves none of its files imported")
    func oneCommandOneTransaction() throws {
        let ws = try Workspace()
        try ws.write("a.csv", Self.hubspotDeals)
        try ws.write("b.csv", "Foo,Bar\n1,2\n")
        try ws.write("c.csv", Self.hubspotDeals.replacingOccurrences(of: "9001", with: "9101").replacingOccurrences(of: "9002", with: "9102"))
        let failed = try ws.reeval.run(["import", "a.csv", "b.csv", "c.csv"])
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("b.csv"))
        #expect(failed.stderr.contains("nothing was imported (one command is one transaction: 1 of 3 files had been read"))
        #expect(failed.stdout.isEmpty)
        #expect(try ws.reeval.sql("SELECT count(*) FROM imports") == ["0"])
        #expect(try ws.reeval.sql("SELECT count(*) FROM leads") == ["0"])
        try ws.write("b.csv", Self.hubspotDeals.replacingOccurrences(of: "9001", with: "9201").replacingOccurrences(of: "9002,", with: ",") )
        let strict = try ws.reeval.run(["import", "a.csv", "b.csv", "c.csv", "--strict"])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("b.csv: 1 row rejected under --strict"))
        #expect(try ws.reeval.sql("SELECT count(*) FROM imports") == ["0"])
        let ok = try ws.reeval.run(["import", "a.csv", "c.csv", "--quiet"])
        #expect(ok.status == 0)
        #expect(try ws.reeval.sql("SELECT file_name, inserted FROM imports ORDER BY id") == ["a.csv|2", "c.csv|2"])
    }

    @Test("--dry-run reports the counts and writes nothing")
    func dryRun() throws {
        let ws = try Workspace()
        try ws.write("deals.csv", Self.hubspotDeals)
        let result = try ws.reeval.run(["import", "deals.csv", "--dry-run"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("dry run"))
        #expect(result.stdout.contains("inserted 2"))
        #expect(try ws.reeval.sql("SELECT count(*) FROM imports") == ["0"])
        #expect(try ws.reeval.sql("SELECT count(*) FROM leads") == ["0"])
    }

    @Test("an import killed mid-file leaves no trace, and the next import of the file succeeds")
    func killedImport() throws {
        let ws = try Workspace()
        var text = "Record ID,Deal Name,Deal Stage,Close Date,Create Date\n"
        for i in 1...40_000 { text += "\(i),Deal \(i),Closed Lost,2024-02-15,2023-11-01 09:00\n" }
        try ws.write("big.csv", text)
        let process = Process()
        process.executableURL = ReevalProcess.binary
        process.arguments = ["import", "big.csv", "--quiet"]
        process.currentDirectoryURL = ws.url
        try process.run()
        // Kill it once it is writing its transaction: its WAL has grown past its first pages.
        func walSize() -> Int { (try? FileManager.default.attributesOfItem(atPath: ws.path("reeval.sqlite-wal"))[.size] as? Int) ?? 0 }
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, walSize() < 200_000, Date() < deadline { usleep(1_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try ws.reeval.sql("SELECT count(*) FROM imports") == ["0"])
        #expect(try ws.reeval.sql("SELECT count(*) FROM leads") == ["0"])
        #expect(try ws.reeval.sql("PRAGMA integrity_check") == ["ok"])
        let retry = try ws.reeval.run(["import", "big.csv", "--quiet"])
        #expect(retry.status == 0)
        #expect(try ws.reeval.sql("SELECT count(*) FROM leads") == ["40000"])
    }
}
