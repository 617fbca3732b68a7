import Foundation
import LeadData

/// Applies migrations in order, each in its own immediate transaction with its bookkeeping row,
/// and refuses a database whose history does not match this binary, before changing anything.
///
/// ```swift
/// let db = try Database(path: "reeval.sqlite")
/// let applied = try Migrator(migrations: Migration.builtIn).migrate(db, now: Date())
/// ```
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init(migrations: [Migration] = Migration.builtIn) {
        self.migrations = migrations
    }

    /// A migration recorded in a database.
    public struct AppliedMigration: Sendable, Equatable {
        public let version: Int
        public let name: String
        public let checksum: String
        public let appliedAt: String
    }

    /// Applies what is missing; returns the names applied now (empty when up to date).
    @discardableResult
    public func migrate(_ db: Database, now: Date) throws -> [String] {
        try db.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                checksum   TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )
            """)
        let applied = try appliedMigrations(db)
        try verify(applied, database: db.path)
        let done = Set(applied.map(\.version))
        var names: [String] = []
        for migration in migrations where !done.contains(migration.version) {
            try db.execute("PRAGMA foreign_keys = OFF")
            defer { try? db.execute("PRAGMA foreign_keys = ON") }
            try db.inTransaction(.immediate) {
                try db.execute(script: migration.sql)
                if let violation = try db.rows("PRAGMA foreign_key_check").first {
                    throw Failure(.bug, "migration \(migration.name) breaks a foreign key in table \(violation[0].string ?? "?")")
                }
                try db.execute(
                    "INSERT INTO schema_migrations(version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                    [migration.version, migration.name, migration.checksum, ISODate.string(now)])
            }
            names.append(migration.name)
        }
        return names
    }

    /// What the database says was applied, in order.
    public func appliedMigrations(_ db: Database) throws -> [AppliedMigration] {
        let exists = try db.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")?.int ?? 0
        guard exists > 0 else { return [] }
        return try db.rows("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version").map {
            AppliedMigration(version: $0["version"] ?? 0, name: $0["name"] ?? "", checksum: $0["checksum"] ?? "", appliedAt: $0["applied_at"] ?? "")
        }
    }

    /// Throws when an applied migration changed or is unknown to this binary.
    public func verify(_ applied: [AppliedMigration], database: String) throws {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for record in applied {
            guard let migration = known[record.version] else {
                throw Failure(.badData, "\(database) was migrated by a newer reeval (it has migration \(record.name), this binary knows up to \(migrations.last?.name ?? "none")); install the newer reeval or use another --db")
            }
            if migration.checksum != record.checksum {
                throw Failure(.badData, "\(database): migration \(record.name) was applied from a different file (checksum \(record.checksum.prefix(12)) ≠ \(migration.checksum.prefix(12))); an applied migration must never be edited, add a new one instead")
            }
        }
    }
}
