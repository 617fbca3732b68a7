import ICP
import LeadData

/// The re-evaluation as SQL, saying what `CandidateReader`, `Candidate` and `Judge` say: which
/// leads are candidates, which state and version their baseline is, whether they fit now and did
/// not then, why (the reason kinds) and in what order they rank.
struct RevivalSQL {
    let dialect: SQLDialect
    let versions: [ICPVersion]
    let columns: RuleColumns

    func q(_ name: String) -> String { dialect.quote(name) }

    /// When a lead was dropped: close date, else last activity, else last modified (else created),
    /// as `leads.dismissed_at` is generated.
    func dismissedAt(_ s: String) -> String {
        """
        CASE WHEN \(s).lifecycle IN ('lost', 'disqualified') THEN coalesce(\(s).closed_at, \(s).last_activity_at, \(s).modified_at, \(s).created_at)
                     ELSE coalesce(\(s).last_activity_at, \(s).modified_at, \(s).created_at) END
        """
    }

    /// The label of the version in force on `day`: the latest effective on or before it (the
    /// later label among equals), else the earliest.
    func inForce(_ day: String) -> String {
        let ordered = versions.sorted { ($0.effective.dayNumber, $0.label) > ($1.effective.dayNumber, $1.label) }
        let arms = ordered.map { "WHEN \(day) >= \(dialect.dayLiteral($0.effective.isoDay)) THEN \(dialect.string($0.label))" }
        return "CASE \(arms.joined(separator: " ")) ELSE \(dialect.string(ordered.last?.label ?? "")) END"
    }

    /// The candidates: lost and disqualified leads, and open ones last active `dormant_after`
    /// days or more before `as_of`; `excluded` names why one is not judged.
    var candidates: String {
        let day = dialect.day("n.dismissed_at")
        return """
            SELECT n.lead_id, n.state_id AS current_state_id, n.lifecycle, n.lost_reason, n.dismissed_at, \(day) AS dismissed_day,
                   CASE WHEN n.dismissed_at IS NULL THEN 'no_dismissal_date'
                        WHEN p.since IS NOT NULL AND \(day) < p.since THEN 'before_since' END AS excluded,
                   o.state_id AS baseline_state_id,
                   \(inForce(day)) AS baseline_icp,
                   \(inForce("p.as_of")) AS current_icp
            FROM (SELECT s.lead_id, s.state_id, s.lifecycle, s.lost_reason, \(dismissedAt("s")) AS dismissed_at
                  FROM reeval_states s WHERE s.superseded_at IS NULL) n
            CROSS JOIN reeval_parameters p
            JOIN (SELECT n2.lead_id, coalesce(max(CASE WHEN \(dialect.day("o2.observed_at")) <= \(dialect.day("n2.dismissed_at")) THEN o2.pos END), 1) AS pos
                  FROM (SELECT s.lead_id, \(dismissedAt("s")) AS dismissed_at FROM reeval_states s WHERE s.superseded_at IS NULL) n2
                  JOIN reeval_state_order o2 ON o2.lead_id = n2.lead_id
                  GROUP BY n2.lead_id) b ON b.lead_id = n.lead_id
            JOIN reeval_state_order o ON o.lead_id = n.lead_id AND o.pos = b.pos
            WHERE n.lifecycle IN ('lost', 'disqualified')
               OR (n.lifecycle = 'open' AND (n.dismissed_at IS NULL OR \(day) <= \(dialect.addDays("p.as_of", "-p.dormant_after"))))
            """
    }

    /// Each state's place in its lead's history, oldest first, the current state last: the order
    /// `CandidateReader` reads them in.
    var stateOrder: String {
        """
        SELECT s.lead_id, s.state_id, s.observed_at,
               row_number() OVER (PARTITION BY s.lead_id ORDER BY CASE WHEN s.superseded_at IS NULL THEN 1 ELSE 0 END, s.observed_at, s.state_id) AS pos
        FROM reeval_states s
        """
    }

    /// What each judged candidate's evaluations are asked for: its baseline (baseline state and
    /// version, as of the dismissal day), the middle step (the current version on the baseline
    /// state) and its current evaluation (with the baseline state for the rules over history);
    /// and every state under every version as of `as_of`, for `reeval_scores`.
    var requests: String {
        let date = dialect == .sqlite ? dialect.textType : "DATE"
        return """
            SELECT 'state' AS purpose, s.lead_id, s.state_id, v.icp, p.as_of AS score_day, \(dialect.null(dialect.integerType)) AS then_state_id, \(dialect.null(date)) AS then_day
            FROM reeval_states s CROSS JOIN reeval_icp_versions v CROSS JOIN reeval_parameters p
            UNION ALL
            SELECT 'baseline', c.lead_id, c.baseline_state_id, c.baseline_icp, c.dismissed_day, \(dialect.null(dialect.integerType)), \(dialect.null(date))
            FROM reeval_candidates c WHERE c.excluded IS NULL
            UNION ALL
            SELECT 'middle', c.lead_id, c.baseline_state_id, c.current_icp, c.dismissed_day, \(dialect.null(dialect.integerType)), \(dialect.null(date))
            FROM reeval_candidates c WHERE c.excluded IS NULL
            UNION ALL
            SELECT 'current', c.lead_id, c.current_state_id, c.current_icp, p.as_of, c.baseline_state_id, c.dismissed_day
            FROM reeval_candidates c CROSS JOIN reeval_parameters p WHERE c.excluded IS NULL
            """
    }

    func flag(_ condition: String) -> String { "CASE WHEN \(condition) THEN 1 ELSE 0 END" }

    /// Whether evaluation `e`'s tier is its version's `revive_at` or better.
    func reviveTier(_ e: String) -> String {
        let arms = versions.compactMap { v -> String? in
            guard let needed = v.rank(of: v.reviveAt) else { return nil }
            let names = v.tiers.prefix(needed + 1).map { dialect.string($0.name) }.joined(separator: ", ")
            return "(\(e).icp = \(dialect.string(v.label)) AND \(e).tier IN (\(names)))"
        }
        return arms.isEmpty ? "1 = 0" : "(" + arms.joined(separator: " OR ") + ")"
    }

    /// Whether the version named by `icp` lists the lead's lost reason as resolved.
    func resolves(_ icp: String) throws -> String {
        let arms = try versions.compactMap { v -> String? in
            guard !v.resolvedLostReasons.isEmpty else { return nil }
            let keyed = v.resolvedLostReasons.map(TextKey.make)
            try WarehouseScript.checkASCII(keyed, in: "resolved_lost_reasons of \(v.label)", dialect: dialect)
            return "(\(icp) = \(dialect.string(v.label)) AND keys_of_cs.\(StateKeys([]).column(.canonical(.lostReason))) IN (\(keyed.map(dialect.string).joined(separator: ", "))))"
        }
        return arms.isEmpty ? "1 = 0" : "(c.lost_reason IS NOT NULL AND (" + arms.joined(separator: " OR ") + "))"
    }
}
