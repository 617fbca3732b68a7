import LeadData
import ReevalSQLite

/// An error SQLite reported, with its extended result code, its message and the SQL that failed.
///
/// ```swift
/// do {
///     try db.execute("INSERT INTO leads(crm_id) VALUES (NULL)")
/// } catch let error as DatabaseError {
///     print(error) // SQLite error 1299: NOT NULL constraint failed: leads.crm_id - while executing `INSERT …`
/// }
/// ```
public struct DatabaseError: UserFacingError, Equatable {
    /// The extended result code (`SQLITE_CONSTRAINT_NOTNULL` is 1299).
    public let extendedCode: Int32
    /// SQLite's own explanation (`sqlite3_errmsg`).
    public let sqliteMessage: String
    /// The statement that failed, if any.
    public let sql: String?
    /// The database file, when the failure is about the file itself.
    public let path: String?

    public init(extendedCode: Int32, message: String, sql: String? = nil, path: String? = nil) {
        self.extendedCode = extendedCode
        self.sqliteMessage = message
        self.sql = sql
        self.path = path
    }

    /// The primary result code (the low byte of the extended code).
    public var primaryCode: Int32 { extendedCode & 0xFF }

    /// A UNIQUE constraint refused the row: the caller may look the existing row up instead.
    public var isUniqueViolation: Bool { extendedCode == SQLITE_CONSTRAINT | (8 << 8) }  // SQLITE_CONSTRAINT_UNIQUE, a macro Swift cannot import

    public var kind: FailureKind {
        switch primaryCode {
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy
        case SQLITE_FULL, SQLITE_IOERR: return .io
        case SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM: return .cannotCreate
        case SQLITE_CORRUPT, SQLITE_NOTADB: return .badData
        default: return .bug
        }
    }

    public var message: String {
        var text: String
        switch primaryCode {
        case SQLITE_BUSY, SQLITE_LOCKED:
            text = "the database\(path.map { " \($0)" } ?? "") is locked by another process; try again later"
        case SQLITE_FULL:
            text = "the disk is full\(path.map { " (database \($0))" } ?? ""); free some space and run again"
        case SQLITE_CANTOPEN:
            text = "cannot open the database\(path.map { " \($0)" } ?? ""); check that its folder exists and is writable"
        case SQLITE_READONLY, SQLITE_PERM:
            text = "the database\(path.map { " \($0)" } ?? "") cannot be written: it, or the folder it is in, is read-only for this user; "
                + "reeval writes the file and its -wal and -shm files beside it, so check their permissions or pass another --db"
            return text
        case SQLITE_NOTADB:
            text = "\(path ?? "the file") is not a SQLite database; pass another --db"
        default:
            text = "SQLite error \(extendedCode): \(sqliteMessage)"
        }
        if let sql {
            text += " - while executing `\(sql.split(whereSeparator: \.isNewline).map { $0.trimmingSpaces }.joined(separator: " "))`"
        }
        return text
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
