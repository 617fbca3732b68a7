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
        let db = try Database(path: path)
        try migrator.migrate(db, now: now)
        return db
    }

    /// Opens an existing database for reports, status and ICP queries, applying the migrations
    /// it lacks (a report on a database made by an older reeval must see today's tables). A
    /// missing file is a `missingInput` failure, and is not created.
    public static func openExisting(path: String, now: Date, migrator: Migrator = Migrator()) throws -> Database {
        guard FileManager.default.fileExists(atPath: path) else {
            throw Failure(.missingInput, "\(path): no database here; run `reeval init` or `reeval import` first, or pass --db")
        }
        let db = try Database(path: path, mode: .readWrite)
        try migrator.migrate(db, now: now)
        return db
    }
}
