import Dispatch
import Foundation
import ICP
import LeadData
import ReevalStore

/// What the writing thread needs of a judged candidate: its score row, and its revival when it
/// is revived. The snapshots and evaluations are freed on the judging threads.
struct JudgedCandidate: Sendable {
    /// One side of a revival: the version, score and tier.
    struct Side: Sendable {
        let icp: String, score: Double, tier: String?
        init(_ evaluation: Evaluation) {
            icp = evaluation.icpVersion
            score = evaluation.score
            tier = evaluation.tier
        }
    }

    let leadID: Int64
    /// The score row, in `ScoreHistory.resultColumns` order: the dismissal date, both sides and
    /// the states they were judged on (what `reeval explain` recomputes from). Built on the
    /// judging thread, so the writing thread only compares it with the stored row.
    let result: [DatabaseValue]
    let revival: Revival?
}

/// A batch's results, in order, as the judging threads made them (one array per piece, so the
/// writing thread reads them where they are instead of copying them into one), and its counts.
struct JudgedBatch: Sendable {
    var pieces: [[JudgedCandidate]] = []
    var counts: RunCounts

    init(rules: Int) {
        counts = RunCounts(rules: rules)
    }

    mutating func add(_ other: JudgedBatch) {
        pieces += other.pieces
        counts.add(other.counts)
    }
}

/// What a run counts over all its candidates, counted on the judging threads, so the writing
/// thread only adds batches up.
struct RunCounts: Sendable {
    /// Per rule of the current version, in its outcomes' order (`Judge.currentRuleIDs`): the
    /// candidates it could not judge for lack of data.
    var unknownByRule: [Int]
    /// Per field: the candidates worth enriching that lack it.
    var enrichByField: [String: Int] = [:]
    /// The candidates worth enriching, the best `WorthEnriching.kept` of them.
    var enrich = WorthEnriching()
    /// The versions the baselines were judged under.
    var baselineVersions: Set<String> = []

    init(rules: Int) {
        unknownByRule = Array(repeating: 0, count: rules)
    }

    mutating func add(_ other: RunCounts) {
        for (i, n) in other.unknownByRule.enumerated() where i < unknownByRule.count { unknownByRule[i] += n }
        enrichByField.merge(other.enrichByField, uniquingKeysWith: +)
        enrich.add(other.enrich)
        baselineVersions.formUnion(other.baselineVersions)
    }

    /// `unknownByRule` by rule id, as `runs.unknown_by_criterion` stores it.
    func unknown(ruleIDs: [String]) -> [String: Int] {
        var byID: [String: Int] = [:]
        for (i, n) in unknownByRule.enumerated() where n > 0 && i < ruleIDs.count { byID[ruleIDs[i], default: 0] += n }
        return byID
    }
}

/// The candidates most worth enriching: the most points to gain, then lead id; only the best
/// `kept` are held, so memory stays flat however many candidates qualify, and once that many are
/// known, one that ranks after all of them is not even held.
struct WorthEnriching: Sendable {
    static let kept = 100
    private(set) var best: [(leadID: Int64, enrichment: Judgement.Enrichment)] = []
    /// The last of the best `kept` at the latest trim: nothing ranking after it can make the list.
    private var last: (leadID: Int64, enrichment: Judgement.Enrichment)?

    mutating func offer(_ leadID: Int64, _ enrichment: Judgement.Enrichment) {
        if let last, !Self.before((leadID, enrichment), last) { return }
        best.append((leadID, enrichment))
        if best.count >= Self.kept * 10 { trim() }
    }

    mutating func add(_ other: WorthEnriching) {
        for item in other.best { offer(item.leadID, item.enrichment) }
    }

    /// The best `kept`, best first.
    var ranked: [(leadID: Int64, enrichment: Judgement.Enrichment)] {
        Array(best.sorted(by: Self.before).prefix(Self.kept))
    }

    private mutating func trim() {
        best = ranked
        if best.count == Self.kept { last = best.last }
    }

    static func before(_ a: (leadID: Int64, enrichment: Judgement.Enrichment), _ b: (leadID: Int64, enrichment: Judgement.Enrichment)) -> Bool {
        a.enrichment.gain != b.enrichment.gain ? a.enrichment.gain > b.enrichment.gain : a.leadID < b.leadID
    }
}

