import LeadData

/// Every built-in preset, and `--source auto`'s choice among them by header line.
public enum PresetCatalog {
    /// More specific presets first: a deals export that also carries organisation columns is a
    /// deals export.
    public static let all: [Preset] = [
        .salesforceLead, .salesforceLeadReport, .salesforceOpportunity, .salesforceOpportunityReport,
        .salesforceAccount, .salesforceAccountReport, .salesforceContact,
        .hubspotDeals, .hubspotContacts, .hubspotCompanies,
        .pipedriveDeals, .pipedrivePersons, .pipedriveOrganizations,
    ]

    public static let sources = ["salesforce", "hubspot", "pipedrive"]

    /// The preset for `headers`, limited to `source` (nil for auto) and `object` if given.
    public static func choose(headers: [String], source: String?, object: String?, file: String) throws -> Preset {
        let keys = Set(headers.map(Preset.key))
        var pool = all
        if let source { pool = pool.filter { $0.source == source } }
        if let object {
            pool = pool.filter { $0.object.lowercased() == object.lowercased() || $0.object.lowercased() == object.lowercased() + "s" }
            guard !pool.isEmpty else {
                let known = Set(all.filter { source == nil || $0.source == source }.map(\.object)).sorted()
                throw ImportFailure.unknownObject(object, known: known)
            }
            // With an object named, the id column is enough.
            if let exact = pool.first(where: { $0.matches(keys) }) ?? pool.first(where: { p in p.idColumns.contains { keys.contains(Preset.key($0)) } }) {
                return exact
            }
        }
        let matching = pool.filter { $0.matches(keys) }
        // A data-export preset and its report twin can both match; they share fields, keep the first.
        var seen = Set<String>()
        let distinct = matching.filter { seen.insert($0.name).inserted }
        if distinct.count == 1 || (distinct.count > 1 && Set(distinct.map(\.kind)).count == 1 && distinct[0].signature.count > distinct[1].signature.count) {
            return distinct[0]
        }
        if distinct.isEmpty {
            let wanted = pool.map { "\($0.name) (\($0.signature.joined(separator: ", ")))" }
            throw ImportFailure.unrecognisedHeaders(file: file, lookedFor: wanted)
        }
        throw ImportFailure.ambiguousHeaders(file: file, candidates: distinct.map(\.name))
    }
}
