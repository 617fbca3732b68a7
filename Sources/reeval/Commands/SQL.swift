import ArgumentParser
import Foundation
import ICP
import ICPRegistry
import LeadData
import ReevalStore
import Warehouse

extension Reeval {
    /// `reeval sql`: the ICP versions and the re-evaluation as one SQL script, to run where the
    /// data lives.
    struct SQL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sql",
            abstract: "Write the ICP versions and the re-evaluation as one SQL script for a warehouse.",
            discussion: """
                The script reads a relation reeval_states shaped like the view lead_snapshots and builds \
                reeval_scores (every state under every version) and reeval_revived (the run's revived leads, ranked). \
                Every registered version is included unless --icp names some. See docs/warehouse.md.
                Examples:
                  reeval sql --dialect duckdb --out reeval.sql
                  reeval sql --dialect postgres --icp 2025-q3 --icp drafts/2026-q1.yaml --as-of 2026-12-01
                """)

        @ParentCommand var root: Reeval

        @Option(help: ArgumentHelp("An ICP version or YAML file to include (repeat; default: every registered version).", valueName: "version"))
        var icp: [String] = []

        @Option(help: ArgumentHelp("The SQL dialect to write.", valueName: "dialect"))
        var dialect: SQLDialect

        @Option(help: ArgumentHelp("The evaluation date the script's reeval_parameters start with (default: today, UTC).", valueName: "date"))
        var asOf: DateArgument?

        @Option(help: ArgumentHelp("Keep dismissals on or after this date.", valueName: "date"))
        var since: DateArgument?

        @Option(help: ArgumentHelp("Days without activity after which an open lead is dormant.", valueName: "days"))
        var dormantAfter: Int = 90

        @Option(help: ArgumentHelp("Write the script to this file (- or none: standard output).", valueName: "file"))
        var out: String?

        @Flag(help: "Replace the --out file if it exists.")
        var force = false

        func validate() throws {
            guard (0...36_500).contains(dormantAfter) else {
                throw ValidationError("--dormant-after takes a number of days from 0 to 36500 (a century), not \(dormantAfter)")
            }
        }

        func run() throws {
            let now = Date()
            let db = try Database.openMigrated(path: root.global.databasePath, now: now)
            let registry = ICPRegistry(db: db)
            let versions = icp.isEmpty ? try registry.all().map(\.version) : try ICPArgument.versions(icp, registry: registry)
            let parameters = WarehouseScript.Parameters(asOf: asOf?.timestamp ?? Timestamp(now), since: since?.timestamp,
                                                        dormantAfterDays: dormantAfter)
            let script = try WarehouseScript(versions: versions, dialect: dialect, parameters: parameters)
            try OutputFile.save(Array(script.text.utf8), to: out ?? "-", force: force, option: "--out file")
            if let out, out != "-", !root.global.quiet {
                Console.error("wrote \(out): \(dialect.rawValue), \(versions.count) ICP version\(versions.count == 1 ? "" : "s") (\(versions.map(\.label).joined(separator: ", ")))")
            }
        }
    }
}
