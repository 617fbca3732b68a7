import Foundation

/// `run.json`: the report's data for scripts, with a stable shape (keys sorted):
/// `{run_id, as_of, since, icp_version, baseline_versions, candidates, revived, new, by_reason,
///   icp_changes: [{from, changes}], segments: {industry, size, country},
///   leads: [{rank, source, object, crm_id, company, owner, lifecycle, dismissed_at, baseline_icp,
///            baseline_score, baseline_tier, score, tier, is_new, reasons: [{kind, id, points_before, points_after, detail}]}],
///   unknown_values: [{criterion, field, candidates}]}`.
public enum JSONReport {
    public static func render(_ r: RunReport) -> String {
        let segments = zip(["industry", "size", "country"], ReportText.segmentKeys).map { name, segment in
            (name, JSONValue.object(Dictionary(uniqueKeysWithValues: r.segments(segment.1).map { ($0.0, JSONValue.int($0.1)) })))
        }
        let document = JSONValue.object([
            "run_id": .int(r.runID), "as_of": .string(r.asOf), "since": .optional(r.since), "icp_version": .string(r.icpVersion),
            "baseline_versions": .array(r.baselineVersions.map(JSONValue.string)), "candidates": .int(r.candidates),
            "revived": .int(r.revived), "new": .int(r.newRevived),
            "by_reason": .object(Dictionary(uniqueKeysWithValues: r.byReason.map { ($0.kind, JSONValue.int($0.count)) })),
            "icp_changes": .array(r.icpChanges.map { .object(["from": .string($0.from), "changes": .array($0.changes.map(JSONValue.string))]) }),
            "segments": .object(Dictionary(uniqueKeysWithValues: segments)),
            "leads": .array(r.leads.map { lead in
                .object([
                    "rank": .int(lead.rank), "source": .string(lead.source), "object": .string(lead.object), "crm_id": .string(lead.crmID),
                    "company": .optional(lead.company), "owner": .optional(lead.owner), "lifecycle": .string(lead.lifecycle),
                    "dismissed_at": .optional(lead.dismissedAt), "baseline_icp": .string(lead.baselineICP),
                    "baseline_score": .number(lead.baselineScore), "baseline_tier": .optional(lead.baselineTier),
                    "score": .number(lead.score), "tier": .string(lead.tier), "is_new": .bool(lead.isNew),
                    "reasons": .array(lead.reasons.map {
                        .object(["kind": .string($0.kind), "id": .string($0.id), "points_before": .number($0.before),
                                 "points_after": .number($0.after), "detail": .string($0.detail)])
                    }),
                ])
            }),
            "unknown_values": .array(r.unknownByCriterion.map {
                .object(["criterion": .string($0.id), "field": .string($0.field), "candidates": .int($0.count)])
            }),
        ])
        return document.rendered()
    }
}
