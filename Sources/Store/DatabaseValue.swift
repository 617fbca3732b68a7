import Foundation

/// A value SQLite stores: one of its five storage classes.
///
/// ```swift
/// try db.execute("INSERT INTO t(a) VALUES (?)", [.text("Acme")])
/// ```
public enum DatabaseValue: Equatable, Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var int64: Int64? {
        switch self {
        case .integer(let v): return v
        case .real(let v): return Int64(exactly: v)
        default: return nil
        }
    }

    public var int: Int? { int64.map { Int($0) } }

    public var double: Double? {
        switch self {
        case .integer(let v): return Double(v)
        case .real(let v): return v
        default: return nil
        }
    }

    /// The value as the `sqlite3` shell prints it in list mode (NULL as nothing, a whole real as
    /// `30.0`): tests compare query results with fixtures the shell wrote, with no shell on the PATH.
    public var shellText: String {
        switch self {
        case .null: return ""
        case .integer(let v): return String(v)
        case .real(let v): return v == v.rounded() && abs(v) < 1e15 ? String(format: "%.1f", v) : String(format: "%.15g", v)
        case .text(let v): return v
        case .blob(let v): return String(decoding: v, as: UTF8.self)
        }
    }

    public var string: String? {
        switch self {
        case .text(let v): return v
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        default: return nil
        }
    }
}

/// A Swift value that can be bound to a statement parameter.
public protocol DatabaseValueConvertible: Sendable {
    var databaseValue: DatabaseValue { get }
}

extension DatabaseValue: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { self }
}
extension String: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .text(self) }
}
extension Int: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .integer(Int64(self)) }
}
extension Int64: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .integer(self) }
}
extension Double: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .real(self) }
}
extension Bool: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .integer(self ? 1 : 0) }
}
extension Array: DatabaseValueConvertible where Element == UInt8 {
    public var databaseValue: DatabaseValue { .blob(self) }
}
extension Optional: DatabaseValueConvertible where Wrapped: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { self?.databaseValue ?? .null }
}
