import ICP
import LeadData

/// What a rule reads, as SQL over one `reeval_states` row: the same value the scorer reads from a
/// `LeadRecord`, in the shape of its kind. A value whose reading SQL cannot reproduce (money or
/// dates written as text in an export column) is refused by name, never read differently.
struct FieldSQL {
    enum Shape {
        /// Text (or a country) and the expression of its key.
        case text(raw: String, key: String)
        /// A range: its low and high bound (the high NULL for an open range such as `1000+`).
        case range(low: String, high: String)
        /// An ISO 8601 text.
        case date(raw: String)
        /// A list field of the state row `row`, read through `reeval_list_items`.
        case list(field: CanonicalField, row: String)
    }

    let shape: Shape
    let name: String

    init(_ field: FieldReference, row alias: String, dialect: SQLDialect, rule: Rule, keys: StateKeys) throws {
        name = field.description
        let key = StateKeys.alias(alias) + "." + keys.column(field)
        switch field {
        case .attribute(let column):
            if let bad = column.unicodeScalars.first(where: { "\"'\\[]".unicodeScalars.contains($0) || $0.value < 0x20 || $0.value == 0x7F }) {
                throw Failure(.badData, "reeval sql: the export column name \(field) holds \(bad == "\"" || bad == "'" ? "a quote" : "a bracket, backslash or control character"), which a JSON path cannot name in every dialect; rename it in a mapping")
            }
            switch rule {
            case .isIn, .notIn, .equals, .startsWith, .exists, .changed, .entered:
                let raw = dialect.attribute("\(alias).attributes", column)
                shape = .text(raw: raw, key: key)
            default:
                throw Failure(.badData, "reeval sql: \(rule.name) on \(field) reads an export column's text as \(Self.reading(rule)) the way reeval's importer does, which SQL cannot reproduce exactly; map the column to a canonical field, or use a text operator")
            }
        case .canonical(let canonical):
            let descriptor = canonical.descriptor
            let column = "\(alias).\(descriptor.column)"
            switch descriptor.slot {
            case .key:
                throw Failure(.badData, "reeval sql: \(canonical.rawValue) is not a column of reeval_states (lead_snapshots keeps it in leads); rules on it cannot compile")
            case .text:
                shape = .text(raw: column, key: key)
            case .range:
                shape = .range(low: column + "_low", high: column + "_high")
            case .number:
                shape = .range(low: column, high: column)
            case .date:
                shape = .date(raw: column)
            case .list:
                shape = .list(field: canonical, row: alias)
            }
        }
    }

    private static func reading(_ rule: Rule) -> String {
        switch rule {
        case .any, .all, .none, .added: return "a list"
        case .withinDays, .afterDismissal: return "a date"
        default: return "a number"
        }
    }

    /// The condition under which the scorer sees no value (`unknown`).
    func missing(_ dialect: SQLDialect) -> String {
        switch shape {
        case .text(let raw, _): return "(\(raw) IS NULL OR \(raw) = '')"
        case .range(let low, _): return "\(low) IS NULL"
        case .date(let raw): return "\(raw) IS NULL"
        case .list(let field, let row): return "\(StateKeys.itemCount(field, row: row, dialect: dialect)) = 0"
        }
    }
}
