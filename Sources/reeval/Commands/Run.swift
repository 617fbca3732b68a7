import ArgumentParser
import Foundation

extension Reeval {
    /// `reeval run` (the default): import the inbox, re-evaluate, store the run, write the report.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-evaluate dismissed leads against the current ICP and store the revived ones (the default command).",
            discussion: "`reeval --since 2023-01` is `reeval run --since 2023-01`.")

        @ParentCommand var root: Reeval

        @Option(help: ArgumentHelp("Keep leads dismissed on or after this date (2023, 2023-01, 2023-01-15).", valueName: "date"))
        var since: DateArgument?

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Evaluate as of this date (default: now, UTC).", valueName: "date"))
        var asOf: DateArgument?

        @Option(help: ArgumentHelp("The ICP version to apply (a registered label, or a YAML file to preview without storing).", valueName: "version"))
        var icp: String?

        @Option(name: .customLong("dormant-after"), help: ArgumentHelp("Days without activity after which an open lead is dormant.", valueName: "days"))
        var dormantAfter: Int = 90

        @Option(help: ArgumentHelp("Import every new export in this folder first.", valueName: "dir"))
        var inbox: String?

        @Option(name: .customLong("report-dir"), help: ArgumentHelp("Write the reports into this folder.", valueName: "dir"))
        var reportDir: String?

        @Option(name: .customLong("keep-runs"), help: ArgumentHelp("Keep the per-lead scores of this many recent runs.", valueName: "n"))
        var keepRuns: Int = 30

        @Flag(name: .customLong("dry-run"), help: "Evaluate and summarise, store nothing.")
        var dryRun = false

        @Flag(help: "Wait for another run to finish instead of exiting 75.")
        var wait = false

        func run() throws {
            try notYetAvailable("run")
        }
    }
}
