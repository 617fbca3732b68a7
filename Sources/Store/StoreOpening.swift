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

    /// Opens an existing database read-only for reports and status, after checking that its
    /// migrations match this binary. A missing file is a `missingInput` failure.
    public static func openExisting(path: String, migrator: Migrator = Migrator()) throws -> Database {
        guard FileManager.default.fileExists(atPath: path) else {
            throw Failure(.missingInput, "\(path): no database here; run `reeval init` or `reeval import` first, or pass --db")
        }
        let db = try Database(path: path, mode: .readWrite)
        try migrator.verify(try migrator.appliedMigrations(db), database: path)
        return db
    }
}
