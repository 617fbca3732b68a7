import Foundation
import LeadData

/// The canonical JSON form of a version, stored in `icp_versions.canonical_json` for analysts:
/// key-sorted, so the same ICP gives the same text. (Explanations are not stored: `explain`
/// recomputes them from the stored states.)
extension ICPVersion {
    public var canonicalJSON: String {
        func rule(_ c: Criterion) -> [String: Any] {
            var object: [String: Any] = ["id": c.id, "field": c.field.description, "operator": c.rule.name]
            switch c.rule {
            case .isIn(let l), .notIn(let l), .startsWith(let l), .any(let l), .all(let l), .none(let l), .entered(let l), .added(let l): object["values"] = l
            case .equals(let t): object["values"] = [t]
            case .between(let a, let b): object["values"] = [a, b]
            case .atLeast(let n), .below(let n): object["values"] = [n]
            case .exists(let flag): object["values"] = [flag]
            case .withinDays(let d): object["values"] = [d]
            case .grewBy(let fraction): object["values"] = [fraction]
            case .changed, .afterDismissal: object["values"] = [true]
            case .bands(let bands): object["bands"] = bands.map { ["between": [$0.low, $0.high], "points": $0.points] }
            }
            if let points = c.points { object["points"] = points }
            return object
        }
        let object: [String: Any] = [
            "version": label, "effective": effective.isoDay, "description": description ?? NSNull(),
            "tiers": Dictionary(uniqueKeysWithValues: tiers.map { ($0.name, $0.threshold) }), "revive_at": reviveAt,
            "criteria": criteria.map(rule), "triggers": triggers.map(rule), "disqualify": disqualifiers.map(rule),
            "resolved_lost_reasons": resolvedLostReasons,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
