import ICP
import LeadData

/// One rule as SQL: its verdict (`'match'`, `'miss'`, `'unknown'`) and its points, over the
/// state row `s`, the state at dismissal `t` (rules over history) and the request `r`, whose
/// `score_day` is the date the rule is judged as of and `then_day` the dismissal day. Written to
/// say what `PreparedRule.test` and `testHistory` say, operator by operator.
struct RuleSQL {
    let criterion: Criterion
    let dialect: SQLDialect

    /// The verdict's CASE expression.
    let verdict: String
    /// The points' expression over the verdict column (`verdictColumn`), or for bands over `s`.
    let points: String

    init(_ criterion: Criterion, dialect: SQLDialect, verdictColumn: String, keys stateKeys: StateKeys) throws {
        self.criterion = criterion
        self.dialect = dialect
        let now = try FieldSQL(criterion.field, row: "s", dialect: dialect, rule: criterion.rule, keys: stateKeys)
        let wanted = criterion.points ?? 0
        let isCountry = criterion.field == .canonical(.country)
        let keys = try Self.keys(criterion, isCountry: isCountry, dialect: dialect)
        func verdictCase(unknown: String, match: String) -> String {
            "CASE WHEN \(unknown) THEN 'unknown' WHEN \(match) THEN 'match' ELSE 'miss' END"
        }
        let matchedPoints = "CASE WHEN \(verdictColumn) = 'match' THEN \(dialect.double(wanted)) ELSE \(dialect.double(0)) END"
        if criterion.rule.readsHistory {
            points = matchedPoints
            let then = try FieldSQL(criterion.field, row: "t", dialect: dialect, rule: criterion.rule, keys: stateKeys)
            let (unknown, match) = try Self.history(criterion, now: now, then: then, keys: keys, dialect: dialect)
            verdict = verdictCase(unknown: "r.then_state_id IS NULL OR " + unknown, match: match)
            return
        }
        switch criterion.rule {
        case .exists(let present):
            points = matchedPoints
            verdict = "CASE WHEN \(now.missing(dialect)) THEN '\(present ? "miss" : "match")' ELSE '\(present ? "match" : "miss")' END"
        case .bands(let bands):
            guard case .range(let low, let high) = now.shape else { throw Self.shapeRefusal(criterion) }
            let inBand = bands.map { "(\(low) >= \(dialect.double($0.low)) AND \(high) IS NOT NULL AND \(high) <= \(dialect.double($0.high)))" }
            verdict = verdictCase(unknown: now.missing(dialect), match: inBand.isEmpty ? "1 = 0" : "(" + inBand.joined(separator: " OR ") + ")")
            let arms = zip(inBand, bands).map { "WHEN \($0) THEN \(dialect.double($1.points))" }.joined(separator: " ")
            points = "CASE WHEN \(now.missing(dialect)) THEN \(dialect.double(0)) \(arms) ELSE \(dialect.double(0)) END"
        default:
            points = matchedPoints
            verdict = verdictCase(unknown: now.missing(dialect), match: try Self.match(criterion, now: now, keys: keys, dialect: dialect))
        }
    }

    /// The rule's comparison values as the scorer keys them, as literals.
    private static func keys(_ criterion: Criterion, isCountry: Bool, dialect: SQLDialect) throws -> [String] {
        var texts: [String] = []
        switch criterion.rule {
        case .isIn(let l), .notIn(let l), .startsWith(let l), .any(let l), .all(let l), .none(let l), .entered(let l), .added(let l): texts = l
        case .equals(let t): texts = [t]
        default: break
        }
        let keys = texts.map { isCountry ? (Country.code($0) ?? TextKey.make($0)) : TextKey.make($0) }
        try WarehouseScript.checkASCII(keys, in: "rule \(criterion.id)", dialect: dialect)
        return keys
    }

    private static func shapeRefusal(_ criterion: Criterion) -> Failure {
        Failure(.badData, "reeval sql: rule \(criterion.id) (\(criterion.rule.name) on \(criterion.field)) compares a kind of value the field does not hold")
    }

    private static func list(_ keys: [String], _ dialect: SQLDialect) -> String {
        keys.map(dialect.string).joined(separator: ", ")
    }

    /// `key IN (keys)`, or false for an empty list (`IN ()` is not SQL).
    private static func isIn(_ key: String, _ keys: [String], _ dialect: SQLDialect) -> String {
        keys.isEmpty ? "1 = 0" : "\(key) IN (\(list(keys, dialect)))"
    }

