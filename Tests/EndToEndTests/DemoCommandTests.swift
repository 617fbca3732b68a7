import Foundation
import Testing

@Suite("reeval demo and sample")
struct DemoCommandTests {
    @Test("the demo runs the whole pipeline into its folder: every reason kind, every report, the tables it promises")
    func demo() throws {
        let ws = try Workspace()
        let result = try ws.reeval.run(["demo", "--dir", "demo", "--leads", "1200"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("demo/report/report.html"))
        for name in ["report.html", "report.md", "run.json", "revived.csv"] {
            #expect(FileManager.default.fileExists(atPath: ws.path("demo/report/\(name)")), "\(name)")
        }
        let db = "demo/reeval.sqlite"
        #expect(try ws.reeval.sql("SELECT count(*) FROM imports", db: db) == ["13"])
        // The org's custom fields come in through a mapping overlay, as the README tells users to.
        #expect(try ws.reeval.sql("SELECT DISTINCT preset FROM imports ORDER BY 1", db: db) == [
            "hubspot companies", "hubspot deals", "pipedrive deals",
            "salesforce Account + mapping demo/sample/mappings/salesforce-custom-fields.yaml",
            "salesforce Lead + mapping demo/sample/mappings/salesforce-custom-fields.yaml", "salesforce Opportunity", "salesforce User",
        ])
        #expect(try ws.reeval.sql("SELECT count(*) FROM icp_versions", db: db) == ["2"])
        let kinds = try ws.reeval.sql("SELECT DISTINCT json_extract(j.value, '$.kind') FROM revived_latest r, json_each(r.reasons) j ORDER BY 1", db: db)
        #expect(kinds == ["data_change", "icp_change", "lost_reason_resolved", "trigger"])
        // Every trigger over history of the newer ICP revives someone, and reasons name canonical
        // fields, never raw export columns.
        #expect(try ws.reeval.sql("SELECT DISTINCT id FROM revival_reasons WHERE kind = 'trigger' ORDER BY 1", db: db) == [
            "adopted", "came-back", "grew", "new-exec", "new-market", "recent-funding",
        ])
        #expect(try ws.reeval.sql("SELECT count(*) FROM revival_reasons WHERE detail LIKE '%attributes.%' OR detail LIKE '%\\_\\_c%' ESCAPE '\\'", db: db) == ["0"])
        let markdown = try String(contentsOfFile: ws.path("demo/report/report.md"), encoding: .utf8)
        #expect(markdown.contains("| dormant since | "), "an open lead that went quiet reads dormant since")
        #expect(!markdown.contains("| open | "))
        // Owners show by name: the sample's User export names them.
        #expect(!markdown.contains("00500000000"), "owner ids in the report")
        #expect(markdown.contains("Ana Souza"))
        let html = try String(contentsOfFile: ws.path("demo/report/report.html"), encoding: .utf8)
        #expect(html.contains("<span class=\"id\">006"), "CRM ids are kept on one line")
        let revived = Int(try ws.reeval.sql("SELECT count(*) FROM revived_latest", db: db).first ?? "0") ?? 0
        let candidates = Int(try ws.reeval.sql("SELECT candidates FROM runs", db: db).first ?? "0") ?? 0
        #expect(revived > 0 && revived * 4 < candidates, "a plausible share: \(revived) of \(candidates)")
        // The sample's broken rows are rejected with their lines, not dropped.
        #expect(Int(try ws.reeval.sql("SELECT count(*) FROM import_rejects", db: db).first ?? "0")! >= 1)
        // Running it again starts the folder afresh, replacing only what the demo wrote: the draft
        // it suggests writing there stays.
        try ws.write("demo/draft.yaml", "# my edited draft")
        #expect(try ws.reeval.run(["demo", "--dir", "demo", "--leads", "300", "--quiet"]).status == 0)
        #expect(try ws.reeval.sql("SELECT count(*) FROM runs", db: db) == ["1"])
        #expect(try String(contentsOfFile: ws.path("demo/draft.yaml"), encoding: .utf8) == "# my edited draft")
    }

    @Test("the demo refuses a folder that is not its own")
    func demoRefusesForeignFolder() throws {
        let ws = try Workspace()
        try ws.write("mine/notes.txt", "keep me")
        let result = try ws.reeval.run(["demo", "--dir", "mine"])
        #expect(result.status == 73)
        #expect(FileManager.default.fileExists(atPath: ws.path("mine/notes.txt")))
    }

    @Test("sample is deterministic for a seed and its exports import with --source auto")
    func sampleDeterministic() throws {
        let ws = try Workspace()
        #expect(try ws.reeval.run(["sample", "--leads", "300", "--out", "a", "--seed", "7", "--quiet"]).status == 0)
        #expect(try ws.reeval.run(["sample", "--leads", "300", "--out", "b", "--seed", "7", "--quiet"]).status == 0)
        let files = try FileManager.default.subpathsOfDirectory(atPath: ws.path("a")).filter { $0.hasSuffix(".csv") || $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count == 16)
        for file in files {
            #expect(try Data(contentsOf: ws.url.appendingPathComponent("a/\(file)")) == Data(contentsOf: ws.url.appendingPathComponent("b/\(file)")), "\(file)")
        }
        let csvs = files.filter { $0.hasSuffix(".csv") }.map { "a/\($0)" }
        let result = try ws.reeval.run(["import"] + csvs + ["--source", "auto", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
    }
}
