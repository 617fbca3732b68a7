import Foundation
import Testing

/// A report folder always holds one run's complete set of files: written beside it, swapped in
/// whole, and what killed writers left behind is cleaned up or put back.
@Suite("Report folders, end to end")
struct ReportFolderTests {
    static func files(_ ws: Workspace, _ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: ws.path(folder)).sorted()
    }

    static let reportSet = [".reeval-report", "report.html", "report.md", "revived-salesforce-Opportunity.csv", "revived.csv", "run.json"]

    @Test("a second run replaces the set whole; staging folders of killed writers are removed")
    func replacedWhole() throws {
        let ws = try RunCommandTests.scenario()
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--report-dir", "reports", "--quiet"]).status == 0)
        #expect(try Self.files(ws, "reports") == Self.reportSet)
        // What a killed writer leaves: a staging folder beside the set.
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
        #expect(try Self.files(ws, "reports") == [".reeval-report", "report.md"])
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
        // --json still prints the stored run, with the report's error in it.
        let json = try ws.reeval.run(["--as-of", "2026-11-23", "--report-dir", "shared", "--json"])
        #expect(json.status == 73)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stdout)")
        #expect(object["run_id"] as? Int == 2)
        #expect((object["report_error"] as? String)?.contains("run #2 is stored, but its report was not written") == true)
        let file = try ws.reeval.run(["report", "--out", "shared/budget.xlsx"])
        #expect(file.status == 73)
        #expect(try String(contentsOfFile: ws.path("shared/budget.xlsx"), encoding: .utf8) == "not a report")
    }

    @Test("a user's file whose name looks like a report's (revived-notes.csv, .report.md.swp) makes the folder refused, not emptied",
          arguments: ["revived-notes.csv", ".report.md.swp", "revived-salesforce-Opportunity.csv.bak"])
    func lookAlikeRefused(name: String) throws {
        let ws = try RunCommandTests.scenario()
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--report-dir", "reports", "--quiet"]).status == 0)
        try ws.write("reports/\(name)", "mine")
        let result = try ws.reeval.run(["report", "--out", "reports"])
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stderr.contains(name))
        #expect(try String(contentsOfFile: ws.path("reports/\(name)"), encoding: .utf8) == "mine")
    }

    @Test("a report folder named by one character, or by . and ./, is written or refused, never a crash",
          arguments: [["report", "--out", "r"], ["report", "--out", "~"], ["--as-of", "2026-11-23", "--report-dir", "q"]])
    func oneCharacterNames(arguments: [String]) throws {
        let ws = try RunCommandTests.scenario()
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--quiet"]).status == 0)
        let result = try ws.reeval.run(arguments + ["--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let folder = arguments[arguments.count - 1]
        #expect(FileManager.default.fileExists(atPath: ws.path("\(folder)/report.md")))
    }

    @Test("the working folder as the report folder (. and ./) is refused when it holds other files, with exit 73", arguments: [".", "./"])
    func workingFolder(name: String) throws {
        let ws = try RunCommandTests.scenario()
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--quiet"]).status == 0)
        let result = try ws.reeval.run(["report", "--out", name])
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stderr.contains("holds files reeval did not write"))
        #expect(FileManager.default.fileExists(atPath: ws.path("reeval.sqlite")))
    }

    @Test("--format '' and --format md,,html are usage errors that leave the folder as it was; md,md writes report.md once")
    func formats() throws {
        let ws = try RunCommandTests.scenario()
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--report-dir", "reports", "--quiet"]).status == 0)
        for list in ["", "md,,html", " "] {
            let result = try ws.reeval.run(["report", "--out", "reports", "--format", list])
            #expect(result.status == 64, "'\(list)': \(result.stderr)")
            #expect(try Self.files(ws, "reports") == Self.reportSet)
        }
        let twice = try ws.reeval.run(["report", "--out", "md-only", "--format", "md,md"])
        #expect(twice.status == 0, "\(twice.stderr)")
        #expect(twice.stdout == "md-only/report.md\n")
    }

    @Test("a writer leaves another live writer's staging folder alone and removes only those whose writer is gone")
    func liveStagingKept() throws {
        let ws = try RunCommandTests.scenario()
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--quiet"]).status == 0)
        // This test's own process stands for a writer still at work.
        let live = ".reports.new-\(getpid())"
        try ws.write("\(live)/report.md", "a set being written")
        try ws.write(".reports.new-2147483646/report.md", "left by a killed writer")
        let result = try ws.reeval.run(["report", "--out", "reports", "--format", "md"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.files(ws, ".").filter { $0.hasPrefix(".reports.") } == [live])
    }
}
