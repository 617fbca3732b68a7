import ICP
import LeadData
import ReevalStore

/// An evaluation's explanation as the writing thread needs it: the id of the row that stored it
/// before this run, or else its digest and JSON.
///
/// Built on the judging threads, where hashing, looking up and writing JSON cost the writing
/// thread nothing.
struct ExplanationText: Sendable {
    let digest: ExplanationDigest
    /// The row that holds this very text, when the run knew it from the start.
    let storedID: Int64?
    /// Nil when `storedID` is set.
    let json: [UInt8]?

    init(_ evaluation: Evaluation, known: KnownExplanations) {
        let words = Checksum.digest128(evaluation.identityBytes)
        digest = ExplanationDigest(high: words.high, low: words.low)
        storedID = known.ids[digest]
        json = storedID == nil ? evaluation.jsonBytes : nil
    }
}

/// The `explanations` table: each distinct explanation once, found by its digest.
///
/// A lead's explanations change only when its data, the ICP or a trigger window does, and many
/// leads share one, so most candidates point at a row an earlier run, or an earlier lead of this
/// run, already wrote.
///
/// ```swift
/// let known = try KnownExplanations(db: db, limit: 750_000)
/// var explanations = try ExplanationStore(db: db, known: known, memoryLimit: 750_000)
/// let id = try explanations.id(for: ExplanationText(evaluation, known: known))   // the same id for the same text
/// ```
struct ExplanationStore {
    /// Whether every explanation stored before the run has its id in the texts it is given.
    private let knowsStored: Bool
    /// The ids this run wrote or looked up, up to `seenLimit` of them, so that each is found once.
    private var seen: [ExplanationDigest: Int64] = [:]
    private let seenLimit: Int
    /// Whether every explanation this run wrote is in `seen`. With `known.isComplete` too, a digest
    /// found in neither is stored nowhere, and is written without asking SQLite.
    private var seenIsComplete = true
    private let find: Statement
    private let insert: Statement
    private let db: Database

    /// `memoryLimit` bounds the digests held in memory, the known ones included.
    init(db: Database, known: KnownExplanations, memoryLimit: Int) throws {
        self.db = db
        knowsStored = known.isComplete
        seenLimit = max(memoryLimit - known.ids.count, 0)
        find = try db.prepare("SELECT id FROM explanations WHERE digest = ?")
        insert = try db.prepare("INSERT INTO explanations(digest, json) VALUES (?, ?)")
    }

    /// The id of the row holding `explanation`, written now if no row holds it yet.
    mutating func id(for explanation: ExplanationText) throws -> Int64 {
        if let id = explanation.storedID { return id }
        let digest = explanation.digest
        if let id = seen[digest] { return id }
        let id: Int64
        if knowsStored && seenIsComplete {
            id = try write(explanation)
        } else {
            id = try lookUp(digest) ?? write(explanation)
        }
        if seen.count < seenLimit { seen[digest] = id } else { seenIsComplete = false }
        return id
    }

    private func lookUp(_ digest: ExplanationDigest) throws -> Int64? {
        find.clearBindings()
        try find.bind(blob: digest.blob, at: 1)
        defer { find.reset() }
        return try find.step() ? find.column(0).int64 : nil
    }

    private func write(_ explanation: ExplanationText) throws -> Int64 {
        // The judging threads leave the JSON out only with a `storedID`, which `id(for:)` answered.
        guard let json = explanation.json else {
            throw Failure(.bug, "explanation \(explanation.digest) has no JSON and is not stored")
        }
        insert.clearBindings()
        try insert.bind(blob: explanation.digest.blob, at: 1)
        try insert.bind(utf8: json, at: 2)
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