    private static func match(_ criterion: Criterion, now: FieldSQL, keys: [String], dialect: SQLDialect) throws -> String {
        switch (criterion.rule, now.shape) {
        case (.isIn, .text(_, let key)): return isIn(key, keys, dialect)
        case (.notIn, .text(_, let key)): return "NOT (\(isIn(key, keys, dialect)))"
        case (.startsWith, .text(_, let key)):
            let arms = keys.map { "substr(\(key), 1, \($0.unicodeScalars.count)) = \(dialect.string($0))" }
            return arms.isEmpty ? "1 = 0" : "(" + arms.joined(separator: " OR ") + ")"
        case (.equals, .text(_, let key)): return isIn(key, keys, dialect)
        case (.equals, .range(let low, let high)):
            guard let wanted = Double(keys[0]), wanted.isFinite else {
                throw Failure(.badData, "reeval sql: rule \(criterion.id) compares \(criterion.field) with the text '\(keys[0])', which the scorer matches against the range as reeval prints it; compile it with a number (equals: 250) or a band")
            }
            return "(\(high) = \(low) AND \(low) = \(dialect.double(wanted)))"
        case (.any, .list(let field, let row)):
            return "\(StateKeys.itemCount(field, row: row, where: isIn("i.item_key", keys, dialect), dialect: dialect)) > 0"
        case (.none, .list(let field, let row)):
            return "\(StateKeys.itemCount(field, row: row, where: isIn("i.item_key", keys, dialect), dialect: dialect)) = 0"
        case (.all, .list(let field, let row)):
            let wanted = Array(Set(keys))
            return "\(StateKeys.itemCount(field, row: row, where: isIn("i.item_key", wanted, dialect), dialect: dialect)) = \(wanted.count)"
        case (.between(let lo, let hi), .range(let low, let high)):
            return "(\(low) >= \(dialect.double(lo)) AND \(high) IS NOT NULL AND \(high) <= \(dialect.double(hi)))"
        case (.atLeast(let bound), .range(let low, _)):
            return "\(low) >= \(dialect.double(bound))"
        case (.below(let bound), .range(_, let high)):
            return "(\(high) IS NOT NULL AND \(high) < \(dialect.double(bound)))"
        case (.withinDays(let days), .date(let raw)):
            let day = dialect.day(raw)
            return "(\(day) <= r.score_day AND \(day) >= \(dialect.addDays("r.score_day", String(-days))))"
        default:
            throw shapeRefusal(criterion)
        }
    }

    /// The unknown condition and the match of a rule over history.
    private static func history(_ criterion: Criterion, now: FieldSQL, then: FieldSQL, keys: [String], dialect: SQLDialect) throws -> (String, String) {
        let eitherMissing = "\(now.missing(dialect)) OR \(then.missing(dialect))"
        switch (criterion.rule, now.shape, then.shape) {
        case (.grewBy(let fraction), .range(let low, _), .range(_, let top)):
            return (eitherMissing, "(\(top) IS NOT NULL AND \(low) > \(top) AND \(low) >= \(top) * \(dialect.double(1 + fraction)))")
        case (.changed, .text(_, let a), .text(_, let b)):
            return (eitherMissing, "\(a) <> \(b)")
        case (.changed, .range(let l1, let h1), .range(let l0, let h0)):
            return (eitherMissing, "NOT (\(l1) = \(l0) AND ((\(h1) IS NULL AND \(h0) IS NULL) OR \(h1) = \(h0)))")
        case (.changed, .date(let a), .date(let b)):
            return (eitherMissing, "\(dialect.day(a)) <> \(dialect.day(b))")
        case (.changed, .list(let field, _), .list):
            let count = { (row: String) in StateKeys.itemCount(field, row: row, dialect: dialect) }
            let common = "(SELECT count(*) FROM reeval_list_items a JOIN reeval_list_items b ON b.item_key = a.item_key AND b.field = a.field "
                + "WHERE a.lead_id = s.lead_id AND a.state_id = s.state_id AND a.field = \(dialect.string(field.rawValue)) AND b.lead_id = t.lead_id AND b.state_id = t.state_id)"
            return (eitherMissing, "NOT (\(count("s")) = \(count("t")) AND \(count("s")) = \(common))")
        case (.entered, .text(_, let a), .text(_, let b)):
            return (eitherMissing, "(\(isIn(a, keys, dialect)) AND NOT (\(isIn(b, keys, dialect))))")
        case (.added, .list(let field, _), .list):
            let arms = keys.map { k in
                "(" + StateKeys.itemCount(field, row: "s", where: "i.item_key = \(dialect.string(k))", dialect: dialect) + " > 0 AND "
                    + StateKeys.itemCount(field, row: "t", where: "i.item_key = \(dialect.string(k))", dialect: dialect) + " = 0)"
            }
            return (eitherMissing, arms.isEmpty ? "1 = 0" : "(" + arms.joined(separator: " OR ") + ")")
        case (.afterDismissal, .date(let raw), _):
            return (now.missing(dialect), "\(dialect.day(raw)) > r.then_day")
        default:
            throw shapeRefusal(criterion)
        }
    }
}
