import Foundation
import Testing

@Suite("backtest and icp suggest from the command line")
struct EvidenceCommandTests {
    @Test("suggest --out refuses an existing file unless --force, follows a symlink, and - is standard output; backtest gives its AUC and --records")
    func outputsAndRecords() throws {
        let ws = try Workspace()
        let demo = try ws.reeval.run(["demo", "--dir", "d", "--leads", "600"])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("the draft `icp suggest` writes 0."), "\(demo.stdout)")
        let db = ["--db", "d/reeval.sqlite"]
        #expect(try ws.reeval.run(db + ["icp", "suggest", "--out", "draft.yaml", "--quiet"]).status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: ws.path("draft.yaml"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try ws.write("draft.yaml", "# my edits")
        let refused = try ws.reeval.run(db + ["icp", "suggest", "--out", "draft.yaml"])
        #expect(refused.status == 73 && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: ws.path("draft.yaml"), encoding: .utf8) == "# my edits")
        try FileManager.default.createSymbolicLink(atPath: ws.path("link.yaml"), withDestinationPath: ws.path("draft.yaml"))
        #expect(try ws.reeval.run(db + ["icp", "suggest", "--out", "link.yaml", "--force", "--quiet"]).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: ws.path("link.yaml")) == ws.path("draft.yaml"))
        #expect(try String(contentsOfFile: ws.path("draft.yaml"), encoding: .utf8).hasPrefix("# Drafted by"))
        let stdout = try ws.reeval.run(db + ["icp", "suggest", "--out", "-"])
        #expect(stdout.status == 0 && stdout.stdout.hasPrefix("# Drafted by"))
        #expect(!FileManager.default.fileExists(atPath: ws.path("-")))

        let json = try ws.reeval.run(db + ["backtest", "--icp", "2025-q3", "--records", "records.csv", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let auc = try #require(document["auc"] as? [String: Any])
        #expect((auc["value"] as? Double ?? 0) > 0.5)
        let records = try String(contentsOfFile: ws.path("records.csv"), encoding: .utf8).split(separator: "\r\n")
        #expect(records.first == "source,object,crm_id,came_in,outcome,score,tier")
        #expect(records.count - 1 == document["records"] as? Int)
        let text = try ws.reeval.run(db + ["backtest", "--icp", "2025-q3"])
        #expect(text.stdout.contains("ROC AUC 0."))
    }

    @Test("backtest --from after --to, and --include with --exclude of one field, are usage errors")
    func usage() throws {
        let ws = try Workspace()
        let window = try ws.reeval.run(["backtest", "--from", "2025-02-01", "--to", "2025-01-01"])
        #expect(window.status == 64 && window.stderr.contains("swap them"), "\(window.stderr)")
        let both = try ws.reeval.run(["icp", "suggest", "--include", "industry", "--exclude", "industry"])
        #expect(both.status == 64)
        let unknown = try ws.reeval.run(["icp", "suggest", "--exclude", "Industry Code"])
        #expect(unknown.status == 64 && unknown.stderr.contains("attributes.<export column>"))
    }
}
