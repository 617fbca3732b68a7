import LeadData

/// The typed columns a `LeadRecord` is stored in, built from ``FieldDescriptor/all``:
/// `accounts` use the shared ones; `leads` and `lead_history` the shared ones and the lead's
/// own. Insert, update, hashing and reading all go through it. Only `technologies`,
/// `attributes` and `unreadable` hold JSON.
///
/// ```swift
/// let insert = try db.prepare("INSERT INTO leads(\(LeadColumns.names(LeadColumns.lead))) VALUES (…)")
/// _ = try LeadColumns.bind(record, LeadColumns.lead, to: insert, from: 1)
/// let record = LeadColumns.read(LeadColumns.lead, from: statement, at: 0, crmID: "00Q…")
/// ```
public struct LeadColumn: Sendable {
    public let name: String
    /// The field the column stores, as ICP rules name it (`employees` for `employees_low` and
    /// `employees_high`, `account_id` for `account_crm_id`; the column's own name for the
    /// record's `lifecycle`, `attributes` and `unreadable`).
    public let field: String
    /// Whether NULL mixes into the content hash (``FieldDescriptor/hashedWhenEmpty``).
    let hashedWhenNull: Bool
    /// The column's value for `record`, as bound and as hashed.
    let value: @Sendable (LeadRecord) -> DatabaseValue
    /// Sets the field from the column's stored value.
    let read: @Sendable (DatabaseValue, inout LeadRecord) -> Void

    init(name: String, field: String? = nil, hashedWhenNull: Bool = true,
         value: @escaping @Sendable (LeadRecord) -> DatabaseValue, read: @escaping @Sendable (DatabaseValue, inout LeadRecord) -> Void) {
        self.name = name
        self.field = field ?? name
        self.hashedWhenNull = hashedWhenNull
        self.value = value
        self.read = read
    }
}

public enum LeadColumns {
    private static let dates = DateParser(order: .yearMonthDay)

    /// The columns storing one field: one, or a range's two bounds (`NAME_low`, `NAME_high`;
    /// NULL for the open end of `10000+`).
    static func columns(_ d: FieldDescriptor) -> [LeadColumn] {
        let field = d.field.rawValue, hashed = d.hashedWhenEmpty
        func column(_ name: String, _ value: @escaping @Sendable (LeadRecord) -> DatabaseValue,
                    _ read: @escaping @Sendable (DatabaseValue, inout LeadRecord) -> Void) -> LeadColumn {
            LeadColumn(name: name, field: field, hashedWhenNull: hashed, value: value, read: read)
        }
        switch d.slot {
        case .key:
            return []
        case .text(let get, let set):
            return [column(d.column, { get($0).map(DatabaseValue.text) ?? .null }, { set(&$1, $0.string) })]
        case .date(let get, let set):
            return [column(d.column, { get($0).map { .text($0.iso) } ?? .null }, { set(&$1, $0.string.flatMap { dates.parse($0) }) })]
        case .number(let get, let set):
            return [column(d.column, { get($0).map(DatabaseValue.real) ?? .null }, { set(&$1, $0.double) })]
        case .list(let get, let set):
            return [column(d.column, { r in
                guard let list = get(r), !list.isEmpty else { return .null }
                var out: [UInt8] = []
                JSONText.appendArray(list, to: &out)
                return .text(String(decoding: out, as: UTF8.self))
            }, { value, r in set(&r, value.string.flatMap(JSONColumns.strings)) })]
        case .range(let get, let set, let integer):
            @Sendable func stored(_ v: Double?) -> DatabaseValue {
                guard let v else { return .null }
                if integer, let whole = Int64(exactly: v.rounded()) { return .integer(whole) }
                return .real(v)
            }
            return [
                column(d.column + "_low", { stored(get($0)?.low) }, { value, r in
                    set(&r, value.double.map { NumberRange(low: $0, high: nil) })
                }),
                column(d.column + "_high", { stored(get($0)?.high) }, { value, r in
                    if var range = get(r) { range.high = value.double; set(&r, range) }
                }),
            ]
        }
    }

    /// A JSON object column of the record's (`attributes`, `unreadable`).
    private static func object(_ name: String, _ get: @escaping @Sendable (LeadRecord) -> [String: String],
                               _ set: @escaping @Sendable (inout LeadRecord, [String: String]) -> Void) -> LeadColumn {
        LeadColumn(name: name, value: { r in
            var out: [UInt8] = []
            JSONText.appendObject(get(r), to: &out)
            return .text(String(decoding: out, as: UTF8.self))
        }, read: { value, r in set(&r, value.string.map(JSONColumns.object) ?? [:]) })
    }

    /// The columns `accounts` and `leads` share, in table order.
    public static let shared: [LeadColumn] = FieldDescriptor.all.filter { $0.tables == .accountsAndLeads }.flatMap(columns)
        + [object("attributes", { $0.attributes }, { $0.attributes = $1 }), object("unreadable", { $0.unreadable }, { $0.unreadable = $1 })]

