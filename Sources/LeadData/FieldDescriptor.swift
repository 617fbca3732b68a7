/// Everything reeval knows about one canonical field, in one line of ``FieldDescriptor/all``:
/// where the value lives in a `LeadRecord`, how an export's text is read into it, which table
/// columns store it and whether a lead takes it from its account. The record's `value(of:)` and
/// `filled(from:)`, the field's `kind`, the stored columns (`LeadColumns`), the account bits of
/// `from_account` and the importer's normalising all read this table, so adding a field is one
/// line here, its enum case, its preset headers and a migration adding its columns.
public struct FieldDescriptor: Sendable {
    /// Where the value lives in a `LeadRecord`, typed.
    public enum Slot: Sendable {
        /// `crm_id`: the row's key, stored outside the typed columns.
        case key
        case text(WritableKeyPath<LeadRecord, String?> & Sendable)
        /// A range kept as its low and high bound (`employees_low`, `employees_high`).
        case range(WritableKeyPath<LeadRecord, NumberRange?> & Sendable, integer: Bool)
        /// One number (a deal's amount: a range keeps its low bound).
        case number(WritableKeyPath<LeadRecord, Double?> & Sendable)
        case date(WritableKeyPath<LeadRecord, Timestamp?> & Sendable)
        case list(WritableKeyPath<LeadRecord, [String]?> & Sendable)
    }

    /// How an export's text becomes the value (DESIGN.md, "Normalisation").
    public enum Normaliser: Sendable {
        /// The trimmed text as exported.
        case text
        /// The text, HubSpot's internal enum values as labels (`COMPUTER_SOFTWARE` → `Computer Software`).
        case label
        /// A host name from a URL or an address (`https://www.acme.com/x` → `acme.com`).
        case domain
        /// An ISO 3166 alpha-2 code from a code or a name.
        case country
        /// A head count or band (`250`, `51-200`, `10,000+`).
        case employees
        /// Money or a range of it (`$1,500,000`, `1.5M`, `€2M`).
        case money
        /// A date in the column's decided order.
        case date
        /// A list in the preset's separator (`Salesforce; HubSpot`).
        case list
        /// A CRM id (Salesforce ids in their 18-character form).
        case id
        /// The first of a list of ids: HubSpot deals list several companies, the primary first.
        case primaryID
    }

    /// Which tables store the field: both `accounts` and `leads` (a company's facts), or only
    /// `leads` and `lead_history`.
    public enum Tables: Sendable {
        case key, accountsAndLeads, leadsOnly
    }

    public let field: CanonicalField
    public let slot: Slot
    public let normaliser: Normaliser
    public let tables: Tables
    /// Whether a lead lacking the value takes its account's (`filled(from:)`).
    public let fromAccount: Bool
    /// The stored column's name (a range's is the prefix of its `_low` and `_high`).
    public let column: String
    /// Whether an empty value still mixes into a state's content hash. False for fields added
    /// after states were stored: their hashes stay valid, so an import of unchanged rows adds no
    /// state.
    public let hashedWhenEmpty: Bool

    init(_ field: CanonicalField, _ slot: Slot, _ normaliser: Normaliser, _ tables: Tables,
         fromAccount: Bool = false, column: String? = nil, hashedWhenEmpty: Bool = true) {
        self.field = field
        self.slot = slot
        self.normaliser = normaliser
        self.tables = tables
        self.fromAccount = fromAccount
        self.column = column ?? field.rawValue
        self.hashedWhenEmpty = hashedWhenEmpty
    }

