import LeadData

/// A revived candidate as the run keeps it until it ranks and stores it: its row and what a
/// preview shows, without the snapshots and evaluations it was judged from (a run of 1,000,000
/// candidates keeps tens of thousands of these).
struct Revival: Sendable {
    let leadID: Int64
    let crmID: String
    let company: String?
    let baseline: JudgedCandidate.Side
    let current: JudgedCandidate.Side
    let delta: Double
    let reasons: [Reason]
    /// The date of the most recent matched trigger now, for ranking.
    let latestTrigger: Timestamp?

    init(_ candidate: Candidate, _ judgement: Judgement) {
        leadID = candidate.leadID
        crmID = candidate.crmID
        company = judgement.company
        baseline = .init(judgement.baseline)
        current = .init(judgement.current)
        delta = judgement.delta
        reasons = judgement.reasons
        latestTrigger = judgement.latestTrigger
    }

    /// Rank order: score descending, then the most recent trigger, then lead id.
    static func ranksBefore(_ a: Revival, _ b: Revival) -> Bool {
        if a.current.score != b.current.score { return a.current.score > b.current.score }
        let ta = a.latestTrigger?.seconds ?? .min, tb = b.latestTrigger?.seconds ?? .min
        if ta != tb { return ta > tb }
        return a.leadID < b.leadID
    }
}
