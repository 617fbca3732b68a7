import ICP
import ReevalStore

/// An evaluation's explanation as it is stored: its JSON and the digest that finds it again.
///
/// Built on the judging threads, where hashing costs the writing thread nothing.
struct ExplanationText: Sendable {
    let json: [UInt8]
    let digest: [UInt8]

    init(_ evaluation: Evaluation) {
        json = evaluation.jsonBytes
        digest = Checksum.digest16(json)
    }
}

/// The `explanations` table: each distinct explanation once, found by its digest.
///
/// A lead's explanations change only when its data, the ICP or a trigger window does, and many
/// leads share one, so most candidates point at a row an earlier run, or an earlier lead of this
/// run, already wrote.
///
/// ```swift
/// var explanations = try ExplanationStore(db: db)
/// let id = try explanations.id(for: ExplanationText(evaluation))   // the same id for the same text
/// ```
struct ExplanationStore {
    /// A digest as a dictionary key.
    private struct Key: Hashable {
        let high: UInt64, low: UInt64
        init(_ digest: [UInt8]) {
            var high: UInt64 = 0, low: UInt64 = 0
            for i in 0..<8 { high = high << 8 | UInt64(digest[i]) }
            for i in 8..<16 { low = low << 8 | UInt64(digest[i]) }
            self.high = high
            self.low = low
        }
    }

    /// Most explanations repeat within a run (many leads read alike); the ids this run already
    /// found or wrote are kept, up to `cacheLimit` of them, so that each is looked up once.
    private static let cacheLimit = 250_000
    private var seen: [Key: Int64] = [:]
    private let find: Statement
    private let insert: Statement
    private let db: Database

    init(db: Database) throws {
        self.db = db
        find = try db.prepare("SELECT id FROM explanations WHERE digest = ?")
        insert = try db.prepare("INSERT INTO explanations(digest, json) VALUES (?, ?)")
    }

    /// The id of the row holding `explanation`, written now if no row holds it yet.
    mutating func id(for explanation: ExplanationText) throws -> Int64 {
        let key = Key(explanation.digest)
        if let id = seen[key] { return id }
        let id = try lookUpOrInsert(explanation)
        if seen.count < Self.cacheLimit { seen[key] = id }
        return id
    }

    private func lookUpOrInsert(_ explanation: ExplanationText) throws -> Int64 {
        find.clearBindings()
        try find.bind(blob: explanation.digest, at: 1)
        if try find.step(), let id = find.column(0).int64 {
            find.reset()
            return id
        }
        insert.clearBindings()
        try insert.bind(blob: explanation.digest, at: 1)
        try insert.bind(utf8: explanation.json, at: 2)
        try insert.run()
        return db.lastInsertedRowID
    }

    /// Deletes the explanations that no stored run points at any more (after retention).
    ///
    /// Only the rows the deleted runs pointed at can have lost their last reference, so the
    /// sweep looks at those, and asks the kept runs about them.
    static func deleteUnreferenced(below keptRun: Int64, in db: Database) throws {
        try db.execute("""
            DELETE FROM explanations WHERE id IN (
                SELECT baseline_explanation_id FROM run_scores WHERE run_id < ?1
                UNION SELECT current_explanation_id FROM run_scores WHERE run_id < ?1
                EXCEPT SELECT baseline_explanation_id FROM run_scores WHERE run_id >= ?1
                EXCEPT SELECT current_explanation_id FROM run_scores WHERE run_id >= ?1)
            """, [keptRun])
    }
}
