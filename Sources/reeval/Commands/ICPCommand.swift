import ArgumentParser

extension Reeval {
    /// `reeval icp …`: manage ICP versions.
    struct ICPCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "icp",
            abstract: "Register, list, show, compare and check ICP versions.",
            subcommands: [Add.self, List.self, Show.self, Diff.self, Check.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Register ICP files as new versions (a label never changes).")
            @ParentCommand var root: Reeval
            @Argument(help: ArgumentHelp("The ICP YAML files.", valueName: "file")) var files: [String]
            func run() throws { try notYetAvailable("icp add") }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List versions and which is in force.")
            @ParentCommand var root: Reeval
            @Option(name: .customLong("as-of"), help: ArgumentHelp("Also say which version is in force on this date.", valueName: "date"))
            var asOf: DateArgument?
            func run() throws { try notYetAvailable("icp list") }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Print a version's file as registered.")
            @ParentCommand var root: Reeval
            @Argument(help: ArgumentHelp("The version label.", valueName: "version")) var version: String
            func run() throws { try notYetAvailable("icp show") }
        }

        struct Diff: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Say what changed between two versions, in words.")
            @ParentCommand var root: Reeval
            @Argument(help: ArgumentHelp("The older version (a label or a file).", valueName: "a")) var a: String
            @Argument(help: ArgumentHelp("The newer version (a label or a file).", valueName: "b")) var b: String
            func run() throws { try notYetAvailable("icp diff") }
        }

        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Validate an ICP file and list every problem with its line.")
            @ParentCommand var root: Reeval
            @Argument(help: ArgumentHelp("The ICP YAML file.", valueName: "file")) var file: String
            func run() throws { try notYetAvailable("icp check") }
        }
    }
}
