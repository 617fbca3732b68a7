import LeadData

/// A normalised record with the JSON forms and content hash the writer stores, computed on the
/// parsing thread so that the writing thread only binds and steps.
struct PreparedRecord: Sendable {
    let record: LeadRecord
    /// ``LeadRecord/jsonBytes``: the snapshot of a lead no account fills in.
    let json: [UInt8]
    let hash: String
    let companyKey: String?
    let technologiesJSON: [UInt8]?
    let attributesJSON: [UInt8]

    init(_ record: LeadRecord) {
        self.record = record
        json = record.jsonBytes
        hash = LeadRecord.hash(jsonBytes: json)
        companyKey = record.company.flatMap(TextValues.companyKey)
        technologiesJSON = record.technologies.map { list in
            var out: [UInt8] = []
            JSONText.appendArray(list, to: &out)
            return out
        }
        var attributes: [UInt8] = []
        JSONText.appendObject(record.attributes, to: &attributes)
        attributesJSON = attributes
    }
}
