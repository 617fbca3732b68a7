/// Everything reeval knows about one canonical field, in one line of ``FieldDescriptor/all``:
/// where the value lives in a `LeadRecord`, how an export's text is read into it, which table
/// columns store it and whether a lead takes it from its account. The record's `value(of:)` and
/// `filled(from:)`, the field's `kind`, the stored columns (`LeadColumns`), the account bits of
/// `from_account` and the importer's normalising all read this table, so adding a field is one
/// line here, its enum case, its preset headers and a migration adding its columns.
public struct FieldDescriptor: Sendable {
    /// Where the value lives in a `LeadRecord`, typed: a getter and a setter of one property.
    /// Closures of concrete types, not key paths or a generic accessor: decoding a night's states
    /// sets some 20 million values, and a key path write cost 40% more CPU in `reeval run`
    /// (measured A/B on 300,000 candidates), a generic accessor 5% more instructions in its
    /// reabstraction thunks.
    public enum Slot: Sendable {
        /// `crm_id`: the row's key, stored outside the typed columns.
        case key
        case text(@Sendable (LeadRecord) -> String?, @Sendable (inout LeadRecord, String?) -> Void)
        /// A range kept as its low and high bound (`employees_low`, `employees_high`).
        case range(@Sendable (LeadRecord) -> NumberRange?, @Sendable (inout LeadRecord, NumberRange?) -> Void, integer: Bool)
        /// One number (a deal's amount: a range keeps its low bound).
        case number(@Sendable (LeadRecord) -> Double?, @Sendable (inout LeadRecord, Double?) -> Void)
        case date(@Sendable (LeadRecord) -> Timestamp?, @Sendable (inout LeadRecord, Timestamp?) -> Void)
        case list(@Sendable (LeadRecord) -> [String]?, @Sendable (inout LeadRecord, [String]?) -> Void)
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
        reader = Self.reader(slot)
    }

