import ReevalStore

/// Writes a run's results into `score_history`: one row per lead per stretch of consecutive
/// completed runs with the same result.
///
/// Each candidate's result goes into a temporary table as it is judged; when the run is done, one
/// statement extends the previous run's rows whose result is the same, and one inserts rows for
/// the results that changed (or are new). A night with nothing new writes no row, only moves
/// `last_run_id` on.
///
/// ```swift
/// var scores = try ScoreHistory(db: db, runID: runID)
/// for item in judged { try scores.write(item) }
/// try scores.finish()
/// ```
struct ScoreHistory {
    private let db: Database
    private let runID: Int64
    private let insert: Statement

    /// The result columns, in `score_history`'s order after `lead_id`, `first_run_id` and `last_run_id`.
    static let resultColumns = ["dismissed_at", "baseline_icp", "baseline_state_id", "baseline_score", "baseline_tier",
                                "current_icp", "current_state_id", "current_score", "current_tier"]

    init(db: Database, runID: Int64) throws {
        self.db = db
        self.runID = runID
        try db.execute("DROP TABLE IF EXISTS temp.run_results")
        try db.execute("""
            CREATE TEMP TABLE run_results (lead_id INTEGER PRIMARY KEY, dismissed_at TEXT, baseline_icp TEXT NOT NULL,
                baseline_state_id INTEGER, baseline_score REAL NOT NULL, baseline_tier TEXT, current_icp TEXT NOT NULL,
                current_state_id INTEGER, current_score REAL NOT NULL, current_tier TEXT)
            """)
        insert = try db.prepare("INSERT INTO temp.run_results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
    }

    mutating func write(_ item: JudgedCandidate) throws {
        insert.clearBindings()
        try insert.bind(int64: item.leadID, at: 1)
        try insert.bind(text: item.dismissedAt?.iso, at: 2)
        try insert.bind(text: item.baseline.icp, at: 3)
        try insert.bind(int64: item.baselineStateID, at: 4)
        try insert.bind(double: item.baseline.score, at: 5)
        try insert.bind(text: item.baseline.tier, at: 6)
        try insert.bind(text: item.current.icp, at: 7)
        try insert.bind(int64: item.currentStateID, at: 8)
        try insert.bind(double: item.current.score, at: 9)
        try insert.bind(text: item.current.tier, at: 10)
        try insert.run()
    }

    /// Extends the previous completed run's unchanged rows to this run and inserts the rest.
    func finish() throws {
        let same = Self.resultColumns.map { "r.\($0) IS score_history.\($0)" }.joined(separator: " AND ")
        if let previous = try db.scalar("SELECT max(id) FROM runs WHERE status = 'completed' AND id < ?", [runID])?.int64 {
            try db.execute("""
                UPDATE score_history SET last_run_id = ?
                WHERE last_run_id = ? AND EXISTS (SELECT 1 FROM temp.run_results r WHERE r.lead_id = score_history.lead_id AND \(same))
                """, [runID, previous])
        }
        let columns = Self.resultColumns.joined(separator: ", ")
        try db.execute("""
            INSERT INTO score_history(lead_id, first_run_id, last_run_id, \(columns))
            SELECT r.lead_id, ?, ?, \(Self.resultColumns.map { "r.\($0)" }.joined(separator: ", ")) FROM temp.run_results r
            WHERE NOT EXISTS (SELECT 1 FROM score_history h WHERE h.lead_id = r.lead_id AND h.last_run_id = ?)
            """, [runID, runID, runID])
        try db.execute("DROP TABLE temp.run_results")
    }

    /// Keeps the history of the runs from `oldestKept` on: stretches that ended before it go, and
    /// those that began before it now begin with it.
    static func trim(before oldestKept: Int64, in db: Database) throws {
        try db.execute("DELETE FROM score_history WHERE last_run_id < ?", [oldestKept])
        try db.execute("UPDATE score_history SET first_run_id = ? WHERE first_run_id < ?", [oldestKept, oldestKept])
    }
}
