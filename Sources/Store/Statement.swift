import LeadData
import ReevalSQLite

/// A prepared statement: compiled once, bound and stepped many times.
///
/// Parameters bind by index (1-based, as SQLite counts) or by name (`:name`, `@name`, `$name`).
/// The statement is finalized when the value is released, deterministically.
///
/// ```swift
/// let insert = try db.prepare("INSERT INTO runs(status, as_of) VALUES (:status, :asOf)")
/// try insert.execute([":status": "running", ":asOf": "2026-01-01T00:00:00Z"])
/// let count = try db.prepare("SELECT count(*) FROM runs").scalar()?.int
/// ```
public final class Statement {
    let handle: OpaquePointer
    unowned let database: Database
    /// The SQL text, for error messages.
    public let sql: String

    init(database: Database, sql: String) throws {
        var handle: OpaquePointer?
        var code: Int32 = SQLITE_OK
        var hasMore = false
        // The tail pointer points into the C string, which lives only inside this closure.
        sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            code = sqlite3_prepare_v3(database.handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, &tail)
            if let tail, tail.pointee != 0 {
                hasMore = !String(cString: tail).allSatisfy { $0.isWhitespace || $0 == ";" }
            }
        }
        guard code == SQLITE_OK, let handle else {
            throw database.error(code: code, sql: sql)
        }
        if hasMore {
            sqlite3_finalize(handle)
            throw DatabaseError(extendedCode: SQLITE_MISUSE, message: "prepare() takes one statement; use execute(script:) for several", sql: sql)
        }
        self.handle = handle
        self.database = database
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// The number of result columns.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The result column names, in order.
    public var columnNames: [String] {
        (0..<Int32(columnCount)).map { String(cString: sqlite3_column_name(handle, $0)) }
    }

    // MARK: - Binding

    /// Binds a value to the parameter at `index` (1-based).
    public func bind(_ value: DatabaseValueConvertible?, at index: Int) throws {
        try bind(value: value?.databaseValue ?? .null, at: index)
    }

