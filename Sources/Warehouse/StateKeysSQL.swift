import ICP
import LeadData

/// The keys of the text a script's rules compare, worked out once per state: `reeval_state_keys`
/// (one column per text field or export column read, and the lost reason) and
/// `reeval_list_items` (the distinct item keys of each list field of each state). Rules read
/// these instead of keying text inline, so every key is one definition (`TextKeySQL`).
struct StateKeys {
    /// The text values read, in column order (`k1`, `k2`, …).
    let texts: [FieldReference]
    /// The list fields read.
    let lists: [CanonicalField]

    init(_ versions: [ICPVersion]) {
        var texts: [FieldReference] = [.canonical(.lostReason)], lists: [CanonicalField] = []
        for version in versions {
            for rule in version.criteria + version.triggers + version.disqualifiers {
                switch rule.field {
                case .attribute:
                    if !texts.contains(rule.field) { texts.append(rule.field) }
                case .canonical(let field):
                    switch field.descriptor.slot {
                    case .text: if !texts.contains(rule.field) { texts.append(rule.field) }
                    case .list: if !lists.contains(field) { lists.append(field) }
                    default: break
                    }
                }
            }
        }
        self.texts = texts
        self.lists = lists
    }

    /// The column of `reeval_state_keys` holding the key of `field`.
    func column(_ field: FieldReference) -> String {
        "k\((texts.firstIndex(of: field) ?? 0) + 1)"
    }

    /// The alias under which an evaluation joins `reeval_state_keys` for the state row `alias`.
    static func alias(_ row: String) -> String { "keys_of_" + row }

    func stateKeys(_ dialect: SQLDialect) -> String {
        let raw = texts.map { field -> String in
            switch field {
            case .canonical(let canonical): return "s." + canonical.descriptor.column
            case .attribute(let column): return dialect.attribute("s.attributes", column)
            }
        }
        guard let country = texts.firstIndex(of: .canonical(.country)) else {
            return TextKeySQL(dialect: dialect).keys(of: raw, carrying: ["s.lead_id", "s.state_id"], from: "reeval_states s")
        }
        // A country's key is the code its name stands for (`reeval_country_names`), or its own key
        // when it names none: looked up here once per state, so no evaluation joins the names
        // (PostgreSQL misjudged those joins' sizes and nested-looped them: 90 s at 20,000 leads).
        let keyed = TextKeySQL(dialect: dialect).keys(of: raw, carrying: ["s.lead_id", "s.state_id", "s.country"], from: "reeval_states s")
        let columns = texts.indices.map { $0 == country ? "coalesce(c.code, k.k\($0 + 1)) AS k\($0 + 1)" : "k.k\($0 + 1)" }
        return "SELECT k.lead_id, k.state_id, \(columns.joined(separator: ", "))\nFROM (\(keyed)) k LEFT JOIN reeval_country_names c ON c.name = lower(k.country)"
    }

    /// Nil when no rule reads a list.
    func listItems(_ dialect: SQLDialect) -> String? {
        guard !lists.isEmpty else { return nil }
        let exploded = lists.map { dialect.explode($0.descriptor.column, field: $0.rawValue) }.joined(separator: "\n      UNION ALL\n      ")
        let keyed = TextKeySQL(dialect: dialect).keys(of: ["x.v"], carrying: ["x.lead_id", "x.state_id", "x.field"], from: "(\(exploded)) x")
        return "SELECT DISTINCT y.lead_id, y.state_id, y.field, y.k1 AS item_key FROM (\(keyed)) y"
    }

    /// `(SELECT count(*) …)`: how many distinct item keys of `field` the state row `row` holds
    /// that satisfy `condition` over `i.item_key`.
    static func itemCount(_ field: CanonicalField, row: String, where condition: String = "1 = 1", dialect: SQLDialect) -> String {
        "(SELECT count(*) FROM reeval_list_items i WHERE i.lead_id = \(row).lead_id AND i.state_id = \(row).state_id AND i.field = \(dialect.string(field.rawValue)) AND \(condition))"
    }
}
