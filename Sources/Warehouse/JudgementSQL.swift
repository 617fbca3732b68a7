import ICP
import LeadData

extension RevivalSQL {
    /// `reeval_judgements`: every judged candidate with its baseline and current evaluations,
    /// whether it fits now and did then, whether it is revived, and the kinds of reason behind
    /// its change, as `Judge.judge` decides them.
    func judgements() throws -> String {
        let criteria = columns.ids(.criterion), triggers = columns.ids(.trigger), disqualifiers = columns.ids(.disqualifier)
        func points(_ e: String, _ id: String) -> String { "coalesce(\(e).\(q(id + "_points")), \(dialect.double(0)))" }
        func matched(_ e: String, _ id: String) -> String { "coalesce(\(e).\(q(id + "_verdict")), '') = 'match'" }
        func any(_ arms: [String]) -> String { arms.isEmpty ? "0" : flag(arms.joined(separator: " OR ")) }
        let icpChange = any(criteria.map { "\(points("m", $0)) <> \(points("b", $0))" }
            + disqualifiers.map { "(\(matched("b", $0)) AND NOT \(matched("n", $0)) AND NOT \(matched("m", $0)))" })
        let dataChange = any(criteria.map { "\(points("n", $0)) <> \(points("m", $0))" }
            + disqualifiers.map { "(\(matched("b", $0)) AND NOT \(matched("n", $0)) AND \(matched("m", $0)))" })
        let trigger = any(triggers.map { "\(points("n", $0)) <> \(points("b", $0))" })
        let notDQ = "coalesce(n.tier, '') <> '\(Scorer.disqualifiedTier)'"
        let newlyResolved = flag("\(notDQ) AND \(try resolves("n.icp")) AND NOT \(try resolves("b.icp"))")
        let kinds = [("icp_change", "icp_change"), ("data_change", "data_change"), ("trigger_fired", "trigger"), ("newly_resolved", "lost_reason_resolved")]
            .map { "CASE WHEN j.\($0.0) = 1 THEN ',\"\($0.1)\"' ELSE '' END" }.joined(separator: " || ")
        return """
            SELECT j.*, \(flag("j.fits_now = 1 AND (j.fitted_then = 0 OR j.newly_resolved = 1)")) AS revived,
                   '[' || substr(\(kinds), 2) || ']' AS reason_kinds
            FROM (SELECT c.lead_id, c.lifecycle, c.lost_reason, c.dismissed_at, c.baseline_state_id, c.current_state_id,
                         b.icp AS baseline_icp, b.score AS baseline_score, b.tier AS baseline_tier,
                         n.icp AS current_icp, n.score, n.tier, n.score - b.score AS delta,
                         \(flag("\(reviveTier("n")) AND \(notDQ)")) AS fits_now,
                         \(flag("\(reviveTier("b")) AND coalesce(b.tier, '') <> '\(Scorer.disqualifiedTier)'")) AS fitted_then,
                         \(newlyResolved) AS newly_resolved,
                         \(icpChange) AS icp_change, \(dataChange) AS data_change, \(trigger) AS trigger_fired,
                         \(latestTrigger()) AS latest_trigger
                  FROM reeval_candidates c
                  JOIN reeval_evaluations b ON b.purpose = 'baseline' AND b.lead_id = c.lead_id
                  JOIN reeval_evaluations m ON m.purpose = 'middle' AND m.lead_id = c.lead_id
                  JOIN reeval_evaluations n ON n.purpose = 'current' AND n.lead_id = c.lead_id
                  JOIN reeval_states cs ON cs.lead_id = c.lead_id AND cs.state_id = c.current_state_id
                  JOIN reeval_state_keys keys_of_cs ON keys_of_cs.lead_id = c.lead_id AND keys_of_cs.state_id = c.current_state_id
                  WHERE c.excluded IS NULL) j
            """
    }

    /// `reeval_revived`: the revived leads ranked by score, then the most recent matched trigger
    /// on a date field, then lead id (`Revival.ranksBefore`).
    var revived: String {
        """
        SELECT lead_id, row_number() OVER (ORDER BY score DESC, latest_trigger DESC NULLS LAST, lead_id) AS \(q("rank")),
               dismissed_at, baseline_icp, baseline_score, baseline_tier, current_icp, score, tier, delta, reason_kinds
        FROM reeval_judgements WHERE revived = 1
        """
    }

    /// The latest date among the current version's matched triggers on date fields, as a full
    /// ISO 8601 text (a day alone is its midnight), so text order is time order.
    private func latestTrigger() -> String {
        let arms = versions.compactMap { v -> String? in
            let dated = v.triggers.compactMap { trigger -> String? in
                guard case .canonical(let field) = trigger.field, field.kind == .date else { return nil }
                let raw = "cs.\(field.descriptor.column)"
                return "CASE WHEN n.\(q(trigger.id + "_verdict")) = 'match' THEN CASE WHEN length(\(raw)) = 10 THEN \(raw) || 'T00:00:00Z' ELSE \(raw) END END"
            }
            guard let first = dated.first else { return nil }
            let latest = dated.dropFirst().reduce(first) { a, b in
                "CASE WHEN \(a) IS NULL THEN \(b) WHEN \(b) IS NULL THEN \(a) WHEN \(a) > \(b) THEN \(a) ELSE \(b) END"
            }
            return "WHEN n.icp = \(dialect.string(v.label)) THEN \(latest)"
        }
        return arms.isEmpty ? dialect.null(dialect.textType) : "CASE \(arms.joined(separator: " ")) END"
    }
}
