import Foundation
import LeadData

extension Database {
    /// Opens reeval's database at `path`, creating it (mode 0600) and applying the built-in
    /// migrations as needed. A database this binary cannot serve is refused unchanged.
    ///
    /// ```swift
    /// let db = try Database.openMigrated(path: "reeval.sqlite", now: Date())
    /// ```
    public static func openMigrated(path: String, now: Date, migrator: Migrator = Migrator()) throws -> Database {
        if FileManager.default.fileExists(atPath: path) { try refuseForeign(path) }
        let db = try Database(path: path)
        try migrator.migrate(db, now: now)
        return db
    }

    /// A SQLite file with tables but no `schema_migrations` is another program's: reeval adds
    /// nothing to it, and says which tables it found.
    /// Checked through a read-only connection, before anything (even the switch to WAL) writes.
    static func refuseForeign(_ path: String) throws {
        let db = try Database(path: path, mode: .readOnly)
        let tables = try db.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").compactMap { $0[0].string }
        guard !tables.isEmpty, !tables.contains("schema_migrations") else { return }
        let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
        throw Failure(.badData, "\(path): not a reeval database (it holds tables \(shown) and no schema_migrations); "
                      + "reeval leaves it as it is: pass --db with reeval's own database, or a new path")
    }

    /// Opens an existing database for reports, status and ICP queries, applying the migrations
    /// it lacks (a report on a database made by an older reeval must see today's tables). A
    /// missing file is a `missingInput` failure, and is not created.
    public static func openExisting(path: String, now: Date, migrator: Migrator = Migrator()) throws -> Database {
        guard FileManager.default.fileExists(atPath: path) else {
            throw Failure(.missingInput, "\(path): no database here; run `reeval init` or `reeval import` first, or pass --db")
        }
        try refuseForeign(path)
        let db = try Database(path: path, mode: .readWrite)
        try migrator.migrate(db, now: now)
        return db
    }
}