    /// Binds a stored value to the parameter at `index` (1-based), with no boxing: the import binds
    /// some forty of them per row.
    public func bind(value: DatabaseValue, at index: Int) throws {
        let i = Int32(index)
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(handle, i)
        case .integer(let v): code = sqlite3_bind_int64(handle, i, v)
        case .real(let v): code = sqlite3_bind_double(handle, i, v)
        case .text(var v): code = v.withUTF8 { bindText($0, at: index) }
        case .blob(let v): code = bindBlob(v, at: index)
        }
        guard code == SQLITE_OK else { throw database.error(code: code, sql: sql) }
    }

    /// Binds a value to the named parameter (`:name`, `@name` or `$name`, written as in the SQL).
    public func bind(_ value: DatabaseValueConvertible?, named name: String) throws {
        let index = sqlite3_bind_parameter_index(handle, name)
        guard index > 0 else {
            throw DatabaseError(extendedCode: SQLITE_RANGE, message: "no parameter named \(name)", sql: sql)
        }
        try bind(value, at: Int(index))
    }

    /// Resets the statement and binds `values` by position.
    public func bind(_ values: [DatabaseValueConvertible?]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw DatabaseError(extendedCode: SQLITE_RANGE, message: "\(values.count) values for \(expected) parameters", sql: sql)
        }
        for (offset, value) in values.enumerated() { try bind(value, at: offset + 1) }
    }

    /// Resets the statement and binds `values` by name.
    public func bind(_ values: [String: DatabaseValueConvertible?]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (name, value) in values { try bind(value, named: name) }
    }

    // MARK: - Binding without boxing

    // The import binds about forty values per row; these skip the `DatabaseValueConvertible`
    // existential and the values array. Call `clearBindings()` first, then `run()`.

    /// Resets the statement and sets every parameter to NULL.
    public func clearBindings() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds text (NULL when nil) to the parameter at `index` (1-based).
    public func bind(text value: String?, at index: Int) throws {
        guard var value else { return }
        let code = value.withUTF8 { bindText($0, at: index) }
        guard code == SQLITE_OK else { throw database.error(code: code, sql: sql) }
    }

    /// Binds UTF-8 bytes as text to the parameter at `index` (1-based).
    public func bind(utf8 value: [UInt8], at index: Int) throws {
        let code = value.withUnsafeBufferPointer { bindText($0, at: index) }
        guard code == SQLITE_OK else { throw database.error(code: code, sql: sql) }
    }

    /// Binds bytes as a blob to the parameter at `index` (1-based); an empty array binds an
    /// empty blob, not NULL.
    public func bind(blob value: [UInt8], at index: Int) throws {
        let code = bindBlob(value, at: index)
        guard code == SQLITE_OK else { throw database.error(code: code, sql: sql) }
    }

    /// SQLite copies the bytes; an empty array may have no address, and a NULL address would bind NULL.
    private func bindBlob(_ value: [UInt8], at index: Int) -> Int32 {
        guard !value.isEmpty else { return sqlite3_bind_zeroblob(handle, Int32(index), 0) }
        return value.withUnsafeBytes {
            sqlite3_bind_blob(handle, Int32(index), $0.baseAddress, Int32($0.count), reeval_sqlite_transient())
        }
    }

    /// SQLite copies the bytes (`SQLITE_TRANSIENT`); an empty buffer may have no address.
    private func bindText(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_text(handle, Int32(index), "", 0, nil) }
        return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            sqlite3_bind_text(handle, Int32(index), $0, Int32(bytes.count), reeval_sqlite_transient())
        }
    }

    /// Binds an integer (NULL when nil) to the parameter at `index` (1-based).
    public func bind(int64 value: Int64?, at index: Int) throws {
        guard let value else { return }
        let code = sqlite3_bind_int64(handle, Int32(index), value)
        guard code == SQLITE_OK else { throw database.error(code: code, sql: sql) }
    }

    /// Runs the statement with its current bindings to completion, then resets it.
    public func run() throws {
        while try step() {}
        sqlite3_reset(handle)
    }

    // MARK: - Stepping

    /// Advances to the next row; false when there is none.
    @discardableResult
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            sqlite3_reset(handle)
            throw database.error(code: code, sql: sql)
        }
    }

    /// Rewinds the statement so it can run again; bindings stay.
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Runs the statement to completion with the given positional values.
    public func execute(_ values: [DatabaseValueConvertible?] = []) throws {
        try bind(values)
        try run()
    }

    /// Runs the statement to completion with the given named values.
    public func execute(_ values: [String: DatabaseValueConvertible?]) throws {
        try bind(values)
        try run()
    }

    /// Every row the statement returns with the given values.
    public func rows(_ values: [DatabaseValueConvertible?] = []) throws -> [Row] {
        var rows: [Row] = []
        try forEachRow(values) { rows.append($0) }
        return rows
    }

    /// Calls `body` for each row without collecting them: memory stays flat on big results.
    public func forEachRow(_ values: [DatabaseValueConvertible?] = [], _ body: (Row) throws -> Void) throws {
        try bind(values)
        defer { sqlite3_reset(handle) }
        // The names are read once, after the first step: a statement compiled before the schema
        // changed (a table recreated with other columns) is recompiled by that step.
        var names: [String]?
        while try step() {
            let columns = names ?? columnNames
            names = columns
            try body(Row(columns: columns, values: (0..<columns.count).map(column)))
        }
    }

    /// The first column of the first row, or nil when there is no row.
    public func scalar(_ values: [DatabaseValueConvertible?] = []) throws -> DatabaseValue? {
        try bind(values)
        defer { sqlite3_reset(handle) }
        return try step() ? column(0) : nil
    }

    // MARK: - Reading columns

    /// The value of column `index` (0-based) of the current row.
    public func column(_ index: Int) -> DatabaseValue {
        let i = Int32(index)
        switch sqlite3_column_type(handle, i) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, i))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, i))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, i) else { return .null }
            let count = Int(sqlite3_column_bytes(handle, i))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, i))
            guard count > 0, let bytes = sqlite3_column_blob(handle, i) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }

    /// The date column `index` (0-based) of the current row holds as stored text, read in place
    /// (`DateParser.stored`); nil for NULL, a number or text that is not a date.
    public func timestamp(at index: Int) -> Timestamp? {
        let i = Int32(index)
        guard sqlite3_column_type(handle, i) == SQLITE_TEXT, let text = sqlite3_column_text(handle, i) else { return nil }
        return DateParser.stored(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, i))))
    }

    /// Whether column `index` (0-based) of the current row holds `value`, with its type, compared
    /// in place: a run compares every candidate's result with its stored row without copying it.
    public func column(_ index: Int, equals value: DatabaseValue) -> Bool {
        let i = Int32(index)
        let type = sqlite3_column_type(handle, i)
        switch value {
        case .null: return type == SQLITE_NULL
        case .integer(let v): return type == SQLITE_INTEGER && sqlite3_column_int64(handle, i) == v
        case .real(let v): return type == SQLITE_FLOAT && sqlite3_column_double(handle, i) == v
        case .text(var v):
            guard type == SQLITE_TEXT, let text = sqlite3_column_text(handle, i) else { return false }
            let count = Int(sqlite3_column_bytes(handle, i))
            return v.withUTF8 { $0.count == count && $0.elementsEqual(UnsafeBufferPointer(start: text, count: count)) }
        case .blob: return column(index) == value
        }
    }

    /// The bytes of column `index` (0-based) of the current row, as stored: text as UTF-8,
    /// without the validation a `String` needs; empty for NULL. For large JSON read in bulk.
    public func bytes(at index: Int) -> [UInt8] {
        let i = Int32(index)
        // `sqlite3_column_blob` before `_bytes`, as SQLite asks: the length is of the form returned.
        guard let start = sqlite3_column_blob(handle, i) else { return [] }
        return Array(UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, i))))
    }


}

@available(*, unavailable)
extension Statement: Sendable {}
