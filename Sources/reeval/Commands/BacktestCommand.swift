import ArgumentParser
import Foundation
import ICP
import ICPRegistry
import LeadData
import Reevaluation
import Reports
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

        @Option(help: ArgumentHelp("Write one CSV row per record (source, object, crm_id, came_in, outcome, score, tier; - for standard output).",
                                   valueName: "file"))
        var records: String?

        @Flag(help: "Replace the --records file if it exists.")
        var force = false

        func validate() throws {
            guard icp.count <= 4 else { throw ValidationError("--icp takes at most 4 versions to compare") }
            if let from, let to, from.timestamp.dayNumber > to.timestamp.dayNumber {
                throw ValidationError("--from \(from.timestamp.isoDay) is after --to \(to.timestamp.isoDay); swap them")
            }
            guard records == nil || icp.count <= 1 else { throw ValidationError("--records takes one ICP; pass --icp once") }
        }

        func run() throws {
            try perform(root.global)
        }

        private func perform(_ global: GlobalOptions) throws {
            let now = Date()
            let db = try Database.openMigrated(path: global.databasePath, now: now)
            let registry = ICPRegistry(db: db)
            var versions = try ICPArgument.versions(icp, registry: registry)
            if versions.isEmpty {
                let registered: [ICPVersion] = try registry.all().map(\.version)
                guard let inForce = ICPVersion.inForce(among: registered, at: Timestamp(now)) else {
                    throw Failure(.badData, "no ICP version is registered; add one with `reeval icp add FILE`, or pass --icp FILE")
                }
                versions = [inForce]
            }
            let outcomes = try OutcomeRecords.read(db, closedFrom: from?.timestamp, to: to?.timestamp)
            var results: [Backtest.Result] = []
            for version in versions { results.append(try Backtest(db: db).run(version, on: outcomes)) }
            if let records { try OutputFile.save(BacktestText.csv(results[0]), to: records, force: force, option: "--records file") }
            if records == "-" { return }
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
    static func table(_ r: Backtest.Result) -> String {
        var lines = ["ICP \(r.icp): \(r.records) won or lost records, \(r.won) won (win rate \(Figures.percent(r.winRate)))"]
        if let auc = r.auc {
            lines.append("ROC AUC \(Figures.decimal(auc.value, digits: 3)) (95% interval \(Figures.decimal(auc.low, digits: 3))–\(Figures.decimal(auc.high, digits: 3))): "
                         + "the chance a won record scores above a lost one")
        }
        if r.undated > 0 {
            lines.append("\(r.undated) of them have no created_at and came in at their first observed state; map created_at to date them")
        }
        let left = r.leftOut.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        if !left.isEmpty { lines.append("left out (no outcome): " + left.joined(separator: ", ")) }
        lines.append("")
        lines.append("tier   records  share    won  of wins  win rate  95% interval     lift  won amount")
        for t in r.tiers {
            let name = (t.tier ?? "none").padding(toLength: 5, withPad: " ", startingAt: 0)
            func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
            guard let interval = t.interval else {
                lines.append(name + "  " + pad("0", 7) + "  " + pad("0.0%", 6) + "  " + pad("0", 5) + "  " + pad("—", 7) + "  " + pad("—", 8))
                continue
            }
            let share = r.records == 0 ? 0 : Double(t.records) / Double(r.records)
            let ofWins = r.won == 0 ? 0 : Double(t.won) / Double(r.won)
            let range = "\(Figures.percent(interval.low))–\(Figures.percent(interval.high))"
            let head = name + "  " + pad(String(t.records), 7) + "  " + pad(Figures.percent(share), 6)
                + "  " + pad(String(t.won), 5) + "  " + pad(Figures.percent(ofWins), 7)
            lines.append(head + "  " + pad(Figures.percent(t.winRate), 8) + "  " + range.padding(toLength: 15, withPad: " ", startingAt: 0)
                         + "  " + pad(Figures.decimal(r.lift(t), digits: 2), 5) + "  " + pad(Figures.decimal(t.wonAmount, digits: 0), 10))
        }
        lines.append("")
        if r.atRevive.records == 0 {
            lines.append("at \(r.reviveAt) or better: no records, so no precision; recall 0.0% (share of all wins)")
        } else {
            lines.append("at \(r.reviveAt) or better: \(r.atRevive.records) records, precision \(Figures.percent(r.atRevive.precision)) (share won), "
                         + "recall \(Figures.percent(r.atRevive.recall)) (share of all wins)")
        }
        // The yardsticks: MadKudu expects its top segments to hold 15–35% of records and at least
        // 60% of wins, and the best segment to win about 10× as often as the worst.
        let top = r.tiers.first
        let topShare = r.records == 0 ? 0 : Double(top?.records ?? 0) / Double(r.records)
        let topWins = r.won == 0 ? 0 : Double(top?.won ?? 0) / Double(r.won)
        let rates = r.tiers.filter { $0.records > 0 }.map(\.winRate)
        let spread = (rates.min() ?? 0) > 0 ? (rates.max() ?? 0) / (rates.min() ?? 1) : .infinity
        lines.append("yardsticks (MadKudu): the top tier holds 15–35% of records (here \(Figures.percent(topShare))) and at least 60% of wins "
                     + "(here \(Figures.percent(topWins))); the best tier wins about 10× as often as the worst (here "
                     + (spread.isFinite ? Figures.decimal(spread, digits: 1) + "×" : "no wins in the worst") + ")")
        if r.sampleTooSmall {
            lines.append("the sample is too small to judge: \(r.won) won and \(r.records - r.won) lost (at least 20 of each are needed)")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ r: Backtest.Result) -> [String: Any] {
        ["icp": r.icp, "records": r.records, "won": r.won, "win_rate": r.winRate, "won_amount": r.wonAmount,
         "left_out": r.leftOut, "sample_too_small": r.sampleTooSmall, "undated": r.undated,
         "auc": r.auc.map { ["value": $0.value, "interval": [$0.low, $0.high]] as [String: Any] } ?? NSNull(),
         "tiers": r.tiers.map { t -> [String: Any] in
             ["tier": t.tier ?? NSNull(), "records": t.records, "won": t.won, "win_rate": t.winRate, "lift": r.lift(t),
              "won_amount": t.wonAmount, "interval": t.interval.map { [$0.low, $0.high] } ?? NSNull()]
         },
         "at_revive": ["tier": r.reviveAt, "records": r.atRevive.records,
                       "precision": r.atRevive.records == 0 ? NSNull() : r.atRevive.precision as Any, "recall": r.atRevive.recall]]
    }

    /// One row per record scored, CRM values escaped for spreadsheets.
    static func csv(_ r: Backtest.Result) -> [UInt8] {
        var out = ReportBuffer(capacity: 64 * r.scored.count + 64)
        out.append("source,object,crm_id,came_in,outcome,score,tier\r\n")
        for s in r.scored {
            out.appendCSV(s.source); out.append(",")
            out.appendCSV(s.object); out.append(",")
            out.appendCSV(s.crmID); out.append(",")
            out.append(s.cameIn.isoDay); out.append(",")
            out.append(s.won ? "won" : "lost"); out.append(",")
            out.append(NumberRange.text(s.score)); out.append(",")
            out.appendCSV(s.tier ?? ""); out.append("\r\n")
        }
        return out.bytes
    }
}
