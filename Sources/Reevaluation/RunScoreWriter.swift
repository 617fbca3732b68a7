import ReevalStore

/// Writes a run's `run_scores` rows: each candidate's two scores and tiers, and the ids of its
/// two explanations, written to `explanations` only when no earlier row holds the same text.
///
/// ```swift
/// var scores = try RunScoreWriter(db: db, runID: runID, known: known, memoryLimit: 750_000)
/// for item in judged { try scores.write(item) }
/// ```
struct RunScoreWriter {
    private let insert: Statement
    private var explanations: ExplanationStore
    private let runID: Int64

    init(db: Database, runID: Int64, known: KnownExplanations, memoryLimit: Int) throws {
        self.runID = runID
        explanations = try ExplanationStore(db: db, known: known, memoryLimit: memoryLimit)
        insert = try db.prepare("""
            INSERT INTO run_scores(run_id, lead_id, dismissed_at, baseline_icp, baseline_score, baseline_tier, current_icp,
                                   current_score, current_tier, baseline_explanation_id, current_explanation_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Writes `item`'s row; one judged without explanations (a dry run's) writes nothing.
    mutating func write(_ item: JudgedCandidate) throws {
        guard let texts = item.explanations else { return }
        insert.clearBindings()
        try insert.bind(int64: runID, at: 1)
        try insert.bind(int64: item.leadID, at: 2)
        try insert.bind(text: item.dismissedAt?.iso, at: 3)
        try insert.bind(text: item.baseline.icp, at: 4)
        try insert.bind(double: item.baseline.score, at: 5)
        try insert.bind(text: item.baseline.tier, at: 6)
        try insert.bind(text: item.current.icp, at: 7)
        try insert.bind(double: item.current.score, at: 8)
        try insert.bind(text: item.current.tier, at: 9)
        try insert.bind(int64: explanations.id(for: texts.baseline), at: 10)
        try insert.bind(int64: explanations.id(for: texts.current), at: 11)
        try insert.run()
    }
}
