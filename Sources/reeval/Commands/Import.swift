import ArgumentParser

extension Reeval {
    /// `reeval import`: load CRM exports.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import CRM export CSVs into the database.")

        @ParentCommand var root: Reeval

        @Argument(help: ArgumentHelp("The export files.", valueName: "file"))
        var files: [String]

        @Option(help: ArgumentHelp("The CRM: salesforce, hubspot, pipedrive or auto.", valueName: "source"))
        var source: String = "auto"

        @Option(help: ArgumentHelp("The CRM object (Lead, Account, Opportunity, contacts, deals, …) when the headers do not tell.", valueName: "name"))
        var object: String?

        @Option(help: ArgumentHelp("A YAML mapping file for any other CRM, or to add fields to a preset.", valueName: "file"))
        var mapping: String?

        @Option(name: .customLong("observed-at"), help: ArgumentHelp("The date the export describes (default: now).", valueName: "date"))
        var observedAt: DateArgument?

        @Option(help: ArgumentHelp("The file's encoding: utf-8 or windows-1252 (default: detected).", valueName: "name"))
        var encoding: String?

        @Flag(help: "Fail the whole import if any row is rejected.")
        var strict = false

        @Flag(name: .customLong("dry-run"), help: "Report what would happen and write nothing.")
        var dryRun = false

        func run() throws {
            try notYetAvailable("import")
        }
    }
}
