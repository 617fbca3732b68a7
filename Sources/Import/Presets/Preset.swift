import Foundation
import LeadData

/// How one CRM's export of one object maps onto canonical fields.
///
/// Each canonical field lists the headers that may carry it, best first: API names of the
/// Salesforce Data Export, labels of report exports, HubSpot property labels, Pipedrive's
/// `Entity - Label` headers. Headers compare ignoring case and surrounding spaces.
public struct Preset: Sendable {
    /// The CRM: `salesforce`, `hubspot`, `pipedrive`, or a mapping's `source`.
    public let source: String
    /// The CRM object as the CRM names it: `Lead`, `Opportunity`, `contacts`, `deals`, …
    public let object: String
    public let kind: RecordKind
    /// Headers that may hold the CRM id, best first.
    public let idColumns: [String]
    /// Canonical field → headers that may hold it, best first.
    public let fields: [CanonicalField: [String]]
    /// Headers that must all be present for `--source auto` to pick this preset.
    public let signature: [String]
    public let lifecycle: LifecycleRule
    /// Headers whose value `1`/`true` marks a deleted record (Salesforce `IsDeleted`).
    public let deletedFlag: String?
    /// A mapping's list separator, date order and extra names.
    public var listSeparator: String?
    public var dateOrder: DateParser.Order?
    /// The order this CRM writes slash dates in by default (month first, as the US CRMs do),
    /// used for a date column none of whose values decides it; nil for a mapping of its own,
    /// whose ambiguous dates are refused unless it gives `date_format`.
    public var defaultDateOrder: DateParser.Order?
    /// Columns a mapping file named: each must exist in the file.
    public var mappedColumns: Set<String> = []
    /// When `--source auto` picked this preset by columns only its object has (the export lacked
    /// part of its signature): those columns, for the summary.
    public var decidedBy: [String] = []

    public init(source: String, object: String, kind: RecordKind, idColumns: [String], fields: [CanonicalField: [String]],
                signature: [String], lifecycle: LifecycleRule, deletedFlag: String? = nil,
                listSeparator: String? = nil, dateOrder: DateParser.Order? = nil) {
        self.source = source
        self.object = object
        self.kind = kind
        self.idColumns = idColumns
        self.fields = fields
        self.signature = signature
        self.lifecycle = lifecycle
        self.deletedFlag = deletedFlag
        self.listSeparator = listSeparator
        self.dateOrder = dateOrder
        defaultDateOrder = ["salesforce", "hubspot", "pipedrive"].contains(source) ? .monthDayYear : nil
    }

    /// Fallback headers that hold another fact than the header before them, not another spelling
    /// of it: Salesforce's `Sic` after `NaicsCode` (both industry codes, of two systems). Where an
    /// earlier column gave the field, a row's value here is kept in `attributes`, never dropped.
    static let distinctFallbacks: Set<String> = ["sic", "sic code"]

    /// `salesforce Lead`.
    public var name: String { "\(source) \(object)" }

    /// Whether every signature header is among `headers`.
    func matches(_ headers: Set<String>) -> Bool {
        signature.allSatisfy { headers.contains(Preset.key($0)) }
    }

    /// The comparison form of a header: lower case, trimmed, BOM and quotes removed.
    static func key(_ header: String) -> String {
        header.trimmed(alsoOf: "\"").lowercased()
    }
}
