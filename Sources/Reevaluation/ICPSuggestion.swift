import Foundation
import ICP
import LeadData
import ReevalStore

/// A first ICP drafted the way the practice says to: from the best existing customers, as a
/// points scorecard (DESIGN.md, "Evidence for an ICP").
///
/// The best customers are the accounts (or, for records without one, the records) with won
/// business, ranked by won `amount` (else by the count of won records); the top `topPercent`,
/// and every customer tied with the last of them: when the ranking cannot tell them apart,
/// every won record. Every won record is compared with the lost, the best customers' counted
/// twice, each on its state when it came in (``OutcomeRecords``, the records `backtest`
/// scores), characteristic by characteristic (``Scorecard``); tiers are cut from the
/// distribution of the draft's scores. (Learning from the best alone ranked won above lost
/// worse: AUC 0.60 against 0.71 on the demo's deals.)
///
/// ```swift
/// let draft = try ICPSuggestion(db: db).draft(topPercent: 20, label: "draft", effective: today)
/// try draft.yaml.write(toFile: "draft.yaml", atomically: true, encoding: .utf8)
/// ```
public struct ICPSuggestion {
    let db: Database

    public init(db: Database) {
        self.db = db
    }

    public struct Draft: Sendable {
        public var yaml: String
        public var version: ICPVersion
        public var bestCustomers: Int
        public var bestRecords: Int
        public var closedRecords: Int
        /// Whether the ranking could not tell the best apart, so every won record was learned from.
        public var tied: Bool
        /// One line per characteristic left out as a likely leak, naming the value and its win rates.
        public var warnings: [String]
        /// The records learned from, which its backtest scores.
        public var outcomes: OutcomeRecords
    }

    public func draft(topPercent: Double, label: String, effective: Timestamp,
                      include: Set<String> = [], exclude: Set<String> = []) throws -> Draft {
        let outcomes = try OutcomeRecords.read(db)
        let won = outcomes.records.filter(\.won), lost = outcomes.records.filter { !$0.won }
        guard won.count >= 5 else {
            throw Failure(.badData, "only \(won.count) won records: a draft needs at least 5 (import the won deals or opportunities first)")
        }
        guard lost.count >= 5 else {
            throw Failure(.badData, "only \(lost.count) lost records: a draft compares the best customers with the lost, and needs at least 5")
        }
        let best = Self.bestCustomers(won, topPercent: topPercent)
        let card = Scorecard(positives: (won + best.records).map(\.record), best: best.records.map(\.record), won: won.map(\.record), lost: lost.map(\.record),
                             all: outcomes.records.map(\.record), included: include, excluded: exclude)
        guard !card.characteristics.isEmpty else {
            throw Failure(.badData, "no characteristic tells the \(best.records.count) records of the best customers from the \(lost.count) lost; "
                          + "there is not enough data to draft an ICP from" + (card.leaks.isEmpty ? "" : " (left out as likely leaks: "
                          + card.leaks.map(\.field).joined(separator: ", ") + ")"))
        }
        var context = DraftYAML.Context(label: label, effective: effective, topPercent: topPercent, bestCustomers: best.customers,
                                        bestRecords: best.records.count, won: won.count, lost: lost.count, closed: outcomes.records.count,
                                        byAmount: best.byAmount, tied: best.tied, undated: outcomes.undated, card: card)
        let provisional = try Self.parsedBack(DraftYAML.render(context))
        context.tiers = Self.tiers(provisional, outcomes.records)
        let yaml = DraftYAML.render(context)
        let version = try Self.parsedBack(yaml)
        let warnings = card.leaks.map { leak in
            "\(leak.field) = \(leak.shown): \(DraftText.percent(leak.winRate)) won, \(DraftText.percent(leak.lostShare)) of the lost "
                + "(alone it ranks won above lost with AUC \(Figures.decimal(leak.auc, digits: 2))); is it filled in after contact? "
                + "Left out of the draft; pass --include \(leak.field) to use it"
        }
        return Draft(yaml: yaml, version: version, bestCustomers: best.customers, bestRecords: best.records.count,
                     closedRecords: outcomes.records.count, tied: best.tied, warnings: warnings, outcomes: outcomes)
    }

    /// The best customers' records: the top share by won amount (else won records), with every
    /// customer tied with the last one, so the import order never decides.
    static func bestCustomers(_ won: [OutcomeRecord], topPercent: Double)
        -> (records: [OutcomeRecord], customers: Int, byAmount: Bool, tied: Bool) {
        var totals: [String: (amount: Double, count: Int)] = [:]
        func key(_ r: OutcomeRecord) -> String { r.record.accountID.map { "account \($0)" } ?? "record \(r.source) \(r.object) \(r.crmID)" }
        for r in won {
            totals[key(r), default: (0, 0)].amount += r.record.amount ?? 0
            totals[key(r), default: (0, 0)].count += 1
        }
        let byAmount = totals.values.contains { $0.amount > 0 }
        let measure = totals.mapValues { byAmount ? $0.amount : Double($0.count) }
        let ranked = measure.values.sorted(by: >)
        let topCount = max(1, Int((Double(ranked.count) * topPercent / 100).rounded(.up)))
        let boundary = ranked[min(topCount, ranked.count) - 1]
        let bestKeys = Set(measure.filter { $0.value >= boundary }.keys)
        let tied = bestKeys.count == measure.count && topCount < measure.count
        return (won.filter { bestKeys.contains(key($0)) }, bestKeys.count, byAmount, tied)
    }

    /// Tier thresholds from the scores of every closed record: A the top 15%, B the top 35%
    /// (`revive_at`), C the top 60%, each at least a point above the next.
    static func tiers(_ version: ICPVersion, _ records: [OutcomeRecord]) -> (Double, Double, Double) {
        let scorer = Scorer(version)
        let scores = records.map { scorer.evaluate($0.record, asOf: $0.cameIn).score }.sorted()
        func quantile(_ q: Double) -> Double { scores.isEmpty ? 0 : scores[Int(Double(scores.count - 1) * q)] }
        let c = max(1, quantile(0.40).rounded(.up))
        let b = max(c + 1, quantile(0.65).rounded(.up))
        let a = max(b + 1, quantile(0.85).rounded(.up))
        return (a, b, c)
    }

    /// The draft as `icp check` reads it; a draft that does not read back is a bug, never a file.
    static func parsedBack(_ yaml: String) throws -> ICPVersion {
        do {
            return try ICPParser.parse(yaml, file: "draft")
        } catch let invalid as InvalidICP {
            throw Failure(.bug, "the drafted ICP does not read back (\(invalid.message)); please report it with the columns of your export")
        }
    }
}
