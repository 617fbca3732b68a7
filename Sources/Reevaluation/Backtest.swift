import Foundation
import ICP
import LeadData
import ReevalStore

/// How well an ICP version tells won from lost, as MadKudu's and Pardot's grading reports show
/// it: the won and lost records closed in a window (``OutcomeRecords``), each scored on its
/// state when it came in as of that day, grouped by tier, with the ROC AUC of the score.
///
/// ```swift
/// let result = try Backtest(db: db).run(version, from: nil, to: nil)
/// print(result.tiers.map { "\($0.tier ?? "none") \($0.winRate)" })
/// ```
public struct Backtest {
    let db: Database

    public init(db: Database) {
        self.db = db
    }

    /// One tier's figures (`tier` nil for records below every threshold, `DQ` for disqualified).
    public struct TierResult: Sendable {
        public var tier: String?
        public var records = 0
        public var won = 0
        public var wonAmount = 0.0
        public var winRate: Double { records == 0 ? 0 : Double(won) / Double(records) }
        /// The 95% Wilson score interval of the win rate; nil for an empty tier.
        public var interval: (low: Double, high: Double)? { Backtest.wilson(won: won, of: records) }
    }

    /// One record as the backtest scored it (a row of `--records`).
    public struct ScoredRecord: Sendable {
        public var source: String
        public var object: String
        public var crmID: String
        public var cameIn: Timestamp
        public var won: Bool
        public var score: Double
        public var tier: String?
    }

    public struct Result: Sendable {
        public var icp: String
        public var reviveAt: String
        public var records = 0
        public var won = 0
        public var wonAmount = 0.0
        /// In tier order, then none, then DQ.
        public var tiers: [TierResult] = []
        /// Records with no outcome, by lifecycle: `open`, `disqualified`.
        public var leftOut: [String: Int] = [:]
        /// Records without `created_at`: scored on their first observed state, as of that day.
        public var undated = 0
        /// How well the score ranks won above lost; nil without both.
        public var auc: RankAUC?
        /// Every record scored, in lead order.
        public var scored: [ScoredRecord] = []
        public var winRate: Double { records == 0 ? 0 : Double(won) / Double(records) }
        public func lift(_ tier: TierResult) -> Double { winRate == 0 ? 0 : tier.winRate / winRate }
        /// Of the records at `revive_at` or better, the share won; of the won, the share there.
        public var atRevive: (records: Int, won: Int, precision: Double, recall: Double)
        /// Too few outcomes to judge by (fewer than 20 won or 20 lost).
        public var sampleTooSmall: Bool { won < 20 || records - won < 20 }
    }

    public func run(_ version: ICPVersion, from: Timestamp?, to: Timestamp?) throws -> Result {
        try run(version, on: try OutcomeRecords.read(db, closedFrom: from, to: to))
    }

    /// The backtest on records already read (`icp suggest` scores its draft on the records it
    /// learned from).
    public func run(_ version: ICPVersion, on outcomes: OutcomeRecords) throws -> Result {
        let scorer = Scorer(version)
        var result = Result(icp: version.label, reviveAt: version.reviveAt, atRevive: (0, 0, 0, 0))
        result.leftOut = outcomes.leftOut
        result.undated = outcomes.undated
        var byTier: [String: TierResult] = [:]
        var atRevive = (records: 0, won: 0)
        var wonScores: [Double] = [], lostScores: [Double] = []
        for item in outcomes.records {
            let evaluation = scorer.evaluate(item.record, asOf: item.cameIn)
            let key = evaluation.tier ?? ""
            var tier = byTier[key] ?? TierResult(tier: evaluation.tier)
            tier.records += 1
            result.records += 1
            if item.won {
                tier.won += 1
                result.won += 1
                tier.wonAmount += item.record.amount ?? 0
                result.wonAmount += item.record.amount ?? 0
            }
            if version.isReviveTier(evaluation.tier) && !evaluation.isDisqualified {
                atRevive.records += 1
                if item.won { atRevive.won += 1 }
            }
            byTier[key] = tier
            // A disqualified record ranks below every score.
            let rankScore = evaluation.isDisqualified ? -Double.greatestFiniteMagnitude : evaluation.score
            if item.won { wonScores.append(rankScore) } else { lostScores.append(rankScore) }
            result.scored.append(ScoredRecord(source: item.source, object: item.object, crmID: item.crmID, cameIn: item.cameIn,
                                              won: item.won, score: evaluation.score, tier: evaluation.tier))
        }
        result.auc = RankAUC(won: wonScores, lost: lostScores)
        let order = version.tiers.map(\.name) + ["", Scorer.disqualifiedTier]
        result.tiers = order.map { name in byTier[name] ?? TierResult(tier: name.isEmpty ? nil : name) }
        result.atRevive = (atRevive.records, atRevive.won,
                           atRevive.records == 0 ? 0 : Double(atRevive.won) / Double(atRevive.records),
                           result.won == 0 ? 0 : Double(atRevive.won) / Double(result.won))
        return result
    }

    /// The 95% Wilson score interval for `won` successes in `n` trials; nil for none.
    static func wilson(won: Int, of n: Int) -> (low: Double, high: Double)? {
        guard n > 0 else { return nil }
        let z = 1.959964, p = Double(won) / Double(n), nn = Double(n)
        let denominator = 1 + z * z / nn
        let centre = (p + z * z / (2 * nn)) / denominator
        let half = z * ((p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot()) / denominator
        return (max(0, centre - half), min(1, centre + half))
    }
}
