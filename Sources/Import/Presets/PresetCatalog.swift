import LeadData

/// Every built-in preset, and `--source auto`'s choice among them by header line.
public enum PresetCatalog {
    /// Data-export presets before their report twins, which share their names.
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
        // A data-export preset and its report twin share a name and fields: keep the first.
        var seen = Set<String>()
        let matching = pool.filter { $0.matches(keys) && seen.insert($0.name).inserted }
        guard let most = matching.map(\.signature.count).max() else {
            let wanted = pool.map { "\($0.name) (\($0.signature.joined(separator: ", ")))" }
            throw ImportFailure.unrecognisedHeaders(file: file, lookedFor: wanted)
        }
        // The most specific match wins: a HubSpot contacts export also has a `Company Name`
        // column, which the companies signature names too. Equally specific matches are ambiguous.
        let best = matching.filter { $0.signature.count == most }
        guard best.count == 1 else { throw ImportFailure.ambiguousHeaders(file: file, candidates: best.map(\.name)) }
        return best[0]
    }
}