    /// The columns only leads have. `lifecycle` is the record's own and stands after `status`,
    /// where migration 0007 put it: stored content hashes depend on this order.
    public static let leadOnly: [LeadColumn] = FieldDescriptor.all.filter { $0.tables == .leadsOnly }.flatMap { d in
        columns(d) + (d.field == .status ? [lifecycle] : [])
    }

    private static let lifecycle = LeadColumn(name: "lifecycle", value: { .text($0.lifecycle.rawValue) },
                                              read: { value, r in r.lifecycle = value.string.flatMap(Lifecycle.init(rawValue:)) ?? .open })

    public static let lead = shared + leadOnly

    /// The lead columns that store `fields` (as `LeadColumn.field` names them), in table order:
    /// what a run reads when only its ICP versions' fields decide its results.
    public static func lead(storing fields: Set<String>) -> [LeadColumn] {
        lead.filter { fields.contains($0.field) }
    }

    /// `company, domain, …`, optionally prefixed by a table alias.
    public static func names(_ columns: [LeadColumn], alias: String? = nil) -> String {
        columns.map { column in alias.map { "\($0).\(column.name)" } ?? column.name }.joined(separator: ", ")
    }

    /// `record`'s stored values in the columns' order: computed once per record (on the parsing
    /// thread during an import), then hashed and bound from the same array.
    public static func values(_ record: LeadRecord, _ columns: [LeadColumn]) -> [DatabaseValue] {
        columns.map { $0.value(record) }
    }

    /// Binds `record`'s columns from parameter `start` on; returns the next free parameter.
    @discardableResult
    public static func bind(_ record: LeadRecord, _ columns: [LeadColumn], to statement: Statement, from start: Int) throws -> Int {
        try bind(values(record, columns), to: statement, from: start)
    }

    /// Binds values from `values(_:_:)` from parameter `start` on; returns the next free parameter.
    @discardableResult
    public static func bind(_ values: [DatabaseValue], to statement: Statement, from start: Int) throws -> Int {
        var i = start
        for value in values {
            try statement.bind(value: value, at: i)
            i += 1
        }
        return i
    }

    /// A record from the current row's columns, starting at result column `start`.
    public static func read(_ columns: [LeadColumn], from statement: Statement, at start: Int, crmID: String) -> LeadRecord {
        var record = LeadRecord(crmID: crmID)
        for (offset, column) in columns.enumerated() { column.read(statement.column(start + offset), &record) }
        return record
    }

    /// A record from raw values in the columns' order.
    public static func read(_ columns: [LeadColumn], values: [DatabaseValue], crmID: String) -> LeadRecord {
        var record = LeadRecord(crmID: crmID)
        for (column, value) in zip(columns, values) { column.read(value, &record) }
        return record
    }

    /// A record from a row read by name.
    public static func read(_ columns: [LeadColumn], from row: Row, crmID: String) -> LeadRecord {
        var record = LeadRecord(crmID: crmID)
        for column in columns { column.read(row.value(column.name), &record) }
        return record
    }

    /// The content hash of `record`'s stored values (`hash(_:)` of its `values`).
    public static func hash(_ record: LeadRecord, _ columns: [LeadColumn]) -> String {
        hash(values(record, columns), columns)
    }

    /// The content hash of stored values (`values(_:_:)` of `columns`): a 64-bit FNV-1a hash
    /// over each value's text, as 16 hex digits. Equal stored values, equal hashes. Stored hashes
    /// depend on these exact bytes: a change here would give every stored lead a new state at
    /// its next import. So a NULL in a column added later mixes nothing.
    public static func hash(_ values: [DatabaseValue], _ columns: [LeadColumn]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        for (i, value) in values.enumerated() {
            switch value {
            case .null:
                guard i >= columns.count || columns[i].hashedWhenNull else { continue }
                mix(0xFF)
            case .integer(let v):
                // The decimal digits of `v`, as `String(v)` spells them, without building it.
                if v < 0 { mix(UInt8(ascii: "-")) }
                var magnitude = v.magnitude
                var divisor: UInt64 = 1
                while magnitude / divisor >= 10 { divisor *= 10 }
                while divisor > 0 {
                    mix(UInt8(ascii: "0") + UInt8(magnitude / divisor))
                    magnitude %= divisor
                    divisor /= 10
                }
            case .real(let v): for b in NumberRange.text(v).utf8 { mix(b) }
            case .text(var s): s.withUTF8 { for b in $0 { mix(b) } }
            case .blob(let b): for byte in b { mix(byte) }
            }
            mix(0x1F)
        }
        return Checksum.hex64(hash)
    }
}

/// Reads the two JSON columns back: `technologies` (an array of strings) and `attributes` (an
/// object of strings), as reeval writes them.
enum JSONColumns {
    static func strings(_ text: String) -> [String]? {
        var list: [String]?
        var reader = FlatJSONReader("{\"l\":" + text + "}")
        _ = reader.read { _, value in if case .strings(let l) = value { list = l } }
        return list
    }

    static func object(_ text: String) -> [String: String] {
        var map: [String: String] = [:]
        var reader = FlatJSONReader(text)
        _ = reader.read { key, value in if case .string(let s) = value { map[key] = s } }
        return map
    }
}
