import ReevalSQLite

/// Some columns of a row as SQLite returned them, copied into one buffer.
///
/// A run reads every candidate's states on the thread that holds the connection and judges them
/// on the others. Copying a state's columns as bytes is one allocation on the reading thread;
/// the strings and values are made from them on the judging thread that decodes the state, so
/// the reading thread, which every candidate passes through, does the least.
///
/// ```swift
/// let state = StoredValues(from: statement, at: 10, count: columns.count)   // while on the row
/// let values = state.values                                                 // anywhere, later
/// ```
public struct StoredValues: Sendable {
    /// Per column: a type byte, then 8 bytes of an integer or a real, or a 4-byte length and the
    /// bytes of a text or a blob; nothing for NULL.
    private let bytes: [UInt8]
    public let count: Int

    private enum Tag: UInt8 { case null, integer, real, text, blob }

    /// Columns `start..<start + count` (0-based) of `statement`'s current row.
    public init(from statement: Statement, at start: Int, count: Int) {
        let handle = statement.handle
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 * count)
        func append<T>(_ value: T) { withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) } }
        for index in start..<(start + count) {
            let i = Int32(index)
            switch sqlite3_column_type(handle, i) {
            case SQLITE_INTEGER:
                bytes.append(Tag.integer.rawValue)
                append(sqlite3_column_int64(handle, i))
            case SQLITE_FLOAT:
                bytes.append(Tag.real.rawValue)
                append(sqlite3_column_double(handle, i))
            case SQLITE_TEXT:
                // `_text` before `_bytes`, as SQLite asks: the length is of the form returned.
                guard let text = sqlite3_column_text(handle, i) else { bytes.append(Tag.null.rawValue); continue }
                let length = Int(sqlite3_column_bytes(handle, i))
                bytes.append(Tag.text.rawValue)
                append(UInt32(truncatingIfNeeded: length))
                bytes.append(contentsOf: UnsafeBufferPointer(start: text, count: length))
            case SQLITE_BLOB:
                let blob = sqlite3_column_blob(handle, i)
                let length = Int(sqlite3_column_bytes(handle, i))
                bytes.append(Tag.blob.rawValue)
                append(UInt32(truncatingIfNeeded: length))
                if let blob, length > 0 { bytes.append(contentsOf: UnsafeRawBufferPointer(start: blob, count: length)) }
            default:
                bytes.append(Tag.null.rawValue)
            }
        }
        self.bytes = bytes
        self.count = count
    }

    /// The values, in column order, exactly as `Statement.column` reads them.
    public var values: [DatabaseValue] {
        var values: [DatabaseValue] = []
        values.reserveCapacity(count)
        bytes.withUnsafeBytes { raw in
            var at = 0
            func length() -> Int {
                defer { at += 4 }
                return Int(raw.loadUnaligned(fromByteOffset: at, as: UInt32.self))
            }
            while at < raw.count, values.count < count {
                let tag = Tag(rawValue: raw[at]) ?? .null
                at += 1
                switch tag {
                case .null:
                    values.append(.null)
                case .integer:
                    values.append(.integer(raw.loadUnaligned(fromByteOffset: at, as: Int64.self)))
                    at += 8
                case .real:
                    values.append(.real(raw.loadUnaligned(fromByteOffset: at, as: Double.self)))
                    at += 8
                case .text:
                    let n = length()
                    values.append(.text(String(decoding: UnsafeRawBufferPointer(rebasing: raw[at..<(at + n)]), as: UTF8.self)))
                    at += n
                case .blob:
                    let n = length()
                    values.append(.blob(Array(raw[at..<(at + n)])))
                    at += n
                }
            }
        }
        return values
    }
}
