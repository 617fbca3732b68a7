import ArgumentParser

extension Reeval {
    /// `reeval demo`: the whole pipeline on generated sample data.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate sample exports and two ICP versions, run everything, and print where the report is.")

        @ParentCommand var root: Reeval

        @Option(help: ArgumentHelp("The folder to work in.", valueName: "dir"))
        var dir: String = "reeval-demo"

        func run() throws {
            try notYetAvailable("demo")
        }
    }

    /// `reeval sample`: realistic CRM exports for demos and benchmarks.
    struct Sample: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write realistic sample CRM exports (Salesforce, HubSpot, Pipedrive) and two ICP files.")

        @ParentCommand var root: Reeval

        @Option(help: ArgumentHelp("How many leads to write.", valueName: "n"))
        var leads: Int = 2000

        @Option(help: ArgumentHelp("The folder to write into.", valueName: "dir"))
        var out: String

        @Option(help: ArgumentHelp("The random seed: the same seed writes the same files.", valueName: "s"))
        var seed: UInt64 = 42

        func run() throws {
            try notYetAvailable("sample")
        }
    }
}
