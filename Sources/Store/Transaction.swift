import Foundation

/// Transactions and savepoints: a body's writes land whole or not at all.
///
/// ```swift
/// try db.inTransaction(.immediate) {
///     try db.execute("INSERT INTO …")
///     try db.inSavepoint("row") { try db.execute("INSERT INTO …") } // undone alone if it throws
/// }
/// ```
extension Database {
    /// How a transaction takes its lock.
    public enum TransactionKind: String, Sendable {
        /// Takes the write lock only when the first write happens.
        case deferred = "DEFERRED"
        /// Takes the write lock at BEGIN: the busy timeout applies, and no upgrade can fail later.
        /// Every write transaction in reeval is immediate.
        case immediate = "IMMEDIATE"
    }

    /// Whether SQLite checks each written row's foreign keys.
    public enum ForeignKeys: Sendable {
        case checked
        /// Not checked: for a writer that writes only ids it read or created in the same
        /// transaction (the importer), where the checks are a lookup per key per row, about a
        /// fifth of a first import's time in SQLite.
        case unchecked
    }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    /// Inside another transaction it runs in a savepoint, so a run can import its inbox and
    /// evaluate in one transaction that lands whole or not at all (and `foreignKeys` is the outer
    /// transaction's: SQLite changes it only outside one).
    @discardableResult
    public func inTransaction<T>(_ kind: TransactionKind = .immediate, foreignKeys: ForeignKeys = .checked,
                                 _ body: () throws -> T) throws -> T {
        if isInTransaction { return try inSavepoint("nested", body) }
        if foreignKeys == .unchecked {
            try execute("PRAGMA foreign_keys = OFF")
        }
        defer { if foreignKeys == .unchecked { try? execute("PRAGMA foreign_keys = ON") } }
        try execute("BEGIN \(kind.rawValue) TRANSACTION")
        do {
            let result = try body()
            try execute("COMMIT TRANSACTION")
            return result
        } catch {
            if isInTransaction { try? execute("ROLLBACK TRANSACTION") }
            throw error
        }
    }

    /// How a transaction ends, by the return value of its body (GRDB's `TransactionCompletion`):
    /// a dry run, or a file found imported before, rolls back without throwing.
    public enum TransactionCompletion: Sendable {
        case commit, rollback
    }

    /// Runs `body` in a transaction that commits or rolls back as `body` returns; rolled back if
    /// it throws. Inside another transaction it runs in a savepoint, released or rolled back to.
    public func transaction(_ kind: TransactionKind = .immediate, foreignKeys: ForeignKeys = .checked,
                            _ body: () throws -> TransactionCompletion) throws {
        if isInTransaction {
            let quoted = "\"completing\""
            try execute("SAVEPOINT \(quoted)")
            do {
                if try body() == .rollback { try execute("ROLLBACK TRANSACTION TO SAVEPOINT \(quoted)") }
                try execute("RELEASE SAVEPOINT \(quoted)")
            } catch {
                try? execute("ROLLBACK TRANSACTION TO SAVEPOINT \(quoted)")
                try? execute("RELEASE SAVEPOINT \(quoted)")
                throw error
            }
            return
        }
        if foreignKeys == .unchecked { try execute("PRAGMA foreign_keys = OFF") }
        defer { if foreignKeys == .unchecked { try? execute("PRAGMA foreign_keys = ON") } }
        try execute("BEGIN \(kind.rawValue) TRANSACTION")
        do {
            try execute(try body() == .commit ? "COMMIT TRANSACTION" : "ROLLBACK TRANSACTION")
        } catch {
            if isInTransaction { try? execute("ROLLBACK TRANSACTION") }
            throw error
        }
    }

    /// Runs `body` in a savepoint, which nests inside a transaction or another savepoint:
    /// released if it returns, rolled back to its start if it throws.
    @discardableResult
    public func inSavepoint<T>(_ name: String = "reeval", _ body: () throws -> T) throws -> T {
        let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        try execute("SAVEPOINT \(quoted)")
        do {
            let result = try body()
            try execute("RELEASE SAVEPOINT \(quoted)")
            return result
        } catch {
            try? execute("ROLLBACK TRANSACTION TO SAVEPOINT \(quoted)")
            try? execute("RELEASE SAVEPOINT \(quoted)")
            throw error
        }
    }
}
