import ArgumentParser
import Foundation
import LeadData
import Reports
import ReevalStore

extension Reeval {
    /// `reeval report`: render a stored run again.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a stored run as report.md, report.html, revived CSVs and run.json.",
            discussion: """
                Rendering the same run twice gives byte-identical files.
                Examples:
                  reeval report --out reports/
                  reeval report --run 12 --format html,csv --out /tmp/run12
                """)

        @ParentCommand var root: Reeval

        @Option(name: .customLong("run"), help: ArgumentHelp("The run to render: an id or `latest`.", valueName: "id"))
        var runID: String = "latest"

        @Option(help: ArgumentHelp("The folder to write into, a folder of its own: it is replaced whole (default: ./report).", valueName: "dir"))
        var out: String = "report"

        @Option(help: ArgumentHelp("Formats to write, comma-separated.", valueName: "list"))
        var format = FormatsArgument(ReportFormat.allCases)

        func validate() throws {
            guard runID == "latest" || Int(runID) != nil else { throw ValidationError("--run takes a run id or `latest`, not \(runID)") }
        }

        func run() throws {
            let global = root.global
            do {
                let formats = format.formats
                let db = try Database.openExisting(path: global.databasePath, now: Date())
                let written = try ReportWriter.write(db: db, runID: Int(runID), folder: out, formats: formats)
                if global.json { Console.json(["files": written]) }
                else if !global.quiet { Console.out(written.joined(separator: "\n")) }
            }
        }
    }
}
