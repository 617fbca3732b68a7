import ICP
import LeadData

/// The rule columns every evaluation row carries: one `<id>_points` and one `<id>_verdict` per
/// rule id of the included versions, in the order they first appear (a version without the rule
/// leaves them NULL), as `Scorer.evaluate` lists outcomes.
struct RuleColumns {
    enum Kind: String { case criterion, trigger, disqualifier }

    let ids: [(id: String, kind: Kind)]

    init(_ versions: [ICPVersion]) throws {
        var ids: [(id: String, kind: Kind)] = []
        for version in versions {
            let rules = version.criteria.map { ($0, Kind.criterion) } + version.triggers.map { ($0, .trigger) }
                + version.disqualifiers.map { ($0, .disqualifier) }
            for (rule, kind) in rules {
                if let seen = ids.first(where: { $0.id == rule.id }) {
                    guard seen.kind == kind else {
                        throw Failure(.badData, "reeval sql: rule id \(rule.id) is a \(seen.kind.rawValue) in one version and a \(kind.rawValue) in \(version.label); the script names its columns by rule id, so rename one")
                    }
                } else {
                    ids.append((rule.id, kind))
                }
            }
        }
        self.ids = ids
    }

    func ids(_ kind: Kind) -> [String] { ids.filter { $0.kind == kind }.map(\.id) }
}

/// `reeval_evaluations`: every request (a state, a version and the day it is judged as of)
/// scored by its version, one SELECT per version, as `Scorer.evaluate` scores it: the points of
/// the criteria and triggers summed in their order, the tier from the highest threshold down,
/// `DQ` when a disqualifier matched.
struct ScoringSQL {
    let dialect: SQLDialect
    let columns: RuleColumns
    let keys: StateKeys

    func select(_ versions: [ICPVersion]) throws -> String {
        try versions.map(select).joined(separator: "\nUNION ALL\n")
    }

    private func q(_ name: String) -> String { dialect.quote(name) }

    private func select(_ version: ICPVersion) throws -> String {
        let scored = version.criteria + version.triggers
        let rules = try (scored + version.disqualifiers).map { rule in
            (rule, try RuleSQL(rule, dialect: dialect, verdictColumn: "e0." + q(rule.id + "_verdict"), keys: keys))
        }
        let banded = Set(rules.filter { if case .bands = $0.0.rule { return true } else { return false } }.map(\.0.id))
        let disqualifiers = Set(version.disqualifiers.map(\.id))

        var inner = ["r.purpose", "r.lead_id", "r.state_id", "r.icp", "r.score_day"]
        inner += rules.map { "\($0.1.verdict) AS \(q($0.0.id + "_verdict"))" }
        inner += rules.filter { banded.contains($0.0.id) }.map { "\($0.1.points) AS \(q($0.0.id + "_points"))" }
        var pointed = ["e0.*"]
        pointed += rules.filter { !banded.contains($0.0.id) }.map { rule, sql in
            (disqualifiers.contains(rule.id) ? dialect.double(0) : sql.points) + " AS " + q(rule.id + "_points")
        }
        let sum = scored.isEmpty ? dialect.double(0) : scored.map { "e1." + q($0.id + "_points") }.joined(separator: " + ")
        let disqualified = version.disqualifiers.isEmpty ? "0"
            : "CASE WHEN " + version.disqualifiers.map { "e1.\(q($0.id + "_verdict")) = 'match'" }.joined(separator: " OR ") + " THEN 1 ELSE 0 END"
        let tiers = version.tiers.map { "WHEN e2.score >= \(dialect.double($0.threshold)) THEN \(dialect.string($0.name))" }.joined(separator: " ")
        var outer = ["e2.purpose", "e2.lead_id", "e2.state_id", "e2.icp", "e2.score",
                     "CASE WHEN e2.disqualified = 1 THEN '\(Scorer.disqualifiedTier)' \(tiers) ELSE \(dialect.null(dialect.textType)) END AS tier"]
        let own = Set(rules.map(\.0.id))
        for column in columns.ids {
            let has = own.contains(column.id)
            outer.append((has ? "e2." + q(column.id + "_points") : dialect.null(dialect.doubleType)) + " AS " + q(column.id + "_points"))
            outer.append((has ? "e2." + q(column.id + "_verdict") : dialect.null(dialect.textType)) + " AS " + q(column.id + "_verdict"))
        }
        return """
            SELECT \(outer.joined(separator: ", "))
            FROM (SELECT e1.*, \(sum) AS score, \(disqualified) AS disqualified
                  FROM (SELECT \(pointed.joined(separator: ", "))
                        FROM (SELECT \(inner.joined(separator: ",\n                                     "))
                              FROM reeval_requests r
                              JOIN reeval_states s ON s.lead_id = r.lead_id AND s.state_id = r.state_id
                              JOIN reeval_state_keys keys_of_s ON keys_of_s.lead_id = r.lead_id AND keys_of_s.state_id = r.state_id
                              LEFT JOIN reeval_states t ON t.lead_id = r.lead_id AND t.state_id = r.then_state_id
                              LEFT JOIN reeval_state_keys keys_of_t ON keys_of_t.lead_id = r.lead_id AND keys_of_t.state_id = r.then_state_id
                              WHERE r.icp = \(dialect.string(version.label))) e0) e1) e2
            """
    }
}
