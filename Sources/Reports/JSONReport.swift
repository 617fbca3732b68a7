import Foundation

/// `run.json`: the report's data for scripts, with a stable shape (keys sorted):
/// `{run_id, as_of, since, icp_version, baseline_versions, candidates, revived, new, by_reason,
///   icp_changes: [{from, changes}], segments: {industry, size, country},
///   leads: [{rank, source, object, crm_id, company, owner, lifecycle, dismissed_at, baseline_icp,
///            baseline_score, baseline_tier, score, tier, is_new, reasons: [{kind, id, points_before, points_after, detail}]}],
///   unknown_values: [{criterion, field, candidates}]}`.
public enum JSONReport {
    public static func render(_ r: RunReport) -> String {
        func nullable(_ v: String?) -> Any { v.map { $0 as Any } ?? NSNull() }
        let object: [String: Any] = [
            "run_id": r.runID, "as_of": r.asOf, "since": nullable(r.since), "icp_version": r.icpVersion,
            "baseline_versions": r.baselineVersions, "candidates": r.candidates, "revived": r.revived, "new": r.newRevived,
            "by_reason": Dictionary(uniqueKeysWithValues: r.byReason.map { ($0.kind, $0.count) }),
            "icp_changes": r.icpChanges.map { ["from": $0.from, "changes": $0.changes] },
            "segments": Dictionary(uniqueKeysWithValues: zip(["industry", "size", "country"], ReportText.segmentKeys).map { name, segment in
                (name, Dictionary(uniqueKeysWithValues: r.segments(segment.1).map { ($0.0, $0.1) }))
            }),
            "leads": r.leads.map { lead -> [String: Any] in
                ["rank": lead.rank, "source": lead.source, "object": lead.object, "crm_id": lead.crmID, "company": nullable(lead.company),
                 "owner": nullable(lead.owner), "lifecycle": lead.lifecycle, "dismissed_at": nullable(lead.dismissedAt),
                 "baseline_icp": lead.baselineICP, "baseline_score": lead.baselineScore, "baseline_tier": nullable(lead.baselineTier),
                 "score": lead.score, "tier": lead.tier, "is_new": lead.isNew,
                 "reasons": lead.reasons.map { ["kind": $0.kind, "id": $0.id, "points_before": $0.before, "points_after": $0.after, "detail": $0.detail] }]
            },
            "unknown_values": r.unknownByCriterion.map { ["criterion": $0.id, "field": $0.field, "candidates": $0.count] },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
