import ArgumentParser

extension Reeval {
    /// `reeval report`: render a stored run again.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a stored run as report.md, report.html, revived CSVs and run.json.")

        @ParentCommand var root: Reeval

        @Option(name: .customLong("run"), help: ArgumentHelp("The run to render: an id or `latest`.", valueName: "id"))
        var runID: String = "latest"

        @Option(help: ArgumentHelp("The folder to write into.", valueName: "dir"))
        var out: String = "."

        @Option(help: ArgumentHelp("Formats to write, comma-separated: md,html,csv,json.", valueName: "list"))
        var format: String = "md,html,csv,json"

        func run() throws {
            try notYetAvailable("report")
        }
    }
}
