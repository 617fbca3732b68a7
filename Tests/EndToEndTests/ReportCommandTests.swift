import Foundation
import LeadData
import Testing

@Suite("Reports, end to end")
struct ReportCommandTests {
    static let hostile = [
        "Finco Capital": "<script>alert(1)</script>",
        "Growco Software Inc.": "\"><img src=x onerror=alert(1)>",
        "Tinyco": "=HYPERLINK(\"http://x\")",
        "Fundco": "+cmd|' /C calc'!A0",
        "SSOco": "شركة الاختبار 🚀 " + String(repeating: "Very Long Name ", count: 30),
    ]

    /// The revival scenario with hostile company names in both Account exports.
    static func hostileScenario() throws -> Workspace {
        let ws = try Workspace()
        let fixtures = RunCommandTests.fixtures
        for name in ["Account-2024-06-30.csv", "Account-2026-10-01.csv"] {
            var text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
            for (plain, evil) in hostile { text = text.replacingOccurrences(of: "\"\(plain)\"", with: "\"" + evil.replacingOccurrences(of: "\"", with: "\"\"") + "\"") }
            try ws.write(name, text)
        }
        let mapping = fixtures.appendingPathComponent("salesforce-custom-fields.yaml").path
        for (file, date) in [("Account-2024-06-30.csv", "2024-06-30"), ("Account-2026-10-01.csv", "2026-10-01")] {
            #expect(try ws.reeval.run(["import", file, "--source", "salesforce", "--mapping", mapping, "--observed-at", date, "--quiet"]).status == 0)
            let opportunities = fixtures.appendingPathComponent(file.replacingOccurrences(of: "Account", with: "Opportunity")).path
            #expect(try ws.reeval.run(["import", opportunities, "--observed-at", date, "--quiet"]).status == 0)
        }
        #expect(try ws.reeval.run(["icp", "add", RunCommandTests.repo.appendingPathComponent("examples/icp/2024-h1.yaml").path,
                                   RunCommandTests.repo.appendingPathComponent("examples/icp/2025-q3.yaml").path, "--quiet"]).status == 0)
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--report-dir", "reports", "--quiet"]).status == 0)
        return ws
    }

    func read(_ ws: Workspace, _ name: String) throws -> String {
        try String(contentsOfFile: ws.path(name), encoding: .utf8)
    }

    @Test("control, line-breaking and bidi characters in CRM values never reach the terminal, Markdown, HTML, CSV or JSON raw")
    func controlCharacters() throws {
        let ws = try Workspace()
        let fixtures = RunCommandTests.fixtures
        // ESC sequences, BEL, DEL, C1 (CSI, NEL), line and paragraph separators, a line feed that
        // would forge a line, and the bidi overrides and isolates.
        let evil = "SSO\u{1B}[2J\u{1B}]0;pwned\u{07}co\u{7F}\u{9B}\u{85}\u{2028}\u{2029}\nFORGED\r\u{0B}\u{0C}"
            + "RTL\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}evil.exe\u{202C}\u{2066}\u{2067}\u{2068}\u{2069}"
        let unreadable = "Sealand\u{1B}[31m\u{202E}\nFORGED"
        for name in ["Account-2024-06-30.csv", "Account-2026-10-01.csv"] {
            let text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
            try ws.write(name, text.replacingOccurrences(of: "\"SSOco\"", with: "\"\(evil)\"")
                .replacingOccurrences(of: "\"Canada\"", with: "\"\(unreadable)\""))
        }
        let mapping = fixtures.appendingPathComponent("salesforce-custom-fields.yaml").path
        var terminal: [String] = []
        for (file, date) in [("Account-2024-06-30.csv", "2024-06-30"), ("Account-2026-10-01.csv", "2026-10-01")] {
            let imported = try ws.reeval.run(["import", file, "--source", "salesforce", "--mapping", mapping, "--observed-at", date])
            #expect(imported.status == 0, "\(imported.stderr)")
            terminal.append(imported.stdout)
            let opportunities = fixtures.appendingPathComponent(file.replacingOccurrences(of: "Account", with: "Opportunity")).path
            #expect(try ws.reeval.run(["import", opportunities, "--observed-at", date, "--quiet"]).status == 0)
        }
        #expect(try ws.reeval.run(["icp", "add", RunCommandTests.repo.appendingPathComponent("examples/icp/2024-h1.yaml").path,
                                   RunCommandTests.repo.appendingPathComponent("examples/icp/2025-q3.yaml").path, "--quiet"]).status == 0)
        let preview = try ws.reeval.run(["--as-of", "2026-11-22", "--dry-run"])
        #expect(preview.stdout.contains("SSO\u{FFFD}[2J\u{FFFD}]0;pwned\u{FFFD}co\u{FFFD}"), "\(preview.stdout)")
        terminal.append(preview.stdout)
        let explain = try ws.reeval.run(["explain", "006OPPD00000000YDA", "--as-of", "2026-11-22"])
        terminal.append(explain.stdout + explain.stderr)
        for output in terminal {
            #expect(output.unicodeScalars.allSatisfy { $0 == "\n" || UnsafeCharacters.replacement($0.value) == nil }, "\(output.debugDescription)")
            #expect(!output.split(separator: "\n").contains { $0.hasPrefix("FORGED") }, "a value forged a line: \(output)")
        }
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--report-dir", "reports", "--quiet"]).status == 0)
        for name in ["report.md", "report.html", "run.json", "revived.csv", "revived-salesforce-Opportunity.csv"] {
            let text = try read(ws, "reports/\(name)")
            // Only the files' own line breaks remain.
            #expect(text.unicodeScalars.allSatisfy { $0 == "\n" || $0 == "\r" || UnsafeCharacters.replacement($0.value) == nil }, "\(name)")
            #expect(!text.split(whereSeparator: \.isNewline).contains { $0.hasPrefix("FORGED") }, "a value forged a line in \(name)")
        }
        let markdown = try read(ws, "reports/report.md")
        #expect(markdown.contains("SSO\u{FFFD}\\[2J\u{FFFD}\\]0;pwned\u{FFFD}co\u{FFFD}\u{FFFD}"), "\(markdown)")
        #expect(markdown.contains("Sealand\u{FFFD}\\[31m\u{FFFD} FORGED"), "the unreadable value is listed, made safe")
        // run.json keeps the exact value, escaped.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(read(ws, "reports/run.json").utf8)) as? [String: Any])
        #expect(((json["leads"] as? [[String: Any]]) ?? []).contains { $0["company"] as? String == evil })
    }

    @Test("a report shows what its run saw: rendering run 1 again after later imports gives identical files")
    func reportOfItsRun() throws {
        let ws = try RunCommandTests.scenario()
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--report-dir", "first", "--quiet"]).status == 0)
        // Ten nights later: the account is renamed and grows, its country cannot be read, and the
        // revived deal is won, on a date after the run.
        let fixtures = RunCommandTests.fixtures
        let accounts = try String(contentsOf: fixtures.appendingPathComponent("Account-2026-10-01.csv"), encoding: .utf8)
            .replacingOccurrences(of: "\"SSOco\"", with: "\"SSOco Renamed\"").replacingOccurrences(of: "\"Canada\"", with: "\"Atlantis\"")
        try ws.write("Account-later.csv", accounts)
        let opportunities = try String(contentsOf: fixtures.appendingPathComponent("Opportunity-2026-10-01.csv"), encoding: .utf8)
            .split(separator: "\n").map { line in
                line.hasPrefix("\"006OPPD") ? "\"006OPPD00000000YDA\",\"0\",\"001ACCD00000000YDA\",\"SSOco - Platform\",\"Closed Won\",\"48000\","
                    + "\"2026-12-01 00:00:00\",\"1\",\"1\",\"Web\",\"0055g00000OWNERAA5\",\"2023-11-01 09:00:00\",\"2026-12-01 00:00:00\",\"\",\"\"" : String(line)
            }.joined(separator: "\n")
        try ws.write("Opportunity-later.csv", opportunities)
        let mapping = fixtures.appendingPathComponent("salesforce-custom-fields.yaml").path
        #expect(try ws.reeval.run(["import", "Account-later.csv", "--source", "salesforce", "--mapping", mapping, "--observed-at", "2026-12-02", "--quiet"]).status == 0)
        #expect(try ws.reeval.run(["import", "Opportunity-later.csv", "--observed-at", "2026-12-02", "--quiet"]).status == 0)
        #expect(try ws.reeval.sql("SELECT company, lifecycle FROM leads WHERE crm_id = '006OPPD00000000YDA'") == ["SSOco Renamed|won"])
        #expect(try ws.reeval.run(["report", "--run", "1", "--out", "again"]).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: ws.path("first")).filter { !$0.hasPrefix(".") }.sorted()
        #expect(names.count >= 4)
        for name in names {
            let first = try Data(contentsOf: URL(fileURLWithPath: ws.path("first/\(name)")))
            let again = try Data(contentsOf: URL(fileURLWithPath: ws.path("again/\(name)")))
            #expect(first == again, "\(name) changed after later imports")
        }
        #expect(try ws.reeval.sql("SELECT company, lifecycle, dismissed_at FROM revived_by_run WHERE run_id = 1 AND crm_id = '006OPPD00000000YDA'")
                == ["SSOco|lost|2024-02-01T00:00:00Z"])
    }

    @Test("the report lists the revived accounts with their counts, best tier and reasons, in Markdown, HTML and run.json")
    func revivedAccounts() throws {
        let ws = try RunCommandTests.scenario()
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--report-dir", "reports", "--quiet"]).status == 0)
        #expect(try ws.reeval.sql("SELECT account_crm_id, revived_leads, best_score, best_tier, reason_kinds FROM revived_accounts") == [
            #"001ACCD00000000YDA|1|90.0|A|["lost_reason_resolved"]"#, #"001ACCA00000000YDA|1|75.0|B|["icp_change"]"#, #"001ACCE00000000YDA|1|75.0|B|["data_change"]"#,
            #"001ACCC00000000YDA|1|65.0|B|["trigger"]"#, #"001ACCB00000000YDA|1|65.0|B|["data_change"]"#,
        ])
        let markdown = try read(ws, "reports/report.md")
        #expect(markdown.contains("## Revived accounts"))
        #expect(markdown.contains("| SSOco | salesforce 001ACCD00000000YDA | 1 | 90 | A | The product gap was closed |"))
        #expect(try read(ws, "reports/report.html").contains("<h2>Revived accounts</h2>"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(read(ws, "reports/run.json").utf8)) as? [String: Any])
        #expect((json["accounts"] as? [[String: Any]])?.map { $0["crm_id"] as? String } == ["001ACCD00000000YDA", "001ACCA00000000YDA", "001ACCE00000000YDA", "001ACCC00000000YDA", "001ACCB00000000YDA"])
        // The run's ICP tested on the scenario's won and lost deals: 7 records, 1 won, too few to judge.
        #expect(markdown.contains("## Is the ICP right?\n\n2025-q3 on 7 won and lost records"))
        #expect(markdown.contains("The sample is too small to judge"))
        #expect(try read(ws, "reports/report.html").contains("aria-label=\"win rate by tier\""))
        let backtest = try #require(json["backtest"] as? [String: Any])
        #expect(backtest["records"] as? Int == 7 && backtest["won"] as? Int == 1)
    }

    @Test("a Salesforce User export maps OwnerId to names in revived_latest and every report")
    func ownersByName() throws {
        let ws = try RunCommandTests.scenario()
        try ws.write("User.csv", "Id,Username,FirstName,LastName,Name,Email,IsActive\n0055g00000OWNER,jane@acme.example,Jane,Roe,Jane Roe,jane@acme.example,true\n")
        let imported = try ws.reeval.run(["import", "User.csv"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("User.csv: salesforce User"))
        #expect(try ws.reeval.sql("SELECT crm_id, name, email FROM owners") == ["0055g00000OWNERAA5|Jane Roe|jane@acme.example"])
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--report-dir", "reports", "--quiet"]).status == 0)
        #expect(try ws.reeval.sql("SELECT DISTINCT owner FROM revived_latest") == ["Jane Roe"])
        #expect(try read(ws, "reports/report.md").contains("| Jane Roe |"))
        #expect(try read(ws, "reports/report.html").contains("Jane Roe"))
        #expect(try read(ws, "reports/run.json").contains("\"owner\": \"Jane Roe\""))
        #expect(try ws.reeval.sql("SELECT kind FROM imports WHERE file_name = 'User.csv'") == ["owners"])
    }

    @Test("hostile CRM values are inert in HTML, Markdown, CSV and JSON")
    func hostileValuesAreInert() throws {
        let ws = try Self.hostileScenario()
        let html = try read(ws, "reports/report.html")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("شركة الاختبار 🚀"))
        // One self-contained file: nothing loaded from elsewhere.
        for marker in ["src=\"", "href=", "<link", "@import", "url("] { #expect(!html.contains(marker), "\(marker)") }

        let md = try read(ws, "reports/report.md")
        #expect(!md.contains("<script") && !md.contains("<img"))
        #expect(md.contains("&lt;script&gt;alert\\(1\\)") || md.contains("&lt;script&gt;alert(1)"))

        let csv = try read(ws, "reports/revived.csv")
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
        #expect(csv.contains("\"'+cmd|' /C calc'!A0\""))
        for line in csv.split(separator: "\r\n") {
            for cell in line.split(separator: ",") where cell.hasPrefix("\"") {
                #expect(!["=", "+", "-", "@"].contains(cell.dropFirst().first.map(String.init) ?? ""), "unneutralised cell \(cell)")
            }
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(read(ws, "reports/run.json").utf8)) as? [String: Any])
        let companies = (json["leads"] as? [[String: Any]])?.compactMap { $0["company"] as? String } ?? []
        #expect(Set(companies) == Set(Self.hostile.values.map { $0.trimmingCharacters(in: .whitespaces) }))
    }

    @Test("every format holds the figures the run stored, and rendering twice gives identical bytes")
    func figuresAndDeterminism() throws {
        let ws = try Self.hostileScenario()
        let md = try read(ws, "reports/report.md")
        #expect(md.contains("| 7 | 5 | 5 |"))
        #expect(md.contains("| The company changed | 2 |"))
        let html = try read(ws, "reports/report.html")
        #expect(html.contains("<div class=\"big\">5</div><div>revived</div>"))
        #expect(html.contains("employees 40 → 250: size +15"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(read(ws, "reports/run.json").utf8)) as? [String: Any])
        #expect(json["revived"] as? Int == 5)
        #expect(json["candidates"] as? Int == 7)
        #expect((json["by_reason"] as? [String: Int]) == ["data_change": 2, "icp_change": 1, "trigger": 1, "lost_reason_resolved": 1])
        let sf = try read(ws, "reports/revived-salesforce-Opportunity.csv")
        #expect(sf.hasPrefix("\"Id\",\"ICP_Tier__c\",\"ICP_Score__c\",\"ICP_Revival_Reason__c\",\"ICP_Revived_On__c\"\r\n"))
        #expect(sf.contains("\"006OPPB00000000YDA\",\"B\",\"65\",\"employees 40 → 250: size +15\",\"2026-11-22\""))

        #expect(try ws.reeval.run(["report", "--out", "again", "--quiet"]).status == 0)
        #expect(try ws.reeval.run(["report", "--run", "1", "--out", "third", "--quiet"]).status == 0)
        for name in ["report.md", "report.html", "run.json", "revived.csv", "revived-salesforce-Opportunity.csv"] {
            let first = try Data(contentsOf: ws.url.appendingPathComponent("reports/\(name)"))
            #expect(first == (try Data(contentsOf: ws.url.appendingPathComponent("again/\(name)"))), "\(name)")
            #expect(first == (try Data(contentsOf: ws.url.appendingPathComponent("third/\(name)"))), "\(name)")
        }
    }

    @Test("a report folder that cannot be created exits 73; an unknown run or format is refused")
    func reportErrors() throws {
        let ws = try Self.hostileScenario()
        try ws.write("file", "not a folder")
        #expect(try ws.reeval.run(["report", "--out", "file/sub"]).status == 73)
        #expect(try ws.reeval.run(["report", "--run", "99", "--out", "x"]).status == 65)
        #expect(try ws.reeval.run(["report", "--format", "pdf", "--out", "x"]).status == 64)
        #expect(try ws.reeval.run(["report", "--run", "last-week"]).status == 64)
    }
}
