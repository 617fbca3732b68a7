import Dispatch
import Foundation
import ICP
import LeadData

/// What the writing thread needs of a judged candidate: its score row, and its revival when it
/// is revived. The snapshots and evaluations are freed on the judging threads.
struct JudgedCandidate: Sendable {
    /// One side of the score row: the version, score and tier.
    struct Side: Sendable {
        let icp: String, score: Double, tier: String?
        init(_ evaluation: Evaluation) {
            icp = evaluation.icpVersion
            score = evaluation.score
            tier = evaluation.tier
        }
    }

    let leadID: Int64
    let dismissedAt: Timestamp?
    let baseline: Side
    let current: Side
    /// The states the two sides were judged on: what `reeval explain` recomputes from.
    let baselineStateID: Int64
    let currentStateID: Int64
    /// The rules the current evaluation could not judge for lack of data.
    let unknown: [String]
    let revival: Revival?
    /// Set when the lead is worth enriching: what to fill, the points it could add, the tier.
    let enrich: Judgement.Enrichment?
}

/// Judges batches of candidates on the other cores while the calling thread reads the next batch
/// and writes earlier ones: the database connection stays on the calling thread, and the
/// judging, which needs no database, runs beside it.
///
/// Two batches are in flight, so neither side waits for the other at each batch: the judging
/// threads start the next batch while the calling thread is still writing, and the calling
/// thread finds a batch judged when it comes back.
///
/// ```swift
/// let pipeline = JudgingPipeline(judge: judge, asOf: asOf)
/// write(pipeline.submit(batch))    // nothing until two batches are in flight, then the oldest one's results
/// write(pipeline.finish())         // the results of the batches still in flight, in order
/// ```
final class JudgingPipeline {
    private let judge: Judge
    private let asOf: Timestamp
    /// Batches run one after another, each on all cores, in the order they were submitted.
    private let queue = DispatchQueue(label: "reeval.judging")
    private static let inFlightLimit = 2
    /// Pieces per batch: small enough that a core that finishes its piece early takes another.
    private static let piecesPerBatch = 8

    /// A submitted batch: done when `group` is, its results in `pieces`.
    private struct InFlight {
        let group: DispatchGroup
        let pieces: OrderedResults<[JudgedCandidate]>
    }
    /// The batches submitted and not yet taken, oldest first.
    private var inFlight: [InFlight] = []

    init(judge: Judge, asOf: Timestamp) {
        self.judge = judge
        self.asOf = asOf
    }

    /// Starts judging `batch`; returns the oldest batch's results, in order, once more than the
    /// in-flight limit are submitted (none before).
    func submit(_ batch: [Candidate]) -> [JudgedCandidate] {
        let group = DispatchGroup()
        let pieces = OrderedResults<[JudgedCandidate]>(count: Self.piecesPerBatch)
        let judge = self.judge, asOf = self.asOf
        queue.async(group: group) {
            /// Nil for a candidate without a snapshot to judge.
            @Sendable func judged(_ candidate: Candidate) -> JudgedCandidate? {
                guard let judgement = judge.judge(candidate, asOf: asOf), let states = candidate.stateIDs else { return nil }
                return JudgedCandidate(
                    leadID: candidate.leadID, dismissedAt: candidate.dismissedAt,
                    baseline: .init(judgement.baseline), current: .init(judgement.current),
                    baselineStateID: states.baseline, currentStateID: states.current,
                    unknown: judgement.current.outcomes.compactMap { $0.verdict == .unknown ? $0.id : nil },
                    revival: judgement.revived ? Revival(candidate, judgement) : nil, enrich: judgement.enrich)
            }
            let size = (batch.count + Self.piecesPerBatch - 1) / Self.piecesPerBatch
            DispatchQueue.concurrentPerform(iterations: Self.piecesPerBatch) { piece in
                let range = min(piece * size, batch.count)..<min((piece + 1) * size, batch.count)
                pieces.set(piece, batch[range].compactMap(judged))
            }
        }
        inFlight.append(InFlight(group: group, pieces: pieces))
        return inFlight.count > Self.inFlightLimit ? takeOldest() : []
    }

    /// Waits for every batch in flight and returns their results, in order.
    func finish() -> [JudgedCandidate] {
        var all: [JudgedCandidate] = []
        while !inFlight.isEmpty { all += takeOldest() }
        return all
    }

    private func takeOldest() -> [JudgedCandidate] {
        let oldest = inFlight.removeFirst()
        oldest.group.wait()
        return oldest.pieces.values.flatMap { $0 }
    }
}
