import ReevalStore

/// The explanations already stored when a run starts, by digest, read from the digest index
/// in one pass.
///
/// The judging threads take the id of each stored explanation from it, and write the JSON only of
/// the others, so the writing thread looks nothing up in SQLite for them.
/// An unchanged nightly run builds no explanation JSON and does no lookup at all. Memory is
/// bounded: past `limit` digests nothing is kept (`isComplete` is false), and the run builds
/// every JSON and looks every digest up in SQLite, as it must when it cannot know.
///
/// ```swift
/// let known = try KnownExplanations(db: db, limit: 750_000)
/// if let id = known.ids[digest] { … }      // stored before this run, as row `id`
/// ```
struct KnownExplanations: Sendable {
    let ids: [ExplanationDigest: Int64]
    /// Whether `ids` holds every digest stored when the run started.
    let isComplete: Bool

    init(db: Database, limit: Int) throws {
        let count = try db.scalar("SELECT count(digest) FROM explanations")?.int ?? 0
        guard count <= limit else {
            ids = [:]
            isComplete = false
            return
        }
        var ids = [ExplanationDigest: Int64](minimumCapacity: count)
        // Both columns are in the digest's index, so this reads the index, not the JSON.
        let statement = try db.prepare("SELECT digest, id FROM explanations WHERE digest IS NOT NULL")
        while try statement.step() {
            if let digest = ExplanationDigest(blob: statement.bytes(at: 0)), let id = statement.column(1).int64 { ids[digest] = id }
        }
        statement.reset()
        self.ids = ids
        isComplete = true
    }

    /// Nothing known, for a run that stores nothing.
    init() {
        ids = [:]
        isComplete = false
    }
}
