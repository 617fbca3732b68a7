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
    /// Nil when nothing is stored (a dry run or a preview).
    let explanations: (baseline: ExplanationText, current: ExplanationText)?
    let revival: Revival?
}

/// Judges batches of candidates on another core while the calling thread reads the next batch
/// and writes the previous one: the database connection stays on the calling thread, and the
/// judging, which needs no database, runs beside it.
///
/// ```swift
/// let pipeline = JudgingPipeline(judge: judge, asOf: asOf, writesExplanations: true)
/// write(pipeline.submit(firstBatch))    // nothing yet: the first batch is being judged
/// write(pipeline.submit(secondBatch))   // the first batch's results
/// write(pipeline.finish())              // the last batch's results
/// ```
final class JudgingPipeline: @unchecked Sendable {
    // `results` is written by the judging task and read by the caller after `group.wait()`,
    // both under `lock`; one batch is in flight at a time.
    private let judge: Judge
    private let asOf: Timestamp
    private let writesExplanations: Bool
    private let queue = DispatchQueue(label: "reeval.judging")
    private var group: DispatchGroup?
    private var results: [JudgedCandidate] = []
    private let lock = NSLock()

    init(judge: Judge, asOf: Timestamp, writesExplanations: Bool) {
        self.judge = judge
        self.asOf = asOf
        self.writesExplanations = writesExplanations
    }

    /// Starts judging `batch` and returns the previous batch's results, in order.
    func submit(_ batch: [Candidate]) -> [JudgedCandidate] {
        let previous = finish()
        let group = DispatchGroup()
        let judge = self.judge, asOf = self.asOf, writesExplanations = self.writesExplanations
        queue.async(group: group) {
            /// Nil for a candidate without a snapshot to judge.
            @Sendable func judged(_ candidate: Candidate) -> JudgedCandidate? {
                guard let judgement = judge.judge(candidate, asOf: asOf) else { return nil }
                return JudgedCandidate(
                    leadID: candidate.leadID, dismissedAt: candidate.dismissedAt,
                    baseline: .init(judgement.baseline), current: .init(judgement.current),
                    explanations: writesExplanations ? (ExplanationText(judgement.baseline), ExplanationText(judgement.current)) : nil,
                    revival: judgement.revived ? Revival(candidate, judgement) : nil)
            }
            // Two halves at once: the calling thread is often waiting on this batch.
            let halves = OrderedResults<[JudgedCandidate]>(count: 2)
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                let range = half == 0 ? 0..<(batch.count / 2) : (batch.count / 2)..<batch.count
                halves.set(half, batch[range].compactMap(judged))
            }
            self.lock.lock()
            self.results = halves.values.flatMap { $0 }
            self.lock.unlock()
        }
        self.group = group
        return previous
    }

    /// Waits for the batch in flight and returns its results (none if nothing is in flight).
    func finish() -> [JudgedCandidate] {
        guard let group else { return [] }
        group.wait()
        self.group = nil
        lock.lock()
        defer { lock.unlock() }
        let done = results
        results = []
        return done
    }
}