    /// Every canonical field, in the order of the stored columns (stored content hashes depend on
    /// it: a new field goes last among its tables' fields, with `hashedWhenEmpty: false`).
    public static let all: [FieldDescriptor] = [
        .init(.crmID, .key, .id, .key),
        .init(.company, .text(\.company), .text, .accountsAndLeads, fromAccount: true),
        .init(.domain, .text(\.domain), .domain, .accountsAndLeads, fromAccount: true),
        .init(.industry, .text(\.industry), .label, .accountsAndLeads, fromAccount: true),
        .init(.employees, .range(\.employees, integer: true), .employees, .accountsAndLeads, fromAccount: true),
        .init(.annualRevenue, .range(\.annualRevenue, integer: false), .money, .accountsAndLeads, fromAccount: true),
        .init(.country, .text(\.country), .country, .accountsAndLeads, fromAccount: true),
        .init(.region, .text(\.region), .text, .accountsAndLeads, fromAccount: true),
        .init(.city, .text(\.city), .text, .accountsAndLeads, fromAccount: true),
        .init(.businessModel, .text(\.businessModel), .label, .accountsAndLeads, fromAccount: true),
        .init(.technologies, .list(\.technologies), .list, .accountsAndLeads, fromAccount: true),
        .init(.fundingStage, .text(\.fundingStage), .label, .accountsAndLeads, fromAccount: true),
        .init(.lastFundingAt, .date(\.lastFundingAt), .date, .accountsAndLeads, fromAccount: true),
        .init(.owner, .text(\.owner), .id, .accountsAndLeads),
        .init(.createdAt, .date(\.createdAt), .date, .accountsAndLeads),
        .init(.lastActivityAt, .date(\.lastActivityAt), .date, .accountsAndLeads),
        .init(.modifiedAt, .date(\.modifiedAt), .date, .accountsAndLeads),
        .init(.industryCode, .text(\.industryCode), .text, .accountsAndLeads, fromAccount: true, hashedWhenEmpty: false),
        .init(.accountID, .text(\.accountID), .primaryID, .leadsOnly, column: "account_crm_id"),
        .init(.title, .text(\.title), .text, .leadsOnly),
        .init(.email, .text(\.email), .text, .leadsOnly),
        .init(.leadSource, .text(\.leadSource), .label, .leadsOnly),
        .init(.status, .text(\.status), .text, .leadsOnly),
        .init(.lostReason, .text(\.lostReason), .text, .leadsOnly),
        .init(.closedAt, .date(\.closedAt), .date, .leadsOnly),
        .init(.amount, .number(\.amount), .money, .leadsOnly),
    ]

    /// The fields a lead takes from its account, in the order of the bits of `from_account`.
    public static let fromAccount = all.filter(\.fromAccount)

    private static let byField = Dictionary(uniqueKeysWithValues: all.map { ($0.field, $0) })

    /// The descriptor of `field`.
    public static func of(_ field: CanonicalField) -> FieldDescriptor {
        byField[field]!  // `all` holds every case: FieldDescriptorTests checks it.
    }

    /// What kind of value the field holds, which decides which ICP operators fit.
    public var kind: CanonicalField.Kind {
        switch slot {
        case .key, .text: return normaliser == .country ? .country : .text
        case .range, .number: return .number
        case .date: return .date
        case .list: return .list
        }
    }

    /// The field's value in `record`, as the scorer compares it.
    public func value(in record: LeadRecord) -> FieldValue {
        switch slot {
        case .key: return .text(record.crmID)
        case .text(let path): return FieldValue(record[keyPath: path])
        case .range(let path, _): return record[keyPath: path].map(FieldValue.number) ?? .missing
        case .number(let path): return record[keyPath: path].map { .number(NumberRange($0)) } ?? .missing
        case .date(let path): return record[keyPath: path].map(FieldValue.date) ?? .missing
        case .list(let path): return record[keyPath: path].map { $0.isEmpty ? .missing : .list($0) } ?? .missing
        }
    }

    /// Whether `record` holds a value (an empty list counts as one, as stored).
    public func isSet(in record: LeadRecord) -> Bool {
        switch slot {
        case .key: return true
        case .text(let path): return record[keyPath: path] != nil
        case .range(let path, _): return record[keyPath: path] != nil
        case .number(let path): return record[keyPath: path] != nil
        case .date(let path): return record[keyPath: path] != nil
        case .list(let path): return record[keyPath: path] != nil
        }
    }

    /// Empties the field in `record` (the key stays).
    public func clear(in record: inout LeadRecord) {
        switch slot {
        case .key: break
        case .text(let path): record[keyPath: path] = nil
        case .range(let path, _): record[keyPath: path] = nil
        case .number(let path): record[keyPath: path] = nil
        case .date(let path): record[keyPath: path] = nil
        case .list(let path): record[keyPath: path] = nil
        }
    }

    /// Copies the field from `source` into `record`.
    public func copy(from source: LeadRecord, to record: inout LeadRecord) {
        switch slot {
        case .key: record.crmID = source.crmID
        case .text(let path): record[keyPath: path] = source[keyPath: path]
        case .range(let path, _): record[keyPath: path] = source[keyPath: path]
        case .number(let path): record[keyPath: path] = source[keyPath: path]
        case .date(let path): record[keyPath: path] = source[keyPath: path]
        case .list(let path): record[keyPath: path] = source[keyPath: path]
        }
    }
}

extension CanonicalField {
    /// The field's line in ``FieldDescriptor/all``.
    public var descriptor: FieldDescriptor { FieldDescriptor.of(self) }

    /// What kind of value the field holds, which decides how it is read and which ICP operators fit.
    public var kind: Kind { descriptor.kind }
}