/// Judges batches of candidates on every core while the calling thread reads the next batch
/// and writes earlier ones: the database connection stays on the calling thread, and the
/// judging, which needs no database, runs beside it.
///
/// Each batch is cut into pieces, each a task of its own on the shared pool, so a core that
/// finishes a piece takes the next one, of this batch or a later one: no core waits for the
/// slowest piece of a batch. Four batches are in flight, so the calling thread reads ahead
/// while the pool works, and finds a batch judged when it comes back for it.
///
/// ```swift
/// let pipeline = JudgingPipeline(judge: judge, asOf: asOf)
/// write(pipeline.submit(batch))    // nothing until four batches are in flight, then the oldest one's results
/// write(pipeline.finish())         // the results of the batches still in flight, in order
/// ```
final class JudgingPipeline {
    private let judge: Judge
    private let asOf: Timestamp
    private static let inFlightLimit = 4
    /// Pieces per batch: small enough that a core that finishes its piece early takes another.
    private static let piecesPerBatch = 8

    /// A submitted batch: done when `group` is, its results in `pieces`.
    private struct InFlight {
        let group: DispatchGroup
        let pieces: OrderedResults<JudgedBatch>
    }
    /// The batches submitted and not yet taken, oldest first.
    private var inFlight: [InFlight] = []

    init(judge: Judge, asOf: Timestamp) {
        self.judge = judge
        self.asOf = asOf
    }

    /// Starts judging `batch`; returns the oldest batch's results, in order, once more than the
    /// in-flight limit are submitted (none before).
    func submit(_ batch: [Candidate]) -> JudgedBatch {
        let group = DispatchGroup()
        let pieces = OrderedResults<JudgedBatch>(count: Self.piecesPerBatch)
        let judge = self.judge, asOf = self.asOf
        let size = (batch.count + Self.piecesPerBatch - 1) / Self.piecesPerBatch
        for piece in 0..<Self.piecesPerBatch {
            DispatchQueue.global().async(group: group) {
                var judged = JudgedBatch(rules: judge.currentRuleIDs.count)
                var items: [JudgedCandidate] = []
                items.reserveCapacity(size)
                for candidate in batch[min(piece * size, batch.count)..<min((piece + 1) * size, batch.count)] {
                    // A candidate without a snapshot to judge has no result.
                    guard let judgement = judge.judge(candidate, asOf: asOf), let states = candidate.stateIDs else { continue }
                    judged.counts.baselineVersions.insert(judgement.baseline.icpVersion)
                    for (i, o) in judgement.current.outcomes.enumerated() where o.verdict == .unknown && i < judged.counts.unknownByRule.count {
                        judged.counts.unknownByRule[i] += 1
                    }
                    if let e = judgement.enrich {
                        for field in e.fields { judged.counts.enrichByField[field, default: 0] += 1 }
                        judged.counts.enrich.offer(candidate.leadID, e)
                    }
                    items.append(JudgedCandidate(
                        leadID: candidate.leadID,
                        result: ScoreHistory.result(dismissedAt: candidate.baselineDate, baseline: judgement.baseline, baselineState: states.baseline,
                                                    current: judgement.current, currentState: states.current),
                        revival: judgement.revived ? Revival(candidate, judgement) : nil))
                }
                judged.pieces = [items]
                pieces.set(piece, judged)
            }
        }
        inFlight.append(InFlight(group: group, pieces: pieces))
        return inFlight.count > Self.inFlightLimit ? takeOldest() : JudgedBatch(rules: 0)
    }

    /// Waits for every batch in flight and returns their results, in order.
    func finish() -> JudgedBatch {
        var all = JudgedBatch(rules: judge.currentRuleIDs.count)
        while !inFlight.isEmpty { all.add(takeOldest()) }
        return all
    }

    private func takeOldest() -> JudgedBatch {
        let oldest = inFlight.removeFirst()
        oldest.group.wait()
        var all = JudgedBatch(rules: judge.currentRuleIDs.count)
        for piece in oldest.pieces.values { all.add(piece) }
        return all
    }
}
