import Foundation
import ICP
import LeadData
import ReevalStore

/// How well an ICP version tells won from lost, as MadKudu's and Pardot's grading reports show
/// it: the won and lost records closed in a window, each scored on its state when it came in
/// (the newest state observed on or before its creation date, else its oldest) as of its
/// creation date, grouped by tier.
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
        /// The 95% Wilson score interval of the win rate.
        public var interval: (low: Double, high: Double) { Backtest.wilson(won: won, of: records) }
    }

    public struct Result: Sendable {
        public var icp: String
        public var reviveAt: String
        public var records = 0
        public var won = 0
        public var wonAmount = 0.0
        /// In tier order, then none, then DQ.
        public var tiers: [TierResult] = []
        /// Records with no outcome or no creation date, by cause: `open`, `disqualified`, `no_created_at`.
        public var leftOut: [String: Int] = [:]
        public var winRate: Double { records == 0 ? 0 : Double(won) / Double(records) }
        public func lift(_ tier: TierResult) -> Double { winRate == 0 ? 0 : tier.winRate / winRate }
        /// Of the records at `revive_at` or better, the share won; of the won, the share there.
        public var atRevive: (records: Int, won: Int, precision: Double, recall: Double)
        /// Too few outcomes to judge by (fewer than 20 won or 20 lost).
        public var sampleTooSmall: Bool { won < 20 || records - won < 20 }
    }

    public func run(_ version: ICPVersion, from: Timestamp?, to: Timestamp?) throws -> Result {
        let scorer = Scorer(version)
        var result = Result(icp: version.label, reviveAt: version.reviveAt, atRevive: (0, 0, 0, 0))
        var byTier: [String: TierResult] = [:]
        let window = "(:from IS NULL OR l.closed_at >= :from) AND (:to IS NULL OR l.closed_at < :to)"
        let bindings: [String: DatabaseValueConvertible?] = [":from": from?.isoDay, ":to": to.map { $0.adding(days: 1).isoDay }]
        let numbered = "(?1 IS NULL OR l.closed_at >= ?1) AND (?2 IS NULL OR l.closed_at < ?2)"
        for row in try db.rows("""
            SELECT CASE WHEN l.lifecycle IN ('won', 'lost') THEN 'no_created_at' ELSE l.lifecycle END, count(*) FROM leads l
            WHERE (l.lifecycle IN ('open', 'disqualified') OR l.created_at IS NULL) AND \(numbered) GROUP BY 1
            """, [from?.isoDay, to.map { $0.adding(days: 1).isoDay }]) {
            result.leftOut[row[0].string ?? ""] = row[1].int ?? 0
        }
        var atRevive = (records: 0, won: 0)
        try CandidateReader(db: db).forEachLead(where: "l.lifecycle IN ('won', 'lost') AND l.created_at IS NOT NULL AND \(window)",
                                                bindings, dateColumn: "l.created_at") { record in
            guard let (baseline, _) = record.records(), let createdAt = record.dismissedAt else { return }
            let evaluation = scorer.evaluate(baseline, asOf: createdAt)
            let key = evaluation.tier ?? ""
            var tier = byTier[key] ?? TierResult(tier: evaluation.tier)
            tier.records += 1
            result.records += 1
            let won = record.lifecycle == .won
            if won {
                tier.won += 1
                result.won += 1
                tier.wonAmount += baseline.amount ?? 0
                result.wonAmount += baseline.amount ?? 0
            }
            if version.isReviveTier(evaluation.tier) && !evaluation.isDisqualified {
                atRevive.records += 1
                if won { atRevive.won += 1 }
            }
            byTier[key] = tier
        }
        let order = version.tiers.map(\.name) + ["", Scorer.disqualifiedTier]
        result.tiers = order.map { name in byTier[name] ?? TierResult(tier: name.isEmpty ? nil : name) }
        result.atRevive = (atRevive.records, atRevive.won,
                           atRevive.records == 0 ? 0 : Double(atRevive.won) / Double(atRevive.records),
                           result.won == 0 ? 0 : Double(atRevive.won) / Double(result.won))
        return result
    }

    /// The 95% Wilson score interval for `won` successes in `n` trials (0…0 for none).
    static func wilson(won: Int, of n: Int) -> (low: Double, high: Double) {
        guard n > 0 else { return (0, 0) }
        let z = 1.959964, p = Double(won) / Double(n), nn = Double(n)
        let denominator = 1 + z * z / nn
        let centre = (p + z * z / (2 * nn)) / denominator
        let half = z * ((p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot()) / denominator
        return (max(0, centre - half), min(1, centre + half))
    }
}
