import LeadData

/// The one list of the typed columns a `LeadRecord` is stored in: `accounts` use the shared
/// ones; `leads` and `lead_history` the shared ones and the lead's own. Insert, update,
/// hashing and reading all go through it, so adding a canonical field is one line here (and its
/// normaliser). Only `technologies` and `attributes` hold JSON.
///
/// ```swift
/// let insert = try db.prepare("INSERT INTO leads(\(LeadColumns.names(LeadColumns.lead))) VALUES (…)")
/// _ = try LeadColumns.bind(record, LeadColumns.lead, to: insert, from: 1)
/// let record = LeadColumns.read(LeadColumns.lead, from: statement, at: 0, crmID: "00Q…")
/// ```
public struct LeadColumn: Sendable {
    public let name: String
    /// The column's value for `record`, as bound and as hashed.
    let value: @Sendable (LeadRecord) -> DatabaseValue
    /// Sets the field from the column's stored value.
    let read: @Sendable (DatabaseValue, inout LeadRecord) -> Void

    /// The field the column stores, as ICP rules name it (`employees` for `employees_low` and
    /// `employees_high`, `account_id` for `account_crm_id`; `attributes` for every
    /// `attributes.<column>`).
    public var field: String {
        if name == "account_crm_id" { return CanonicalField.accountID.rawValue }
        for suffix in ["_low", "_high"] where name.hasSuffix(suffix) { return String(name.dropLast(suffix.count)) }
        return name
    }
}

public enum LeadColumns {
    private static let dates = DateParser(order: .yearMonthDay)

    private static func text(_ name: String, _ get: @escaping @Sendable (LeadRecord) -> String?,
                             _ set: @escaping @Sendable (inout LeadRecord, String?) -> Void) -> LeadColumn {
        LeadColumn(name: name, value: { get($0).map(DatabaseValue.text) ?? .null }, read: { set(&$1, $0.string) })
    }

    private static func date(_ name: String, _ get: @escaping @Sendable (LeadRecord) -> Timestamp?,
                             _ set: @escaping @Sendable (inout LeadRecord, Timestamp?) -> Void) -> LeadColumn {
        LeadColumn(name: name, value: { get($0).map { .text($0.iso) } ?? .null }, read: { set(&$1, $0.string.flatMap { dates.parse($0) }) })
    }

    /// A range's two bounds: `NAME_low` and `NAME_high` (NULL for an open-ended `10000+`).
    private static func range(_ name: String, integer: Bool, _ get: @escaping @Sendable (LeadRecord) -> NumberRange?,
                              _ set: @escaping @Sendable (inout LeadRecord, NumberRange?) -> Void) -> [LeadColumn] {
        @Sendable func stored(_ v: Double?) -> DatabaseValue {
            guard let v else { return .null }
            if integer, let whole = Int64(exactly: v.rounded()) { return .integer(whole) }
            return .real(v)
        }
        return [
            LeadColumn(name: name + "_low", value: { stored(get($0)?.low) }, read: { value, r in
                set(&r, value.double.map { NumberRange(low: $0, high: nil) })
            }),
            LeadColumn(name: name + "_high", value: { stored(get($0)?.high) }, read: { value, r in
                if var range = get(r) { range.high = value.double; set(&r, range) }
            }),
        ]
    }

    /// The columns `accounts` and `leads` share, in table order.
    public static let shared: [LeadColumn] = [
        text("company", { $0.company }, { $0.company = $1 }),
        text("domain", { $0.domain }, { $0.domain = $1 }),
        text("industry", { $0.industry }, { $0.industry = $1 }),
    ] + range("employees", integer: true, { $0.employees }, { $0.employees = $1 })
      + range("annual_revenue", integer: false, { $0.annualRevenue }, { $0.annualRevenue = $1 }) + [
        text("country", { $0.country }, { $0.country = $1 }),
        text("region", { $0.region }, { $0.region = $1 }),
        text("city", { $0.city }, { $0.city = $1 }),
        text("business_model", { $0.businessModel }, { $0.businessModel = $1 }),
        LeadColumn(name: "technologies", value: { r in
            guard let list = r.technologies, !list.isEmpty else { return .null }
            var out: [UInt8] = []
            JSONText.appendArray(list, to: &out)
            return .text(String(decoding: out, as: UTF8.self))
        }, read: { value, r in r.technologies = value.string.flatMap(JSONColumns.strings) }),
        text("funding_stage", { $0.fundingStage }, { $0.fundingStage = $1 }),
        date("last_funding_at", { $0.lastFundingAt }, { $0.lastFundingAt = $1 }),
        text("owner", { $0.owner }, { $0.owner = $1 }),
        date("created_at", { $0.createdAt }, { $0.createdAt = $1 }),
        date("last_activity_at", { $0.lastActivityAt }, { $0.lastActivityAt = $1 }),
        date("modified_at", { $0.modifiedAt }, { $0.modifiedAt = $1 }),
        LeadColumn(name: "attributes", value: { r in
            var out: [UInt8] = []
            JSONText.appendObject(r.attributes, to: &out)
            return .text(String(decoding: out, as: UTF8.self))
        }, read: { value, r in r.attributes = value.string.map(JSONColumns.object) ?? [:] }),
        LeadColumn(name: "unreadable", value: { r in
            var out: [UInt8] = []
            JSONText.appendObject(r.unreadable, to: &out)
            return .text(String(decoding: out, as: UTF8.self))
        }, read: { value, r in r.unreadable = value.string.map(JSONColumns.object) ?? [:] }),
    ]

    /// The columns only leads have.
    public static let leadOnly: [LeadColumn] = [
        text("account_crm_id", { $0.accountID }, { $0.accountID = $1 }),
        text("title", { $0.title }, { $0.title = $1 }),
        text("email", { $0.email }, { $0.email = $1 }),
        text("lead_source", { $0.leadSource }, { $0.leadSource = $1 }),
        text("status", { $0.status }, { $0.status = $1 }),
        LeadColumn(name: "lifecycle", value: { .text($0.lifecycle.rawValue) },
                   read: { value, r in r.lifecycle = value.string.flatMap(Lifecycle.init(rawValue:)) ?? .open }),
        text("lost_reason", { $0.lostReason }, { $0.lostReason = $1 }),
        date("closed_at", { $0.closedAt }, { $0.closedAt = $1 }),
        LeadColumn(name: "amount", value: { $0.amount.map(DatabaseValue.real) ?? .null }, read: { value, r in r.amount = value.double }),
    ]

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
        hash(values(record, columns))
    }

    /// The content hash of stored values: a 64-bit FNV-1a hash over each value's text, as 16 hex
    /// digits. Equal stored values, equal hashes. Stored hashes depend on these exact bytes: a
    /// change here would give every stored lead a new state at its next import.
    public static func hash(_ values: [DatabaseValue]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        for value in values {
            switch value {
            case .null: mix(0xFF)
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
