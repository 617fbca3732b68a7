import LeadData

/// Every built-in preset, and `--source auto`'s choice among them by header line.
public enum PresetCatalog {
    /// Data-export presets before their report twins, which share their names.
    public static let all: [Preset] = [
        .salesforceLead, .salesforceLeadReport, .salesforceOpportunity, .salesforceOpportunityReport,
        .salesforceAccount, .salesforceAccountReport, .salesforceContact, .salesforceUser,
        .hubspotDealsWithAssociations, .hubspotContactsWithAssociations, .hubspotCompaniesWithAssociations,
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
            if var byColumns = try chooseByDistinctColumns(keys, pool: pool, file: file) {
                let names = Dictionary(headers.map { (Preset.key($0), $0) }, uniquingKeysWith: { first, _ in first })
                byColumns.decidedBy = byColumns.decidedBy.map { names[$0] ?? $0 }
                return byColumns
            }
            let wanted = pool.map { "\($0.name) (\($0.signature.joined(separator: ", ")))" }
            throw ImportFailure.unrecognisedHeaders(file: file, lookedFor: wanted)
        }
        // The most specific match wins: a HubSpot contacts export also has a `Company Name`
        // column, which the companies signature names too. Equally specific matches are ambiguous.
        let best = matching.filter { $0.signature.count == most }
        guard best.count == 1 else { throw ImportFailure.ambiguousHeaders(file: file, candidates: best.map(\.name)) }
        return best[0]
    }

    /// Real exports often carry only some of a preset's columns (a Data Loader Account export
    /// without `BillingCountry`, a Lead report without `Company`). Without a full signature, the
    /// preset whose id column is present and which knows the most of the file's columns wins, if
    /// it knows at least three and more than any other; the columns only it knows are kept for
    /// the summary, as what decided.
    static func chooseByDistinctColumns(_ keys: Set<String>, pool: [Preset], file: String) throws -> Preset? {
        var scored: [(preset: Preset, columns: Set<String>)] = []
        var seen = Set<String>()
        for preset in pool where seen.insert(preset.name).inserted {
            guard preset.idColumns.contains(where: { keys.contains(Preset.key($0)) }) else { continue }
            let known = Set((preset.fields.values.flatMap { $0 } + preset.signature + preset.idColumns + preset.lifecycle.columns).map(Preset.key))
            scored.append((preset, known.intersection(keys)))
        }
        scored.sort { $0.columns.count > $1.columns.count }
        guard let best = scored.first, best.columns.count >= 3 else { return nil }
        if scored.count > 1, scored[1].columns.count == best.columns.count {
            throw ImportFailure.ambiguousHeaders(file: file, candidates: scored.filter { $0.columns.count == best.columns.count }.map(\.preset.name))
        }
        var preset = best.preset
        let others = scored.dropFirst().reduce(into: Set<String>()) { $0.formUnion($1.columns) }
        let only = best.columns.subtracting(others)
        preset.decidedBy = (only.isEmpty ? best.columns : only).sorted()
        return preset
    }
}
