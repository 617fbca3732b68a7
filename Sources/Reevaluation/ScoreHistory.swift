import ICP
import LeadData
import ReevalStore

/// Writes a run's results into `score_history`: one row per lead per stretch of consecutive
/// completed runs with the same result.
///
/// The stretch a lead is in now is open (`last_run_id` NULL: it runs through the latest
/// completed run), so a run whose result for a lead did not change writes nothing for it. The
/// open stretches are read in lead order beside the run's results, which come in the same order;
/// only the exceptions are kept, in temporary tables: a changed or new result opens a stretch,
/// and a changed result or a lead that is no longer a candidate closes its stretch at the
/// previous completed run. A night with nothing new writes no row at all.
///
/// ```swift
/// var scores = try ScoreHistory(db: db, runID: runID)
/// for item in judged { try scores.write(item) }   // in lead id order
/// try scores.finish()
/// ```
struct ScoreHistory {
    private let db: Database
    private let runID: Int64
    /// The open stretches, in lead order, and whether `open` stands on a row.
    private let open: Statement
    private var onOpenRow: Bool
    private let opening: Statement
    private let closing: Statement

    /// The result columns, in `score_history`'s order after `lead_id`, `first_run_id` and `last_run_id`.
    static let resultColumns = ["dismissed_at", "baseline_icp", "baseline_state_id", "baseline_score", "baseline_tier",
                                "current_icp", "current_state_id", "current_score", "current_tier"]

    init(db: Database, runID: Int64) throws {
        self.db = db
        self.runID = runID
        try db.execute("DROP TABLE IF EXISTS temp.run_opened")
        try db.execute("DROP TABLE IF EXISTS temp.run_closed")
        try db.execute("""
            CREATE TEMP TABLE run_opened (lead_id INTEGER PRIMARY KEY, dismissed_at TEXT, baseline_icp TEXT NOT NULL,
                baseline_state_id INTEGER, baseline_score REAL NOT NULL, baseline_tier TEXT, current_icp TEXT NOT NULL,
                current_state_id INTEGER, current_score REAL NOT NULL, current_tier TEXT)
            """)
        try db.execute("CREATE TEMP TABLE run_closed (lead_id INTEGER PRIMARY KEY)")
        opening = try db.prepare("INSERT INTO temp.run_opened VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        closing = try db.prepare("INSERT INTO temp.run_closed VALUES (?)")
        open = try db.prepare("""
            SELECT lead_id, \(Self.resultColumns.joined(separator: ", ")) FROM score_history WHERE last_run_id IS NULL ORDER BY lead_id
            """)
        onOpenRow = try open.step()
    }

    /// Records `item`'s result; items come in increasing lead id order.
    mutating func write(_ item: JudgedCandidate) throws {
        while onOpenRow, let lead = open.column(0).int64, lead < item.leadID {
            try close(lead)
        }
        if onOpenRow, open.column(0).int64 == item.leadID {
            if item.result.indices.allSatisfy({ open.column($0 + 1, equals: item.result[$0]) }) {
                onOpenRow = try open.step()
                return
            }
            try close(item.leadID)
        }
        opening.clearBindings()
        try opening.bind(value: .integer(item.leadID), at: 1)
        for (offset, value) in item.result.enumerated() { try opening.bind(value: value, at: offset + 2) }
        try opening.run()
    }

    /// Closes the stretches of leads that were not candidates this time, then writes the exceptions.
    mutating func finish() throws {
        while onOpenRow, let lead = open.column(0).int64 {
            try close(lead)
        }
        open.reset()
        try db.execute("""
            UPDATE score_history
            SET last_run_id = coalesce((SELECT max(id) FROM runs WHERE status = 'completed' AND id < ?), first_run_id)
            WHERE last_run_id IS NULL AND lead_id IN (SELECT lead_id FROM temp.run_closed)
            """, [runID])
        let columns = Self.resultColumns.joined(separator: ", ")
        try db.execute("""
            INSERT INTO score_history(lead_id, first_run_id, last_run_id, \(columns))
            SELECT lead_id, ?, NULL, \(columns) FROM temp.run_opened
            """, [runID])
        try db.execute("DROP TABLE temp.run_opened")
        try db.execute("DROP TABLE temp.run_closed")
    }

    private mutating func close(_ lead: Int64) throws {
        try closing.execute([lead])
        onOpenRow = try open.step()
    }

    /// A candidate's result in `resultColumns` order: compared with its open stretch, and written when it differs.
    static func result(dismissedAt: Timestamp?, baseline: Evaluation, baselineState: Int64,
                       current: Evaluation, currentState: Int64) -> [DatabaseValue] {
        [dismissedAt?.iso.databaseValue ?? .null, .text(baseline.icpVersion), .integer(baselineState),
         .real(baseline.score), baseline.tier.databaseValue, .text(current.icpVersion), .integer(currentState),
         .real(current.score), current.tier.databaseValue]
    }

    /// Keeps the history of the runs from `oldestKept` on: stretches that ended before it go, and
    /// the older runs are marked, so `lead_scores` leaves them out. A stretch that began before it
    /// keeps its first run: moving that would rewrite nearly every row every night.
    static func trim(before oldestKept: Int64, in db: Database) throws {
        try db.execute("DELETE FROM score_history WHERE last_run_id < ?", [oldestKept])
        try db.execute("UPDATE runs SET scores_kept = 0 WHERE id < ? AND scores_kept", [oldestKept])
    }
}
