/// The ROC AUC of a score: the chance that a won record scores above a lost one, ties counting
/// half (the Mann–Whitney statistic), with its 95% interval by Hanley and McNeil's standard error.
public struct RankAUC: Sendable, Equatable {
    public var value: Double
    public var low: Double
    public var high: Double

    /// Nil without at least one won and one lost record.
    public init?(won: [Double], lost: [Double]) {
        guard !won.isEmpty, !lost.isEmpty else { return nil }
        // Midranks over the pooled scores, then the won records' rank sum.
        let pooled = (won.map { ($0, true) } + lost.map { ($0, false) }).sorted { $0.0 < $1.0 }
        var rankSum = 0.0
        var i = 0
        while i < pooled.count {
            var j = i
            while j + 1 < pooled.count && pooled[j + 1].0 == pooled[i].0 { j += 1 }
            let midrank = Double(i + j) / 2 + 1
            for k in i...j where pooled[k].1 { rankSum += midrank }
            i = j + 1
        }
        let nw = Double(won.count), nl = Double(lost.count)
        let auc = (rankSum - nw * (nw + 1) / 2) / (nw * nl)
        let q1 = auc / (2 - auc), q2 = 2 * auc * auc / (1 + auc)
        let variance = (auc * (1 - auc) + (nw - 1) * (q1 - auc * auc) + (nl - 1) * (q2 - auc * auc)) / (nw * nl)
        let half = 1.959964 * max(0, variance).squareRoot()
        value = auc
        low = max(0, auc - half)
        high = min(1, auc + half)
    }
}
