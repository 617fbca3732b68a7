/// One result row, copied out of SQLite so it stays valid after the statement moves on.
///
/// ```swift
/// for row in try db.rows("SELECT crm_id, employees_low FROM leads") {
///     let id: String? = row["crm_id"]
///     let employees: Int? = row["employees_low"]
/// }
/// ```
public struct Row: Sendable, Equatable {
    public let columns: [String]
    public let values: [DatabaseValue]

    public init(columns: [String], values: [DatabaseValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value of the first column with this name (`.null` if there is none).
    public func value(_ column: String) -> DatabaseValue {
        guard let index = columns.firstIndex(of: column) else { return .null }
        return values[index]
    }

    public subscript(index: Int) -> DatabaseValue { values[index] }

    public subscript(column: String) -> String? { value(column).string }
    public subscript(column: String) -> Int? { value(column).int }
    public subscript(column: String) -> Int64? { value(column).int64 }
    public subscript(column: String) -> Double? { value(column).double }
    public subscript(column: String) -> [UInt8]? {
        if case .blob(let bytes) = value(column) { return bytes }
        return nil
    }
}
