import LeadData
import ReevalStore

/// A normalised record with the stored values, content hash and company key the writer needs,
/// computed on the parsing thread so that the writing thread only binds and steps.
struct PreparedRecord: Sendable {
    let record: LeadRecord
    /// The record's own stored values in `LeadColumns` order: what is bound and what is hashed.
    let values: [DatabaseValue]
    /// The hash of those values (`LeadColumns.hash`).
    let hash: String
    let companyKey: String?

    init(_ record: LeadRecord, kind: RecordKind) {
        var record = record
        if record.technologies?.isEmpty == true { record.technologies = nil }
        self.record = record
        let columns = kind == .leads ? LeadColumns.lead : LeadColumns.shared
        values = LeadColumns.values(record, columns)
        hash = LeadColumns.hash(values, columns)
        companyKey = record.company.flatMap(TextValues.companyKey)
    }
}
