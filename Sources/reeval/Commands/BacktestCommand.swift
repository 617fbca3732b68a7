import ArgumentParser
import Foundation
import ICP
import ICPRegistry
import LeadData
import Reevaluation
import ReevalStore

extension Reeval {
    /// `reeval backtest`: how well an ICP version (or a draft) tells won from lost.
    struct BacktestCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backtest",
            abstract: "Show how well an ICP tells won from lost: win rate and lift by tier, on the records whose outcome is known.",
            discussion: """
                Each won or lost record is scored on its state when it came in, as of its creation date: \
                what the ICP would have said before anyone engaged. Pass --icp twice to compare two versions.
                Examples:
                  reeval backtest
                  reeval backtest --icp 2024-h1 --icp 2025-q3 --from 2024-01
                  reeval backtest --icp drafts/2026-q1.yaml --json
                """)

        @ParentCommand var root: Reeval

        @Option(help: ArgumentHelp("An ICP version or YAML file (repeat to compare; default: the version in force now).", valueName: "version"))
        var icp: [String] = []

        @Option(help: ArgumentHelp("Records closed on or after this date.", valueName: "date"))
        var from: DateArgument?

        @Option(help: ArgumentHelp("Records closed on or before this date.", valueName: "date"))
        var to: DateArgument?

        func validate() throws {
            guard icp.count <= 4 else { throw ValidationError("--icp takes at most 4 versions to compare") }
        }

        func run() throws {
            try withExitCodes { try perform(root.global) }
        }

        private func perform(_ global: GlobalOptions) throws {
            let now = Date()
            let db = try Database.openMigrated(path: global.databasePath, now: now)
            let registry = ICPRegistry(db: db)
            var versions: [ICPVersion] = []
            for name in icp {
                if name.hasSuffix(".yaml") || name.hasSuffix(".yml") || FileManager.default.fileExists(atPath: name) {
                    versions.append(try ICPParser.load(path: name).version)
                } else {
                    versions.append(try registry.entry(name).version)
                }
            }
            if versions.isEmpty {
                let registered: [ICPVersion] = try registry.all().map(\.version)
                guard let inForce = ICPVersion.inForce(among: registered, at: Timestamp(now)) else {
                    throw Failure(.badData, "no ICP version is registered; add one with `reeval icp add FILE`, or pass --icp FILE")
                }
                versions = [inForce]
            }
            var results: [Backtest.Result] = []
            for version in versions { results.append(try Backtest(db: db).run(version, from: from?.timestamp, to: to?.timestamp)) }
            if global.json {
                let documents: [[String: Any]] = results.map(BacktestText.json)
                if documents.count == 1 { Console.json(documents[0]) } else { Console.json(["versions": documents]) }
            } else if !global.quiet {
                Console.out(results.map(BacktestText.table).joined(separator: "\n\n"))
            }
        }
    }
}

/// The backtest as a terminal table with the practice's yardsticks, and as JSON.
enum BacktestText {
    static func percent(_ v: Double) -> String { String(format: "%.1f%%", v * 100) }

    static func table(_ r: Backtest.Result) -> String {
        var lines = ["ICP \(r.icp): \(r.records) won or lost records, \(r.won) won (win rate \(percent(r.winRate)))"]
        let left = r.leftOut.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.replacingOccurrences(of: "_", with: " "))" }
        if !left.isEmpty { lines.append("left out (no outcome or no creation date): " + left.joined(separator: ", ")) }
        lines.append("")
        lines.append("tier   records  share    won  of wins  win rate  95% interval     lift  won amount")
        for t in r.tiers {
            let name = (t.tier ?? "none").padding(toLength: 5, withPad: " ", startingAt: 0)
            let share = r.records == 0 ? 0 : Double(t.records) / Double(r.records)
            let ofWins = r.won == 0 ? 0 : Double(t.won) / Double(r.won)
            let interval = t.records == 0 ? "" : "\(percent(t.interval.low))–\(percent(t.interval.high))"
            func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
            lines.append(name + "  " + pad(String(t.records), 7) + "  " + pad(String(format: "%.1f%%", share * 100), 6)
                         + "  " + pad(String(t.won), 5) + "  " + pad(String(format: "%.1f%%", ofWins * 100), 7)
                         + "  " + pad(String(format: "%.1f%%", t.winRate * 100), 8) + "  " + interval.padding(toLength: 15, withPad: " ", startingAt: 0)
                         + "  " + pad(String(format: "%.2f", r.lift(t)), 5) + "  " + pad(String(format: "%.0f", t.wonAmount), 10))
        }
        lines.append("")
        lines.append("at \(r.reviveAt) or better: \(r.atRevive.records) records, precision \(percent(r.atRevive.precision)) (share won), "
                     + "recall \(percent(r.atRevive.recall)) (share of all wins)")
        // The yardsticks: MadKudu expects its top segments to hold 15–35% of records and at least
        // 60% of wins, and the best segment to win about 10× as often as the worst.
        let top = r.tiers.first
        let topShare = r.records == 0 ? 0 : Double(top?.records ?? 0) / Double(r.records)
        let topWins = r.won == 0 ? 0 : Double(top?.won ?? 0) / Double(r.won)
        let rates = r.tiers.filter { $0.records > 0 }.map(\.winRate)
        let spread = (rates.min() ?? 0) > 0 ? (rates.max() ?? 0) / (rates.min() ?? 1) : .infinity
        lines.append("yardsticks (MadKudu): the top tier holds 15–35% of records (here \(percent(topShare))) and at least 60% of wins "
                     + "(here \(percent(topWins))); the best tier wins about 10× as often as the worst (here "
                     + (spread.isFinite ? String(format: "%.1f×", spread) : "no wins in the worst") + ")")
        if r.sampleTooSmall {
            lines.append("the sample is too small to judge: \(r.won) won and \(r.records - r.won) lost (at least 20 of each are needed)")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ r: Backtest.Result) -> [String: Any] {
        ["icp": r.icp, "records": r.records, "won": r.won, "win_rate": r.winRate, "won_amount": r.wonAmount,
         "left_out": r.leftOut, "sample_too_small": r.sampleTooSmall,
         "tiers": r.tiers.map { t -> [String: Any] in
             ["tier": t.tier ?? NSNull(), "records": t.records, "won": t.won, "win_rate": t.winRate, "lift": r.lift(t),
              "won_amount": t.wonAmount, "interval": [t.interval.low, t.interval.high]]
         },
         "at_revive": ["tier": r.reviveAt, "records": r.atRevive.records, "precision": r.atRevive.precision, "recall": r.atRevive.recall]]
    }
}
