import ArgumentParser
import Foundation
import LeadData
import ReevalStore

/// The `reeval` command tree. Global options live on the root and every subcommand reads them
/// through `@ParentCommand`, so they can stand before or after the subcommand's name.
@main
struct Reeval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reeval",
        abstract: "Re-score lost, disqualified and dormant CRM leads against the ICP in force now.",
        discussion: """
            Imports CRM exports into one SQLite database, keeps every ICP version, and writes \
            the leads that fit now but did not when they were dismissed, with why.
            Examples:
              reeval --since 2023-01
              reeval import Lead.csv --source auto
              reeval icp add icp/2025-q3.yaml
            """,
        version: ReevalVersion.current,
        subcommands: [
            Run.self, Import.self, ICPCommand.self, Report.self, Explain.self, BacktestCommand.self, SQL.self, Status.self, Init.self, Demo.self, Sample.self,
        ],
        defaultSubcommand: Run.self
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions

    /// Parses the command line and runs the command; its errors map to exit codes here, once.
    static func main() {
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
        } catch {
            exit(withError: exitError(error))
        }
    }
}

/// Options every command understands.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (else $REEVAL_DB, else ./reeval.sqlite).", valueName: "path"))
    var db: String?

    @Flag(name: .long, help: "Print nothing on success (errors still go to stderr).")
    var quiet = false

    @Flag(name: .long, help: "Log more detail to stderr.")
    var verbose = false

    @Flag(name: .long, help: "Print one machine-readable JSON document on stdout.")
    var json = false

    /// The database path: --db, else $REEVAL_DB, else ./reeval.sqlite.
    var databasePath: String {
        if let db, !db.isEmpty { return db }
        if let env = ProcessInfo.processInfo.environment["REEVAL_DB"], !env.isEmpty { return env }
        return "reeval.sqlite"
    }
}

enum ReevalVersion {
    static let current = "0.1.0"
}
