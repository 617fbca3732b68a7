import Foundation
import Testing

/// A report folder always holds one run's complete set of files: written beside it, swapped in
/// whole, and what killed writers left behind is cleaned up or put back.
@Suite("Report folders, end to end")
struct ReportFolderTests {
    static func files(_ ws: Workspace, _ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: ws.path(folder)).sorted()
    }

    static let reportSet = ["report.html", "report.md", "revived-salesforce-Opportunity.csv", "revived.csv", "run.json"]

    @Test("a second run replaces the set whole; stale temporary files and staging folders of killed writers are removed")
    func replacedWhole() throws {
        let ws = try RunCommandTests.scenario()
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--report-dir", "reports", "--quiet"]).status == 0)
        #expect(try Self.files(ws, "reports") == Self.reportSet)
        // What killed writers leave: the old writer's temporary files, and a staging folder.
        try ws.write("reports/.report.md.tmp-4242", "half a report")
        try ws.write(".reports.new-4242/report.md", "half a set")
        #expect(try ws.reeval.run(["--as-of", "2026-11-23", "--report-dir", "reports", "--quiet"]).status == 0)
        #expect(try Self.files(ws, "reports") == Self.reportSet)
        #expect(try String(contentsOfFile: ws.path("reports/report.md"), encoding: .utf8).contains("run #2"))
        #expect(try Self.files(ws, ".").filter { $0.hasPrefix(".reports.") }.isEmpty)
    }

    @Test("a writer killed between its two renames leaves the old set aside; the next writer puts it back, then replaces it")
    func killedBetweenRenames() throws {
        let ws = try RunCommandTests.scenario()
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--report-dir", "reports", "--quiet"]).status == 0)
        try FileManager.default.moveItem(atPath: ws.path("reports"), toPath: ws.path(".reports.old-4242"))
        let report = try ws.reeval.run(["report", "--run", "1", "--out", "reports", "--format", "md"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try Self.files(ws, "reports") == ["report.md"])
        #expect(try Self.files(ws, ".").filter { $0.hasPrefix(".reports.") }.isEmpty)
    }

    @Test("a folder holding other files is refused and left as it was; the run is stored and the message says how to write its report")
    func foreignFolder() throws {
        let ws = try RunCommandTests.scenario()
        try ws.write("shared/budget.xlsx", "not a report")
        let result = try ws.reeval.run(["--as-of", "2026-11-22", "--report-dir", "shared"])
        #expect(result.status == 73)
        #expect(result.stderr.contains("run #1 is stored, but its report was not written: shared holds files reeval did not write (budget.xlsx)"))
        #expect(result.stderr.contains("write it again with `reeval report --run 1 --out shared`"))
        #expect(try Self.files(ws, "shared") == ["budget.xlsx"])
        #expect(try ws.reeval.sql("SELECT id, status FROM runs") == ["1|completed"])
        let file = try ws.reeval.run(["report", "--out", "shared/budget.xlsx"])
        #expect(file.status == 73)
        #expect(try String(contentsOfFile: ws.path("shared/budget.xlsx"), encoding: .utf8) == "not a report")
    }
}
