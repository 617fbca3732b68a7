#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LeadData
import ReevalSQLite

/// A connection to one SQLite database file; the only type that holds a `sqlite3*`.
///
/// A connection has one owner and is not `Sendable`: work on other threads hands it plain
/// values. Opening applies reeval's defaults: WAL journal, foreign keys on, a busy timeout,
/// extended result codes, and a new file readable by its owner only (mode 0600).
///
/// ```swift
/// let db = try Database(path: "reeval.sqlite")
/// try db.inTransaction(.immediate) {
///     try db.execute("INSERT INTO runs(status, as_of, icp_version, dormant_after, started_at) VALUES (?, ?, ?, ?, ?)",
///                    ["running", "2026-01-01", "2025-q3", 90, "2026-01-01"])
/// }
/// ```
public final class Database {
    /// How to open the file.
    public struct OpenMode: Sendable, Equatable {
        let flags: Int32
        /// Read and write; create the file if it does not exist.
        public static let readWriteCreate = OpenMode(flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        /// Read and write an existing file.
        public static let readWrite = OpenMode(flags: SQLITE_OPEN_READWRITE)
        /// Read only.
        public static let readOnly = OpenMode(flags: SQLITE_OPEN_READONLY)
    }

    /// The oldest SQLite reeval's schema works with (generated columns, RETURNING, json_each).
    public static let minimumSQLiteVersion: Int32 = 3_035_000

    let handle: OpaquePointer
    /// Statements compiled once and kept by their SQL (`cachedStatement`).
    private var statementCache: [String: Statement] = [:]
    /// The database file's path (`:memory:` for an in-memory database).
    public let path: String

    /// Opens (and with `.readWriteCreate`, creates) the database at `path`.
    public init(path: String, mode: OpenMode = .readWriteCreate, busyTimeoutMilliseconds: Int32 = 5_000) throws {
        guard sqlite3_libversion_number() >= Database.minimumSQLiteVersion else {
            throw Failure(.bug, "the system SQLite is \(String(cString: sqlite3_libversion())); reeval needs 3.35 or later (install a newer libsqlite3)")
        }
        if mode == .readWriteCreate, path != ":memory:" {
            try Database.createOwnerOnlyFile(at: path)
        }
        var handle: OpaquePointer?
        Self.configureOnce
        let code = sqlite3_open_v2(path, &handle, mode.flags | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw DatabaseError(extendedCode: code, message: message, path: path)
        }
        self.handle = handle
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        _ = reeval_sqlite_enable_defensive(handle)
        do {
            // A file that is not a database fails here, on the first read.
            try execute("PRAGMA foreign_keys = ON")
            if mode != .readOnly, path != ":memory:" {
                _ = try rows("PRAGMA journal_mode = WAL")
                try execute("PRAGMA synchronous = NORMAL")
            }
        } catch let error as DatabaseError {
            sqlite3_close_v2(handle)
            throw DatabaseError(extendedCode: error.extendedCode, message: error.sqliteMessage, path: path)
        }
    }

    deinit {
        // Statements are finalized before the connection closes.
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Process-wide SQLite settings, applied before the first connection opens.
    private static let configureOnce: Void = {
        _ = reeval_sqlite_disable_memory_statistics()
    }()

    /// Creates an empty file with mode 0600 if none exists, so CRM data is never world-readable.
    private static func createOwnerOnlyFile(at path: String) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        if fd >= 0 {
            close(fd)
            return
        }
        let code = errno
        if code == EEXIST { return }
        let reason = String(cString: strerror(code))
        throw Failure(.cannotCreate, "cannot create the database \(path): \(reason); check that the folder exists and is writable, or pass another --db")
    }

    // MARK: - Executing SQL

    /// Compiles one statement.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// The statement for `sql`, compiled on first use and kept for the connection's life, as
    /// GRDB's `cachedStatement`: a writer built once per file, or a query run once per record,
    /// compiles its SQL once per import. It comes back reset, its bindings cleared. Each use must
    /// run it to completion before the next, so a statement stepped across calls (a stream read
    /// row by row while others run) is prepared on its own with `prepare`.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            statement.clearBindings()
            return statement
        }
        let statement = try prepare(sql)
        statementCache[sql] = statement
        return statement
    }

    /// Runs one statement with positional values.
    public func execute(_ sql: String, _ values: [DatabaseValueConvertible?] = []) throws {
        try cachedStatement(sql).execute(values)
    }

    /// Runs one statement with named values.
    public func execute(_ sql: String, _ values: [String: DatabaseValueConvertible?]) throws {
        try cachedStatement(sql).execute(values)
    }

    /// Runs a script of several statements (a migration file); no values can be bound.
    public func execute(script sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if code != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errorMessage)
            throw DatabaseError(extendedCode: sqlite3_extended_errcode(handle), message: message, sql: sql.count > 200 ? String(sql.prefix(200)) + "…" : sql)
        }
    }

    /// Every row of a query.
    public func rows(_ sql: String, _ values: [DatabaseValueConvertible?] = []) throws -> [Row] {
        try cachedStatement(sql).rows(values)
    }

    /// The first column of the first row of a query.
    public func scalar(_ sql: String, _ values: [DatabaseValueConvertible?] = []) throws -> DatabaseValue? {
        try cachedStatement(sql).scalar(values)
    }

    /// The rowid of the last inserted row.
    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Whether a transaction is open.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Sets how long a statement waits for another connection's lock before failing with "busy".
    public func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    func error(code: Int32, sql: String?) -> DatabaseError {
        let extended = sqlite3_extended_errcode(handle)
        return DatabaseError(
            extendedCode: extended != 0 ? extended : code,
            message: String(cString: sqlite3_errmsg(handle)),
            sql: sql,
            path: [SQLITE_BUSY, SQLITE_FULL, SQLITE_READONLY, SQLITE_PERM].contains(code & 0xFF) ? path : nil
        )
    }
}

@available(*, unavailable)
extension Database: Sendable {}