    /// Every canonical field, in the order of the stored columns (stored content hashes depend on
    /// it: a new field goes last among its tables' fields, with `hashedWhenEmpty: false`).
    public static let all: [FieldDescriptor] = [
        .init(.crmID, .key, .id, .key),
        .init(.company, .text({ $0.company }, { $0.company = $1 }), .text, .accountsAndLeads, fromAccount: true),
        .init(.domain, .text({ $0.domain }, { $0.domain = $1 }), .domain, .accountsAndLeads, fromAccount: true),
        .init(.industry, .text({ $0.industry }, { $0.industry = $1 }), .label, .accountsAndLeads, fromAccount: true),
        .init(.employees, .range({ $0.employees }, { $0.employees = $1 }, integer: true), .employees, .accountsAndLeads, fromAccount: true),
        .init(.annualRevenue, .range({ $0.annualRevenue }, { $0.annualRevenue = $1 }, integer: false), .money, .accountsAndLeads, fromAccount: true),
        .init(.country, .text({ $0.country }, { $0.country = $1 }), .country, .accountsAndLeads, fromAccount: true),
        .init(.region, .text({ $0.region }, { $0.region = $1 }), .text, .accountsAndLeads, fromAccount: true),
        .init(.city, .text({ $0.city }, { $0.city = $1 }), .text, .accountsAndLeads, fromAccount: true),
        .init(.businessModel, .text({ $0.businessModel }, { $0.businessModel = $1 }), .label, .accountsAndLeads, fromAccount: true),
        .init(.technologies, .list({ $0.technologies }, { $0.technologies = $1 }), .list, .accountsAndLeads, fromAccount: true),
        .init(.fundingStage, .text({ $0.fundingStage }, { $0.fundingStage = $1 }), .label, .accountsAndLeads, fromAccount: true),
        .init(.lastFundingAt, .date({ $0.lastFundingAt }, { $0.lastFundingAt = $1 }), .date, .accountsAndLeads, fromAccount: true),
        .init(.owner, .text({ $0.owner }, { $0.owner = $1 }), .id, .accountsAndLeads),
        .init(.createdAt, .date({ $0.createdAt }, { $0.createdAt = $1 }), .date, .accountsAndLeads),
        .init(.lastActivityAt, .date({ $0.lastActivityAt }, { $0.lastActivityAt = $1 }), .date, .accountsAndLeads),
        .init(.modifiedAt, .date({ $0.modifiedAt }, { $0.modifiedAt = $1 }), .date, .accountsAndLeads),
        .init(.industryCode, .text({ $0.industryCode }, { $0.industryCode = $1 }), .text, .accountsAndLeads, fromAccount: true, hashedWhenEmpty: false),
        .init(.accountID, .text({ $0.accountID }, { $0.accountID = $1 }), .primaryID, .leadsOnly, column: "account_crm_id"),
        .init(.title, .text({ $0.title }, { $0.title = $1 }), .text, .leadsOnly),
        .init(.email, .text({ $0.email }, { $0.email = $1 }), .text, .leadsOnly),
        .init(.leadSource, .text({ $0.leadSource }, { $0.leadSource = $1 }), .label, .leadsOnly),
        .init(.status, .text({ $0.status }, { $0.status = $1 }), .text, .leadsOnly),
        .init(.lostReason, .text({ $0.lostReason }, { $0.lostReason = $1 }), .text, .leadsOnly),
        .init(.closedAt, .date({ $0.closedAt }, { $0.closedAt = $1 }), .date, .leadsOnly),
        .init(.amount, .number({ $0.amount }, { $0.amount = $1 }), .money, .leadsOnly),
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
    public func value(in record: LeadRecord) -> FieldValue { reader(record) }

    /// ``value(in:)`` as one closure, the slot looked at once (when the table is built): what
    /// the scorer calls for every rule of every lead.
    public let reader: @Sendable (LeadRecord) -> FieldValue

    private static func reader(_ slot: Slot) -> @Sendable (LeadRecord) -> FieldValue {
        switch slot {
        case .key: return { .text($0.crmID) }
        case .text(let get, _): return { FieldValue(get($0)) }
        case .range(let get, _, _): return { get($0).map(FieldValue.number) ?? .missing }
        case .number(let get, _): return { get($0).map { .number(NumberRange($0)) } ?? .missing }
        case .date(let get, _): return { get($0).map(FieldValue.date) ?? .missing }
        case .list(let get, _): return { get($0).map { $0.isEmpty ? .missing : .list($0) } ?? .missing }
        }
    }

    /// Whether `record` holds a value (an empty list counts as one, as stored).
    public func isSet(in record: LeadRecord) -> Bool {
        switch slot {
        case .key: return true
        case .text(let get, _): return get(record) != nil
        case .range(let get, _, _): return get(record) != nil
        case .number(let get, _): return get(record) != nil
        case .date(let get, _): return get(record) != nil
        case .list(let get, _): return get(record) != nil
        }
    }

    /// Empties the field in `record` (the key stays).
    public func clear(in record: inout LeadRecord) {
        switch slot {
        case .key: break
        case .text(_, let set): set(&record, nil)
        case .range(_, let set, _): set(&record, nil)
        case .number(_, let set): set(&record, nil)
        case .date(_, let set): set(&record, nil)
        case .list(_, let set): set(&record, nil)
        }
    }

    /// Copies the field from `source` into `record`.
    public func copy(from source: LeadRecord, to record: inout LeadRecord) {
        switch slot {
        case .key: record.crmID = source.crmID
        case .text(let get, let set): set(&record, get(source))
        case .range(let get, let set, _): set(&record, get(source))
        case .number(let get, let set): set(&record, get(source))
        case .date(let get, let set): set(&record, get(source))
        case .list(let get, let set): set(&record, get(source))
        }
    }
}

extension CanonicalField {
    /// The field's line in ``FieldDescriptor/all``.
    public var descriptor: FieldDescriptor { FieldDescriptor.of(self) }

    /// What kind of value the field holds, which decides how it is read and which ICP operators fit.
    public var kind: Kind { descriptor.kind }
}
