import LeadData
import ReevalStore

/// A normalised record with the content hash and company key the writer stores, computed on the
/// parsing thread so that the writing thread only binds and steps.
struct PreparedRecord: Sendable {
    let record: LeadRecord
    /// The hash of the record's own stored values (`LeadColumns.hash`).
    let hash: String
    let companyKey: String?

    init(_ record: LeadRecord, kind: RecordKind) {
        var record = record
        if record.technologies?.isEmpty == true { record.technologies = nil }
        self.record = record
        hash = LeadColumns.hash(record, kind == .leads ? LeadColumns.lead : LeadColumns.shared)
        companyKey = record.company.flatMap(TextValues.companyKey)
    }
}
