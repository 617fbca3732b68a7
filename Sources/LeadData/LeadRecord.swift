/// The lifecycle every CRM status maps to.
public enum Lifecycle: String, Sendable, CaseIterable, Codable {
    case open, won, lost, disqualified
}

/// One lead (or account) in canonical fields, normalised: what ICP rules and presets speak of.
///
/// The importer builds it from an export row; the scorer reads it through ``value(of:)``. What
/// each property is, how it is read and stored, is ``FieldDescriptor/all``.
public struct LeadRecord: Hashable, Sendable {
    public var crmID: String
    public var company: String?
    public var domain: String?
    public var industry: String?
    public var industryCode: String?
    public var employees: NumberRange?
    public var annualRevenue: NumberRange?
    public var country: String?
    public var region: String?
    public var city: String?
    public var businessModel: String?
    public var technologies: [String]?
    public var fundingStage: String?
    public var lastFundingAt: Timestamp?
    public var title: String?
    public var email: String?
    public var owner: String?
    public var leadSource: String?
    public var status: String?
    public var lifecycle: Lifecycle
    public var lostReason: String?
    public var createdAt: Timestamp?
    public var lastActivityAt: Timestamp?
    public var closedAt: Timestamp?
    public var modifiedAt: Timestamp?
    public var accountID: String?
    /// The deal's value; a range keeps its low bound.
    public var amount: Double?
    /// The raw text of each value that could not be read, by export column (`{"Country": "CHINA"}`):
    /// never guessed, never lost.
    public var unreadable: [String: String] = [:]
    /// Every export column no mapping names, by its header.
    public var attributes: [String: String]

    public init(crmID: String, lifecycle: Lifecycle = .open, attributes: [String: String] = [:]) {
        self.crmID = crmID
        self.lifecycle = lifecycle
        self.attributes = attributes
    }

    /// A field's value as the scorer sees it.
    public func value(of field: CanonicalField) -> FieldValue {
        field.descriptor.value(in: self)
    }

    /// An `attributes.<column>` value.
    public func attribute(_ column: String) -> FieldValue {
        FieldValue(attributes[column])
    }

    /// Fills what this record lacks from its account: a lead's firmographics come from its own
    /// columns, then from the company it belongs to.
    public func filled(from account: LeadRecord) -> LeadRecord {
        var r = self
        for field in FieldDescriptor.fromAccount where !field.isSet(in: r) { field.copy(from: account, to: &r) }
        for (k, v) in account.attributes where r.attributes[k] == nil { r.attributes[k] = v }
        return r
    }
}

/// A value as the scorer compares it.
public enum FieldValue: Hashable, Sendable {
    case missing
    case text(String)
    case number(NumberRange)
    case date(Timestamp)
    case list([String])

    public init(_ text: String?) {
        if let text, !text.isEmpty { self = .text(text) } else { self = .missing }
    }

    /// How the value reads in an explanation: `250`, `51-200`, `Salesforce; HubSpot`, `2025-08-02`.
    public var display: String? {
        switch self {
        case .missing: return nil
        case .text(let t): return t
        case .number(let n): return n.description
        case .date(let d): return d.isoDay
        case .list(let l): return l.joined(separator: "; ")
        }
    }
}

extension FieldValue {
    /// A number as rules read one: a number field's, or an attribute's text through the money
    /// parser (`1,200`, `51-200`). The scorer and the drafted scorecard both read numbers so.
    @inlinable
    public var numberRange: NumberRange? {
        switch self {
        case .number(let n): return n
        case .text(let t): return NumberParser.money(t)
        default: return nil
        }
    }
}
