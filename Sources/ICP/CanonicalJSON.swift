import Foundation
import LeadData

/// JSON forms of versions and evaluations: the stored explanation of every score, and the
/// canonical form of a version (key-sorted, so the same ICP gives the same text).
extension ICPVersion {
    public var canonicalJSON: String {
        func rule(_ c: Criterion) -> [String: Any] {
            var object: [String: Any] = ["id": c.id, "field": c.field.description, "operator": c.rule.name]
            switch c.rule {
            case .isIn(let l), .notIn(let l), .any(let l), .all(let l), .none(let l): object["values"] = l
            case .equals(let t): object["values"] = [t]
            case .between(let a, let b): object["values"] = [a, b]
            case .atLeast(let n), .below(let n): object["values"] = [n]
            case .exists(let flag): object["values"] = [flag]
            case .withinDays(let d): object["values"] = [d]
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

extension Evaluation {
    /// `{"icp": …, "score": …, "tier": …, "outcomes": [{"kind", "id", "field", "verdict", "value", "points"}]}`.
    public var json: String { String(decoding: jsonBytes, as: UTF8.self) }

    /// The same JSON as UTF-8 bytes, built without intermediate strings: a run writes two of
    /// these per candidate.
    public var jsonBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(160 + 130 * outcomes.count)
        JSONText.appendLiteral(#"{"icp":"#, to: &out)
        JSONText.append(icpVersion, to: &out)
        JSONText.appendLiteral(#","score":"#, to: &out)
        JSONText.appendNumber(score, to: &out)
        JSONText.appendLiteral(#","tier":"#, to: &out)
        if let tier { JSONText.append(tier, to: &out) } else { JSONText.appendLiteral("null", to: &out) }
        JSONText.appendLiteral(#","outcomes":["#, to: &out)
        for (i, o) in outcomes.enumerated() {
            if i > 0 { out.append(0x2C) }
            switch o.kind {
            case .criterion: JSONText.appendLiteral(#"{"kind":"criterion","id":"#, to: &out)
            case .trigger: JSONText.appendLiteral(#"{"kind":"trigger","id":"#, to: &out)
            case .disqualifier: JSONText.appendLiteral(#"{"kind":"disqualifier","id":"#, to: &out)
            }
            JSONText.append(o.id, to: &out)
            JSONText.appendLiteral(#","field":"#, to: &out)
            JSONText.append(o.field, to: &out)
            switch o.verdict {
            case .match: JSONText.appendLiteral(#","verdict":"match","value":"#, to: &out)
            case .miss: JSONText.appendLiteral(#","verdict":"miss","value":"#, to: &out)
            case .unknown: JSONText.appendLiteral(#","verdict":"unknown","value":"#, to: &out)
            }
            if let value = o.value { JSONText.append(value, to: &out) } else { JSONText.appendLiteral("null", to: &out) }
            JSONText.appendLiteral(#","points":"#, to: &out)
            JSONText.appendNumber(o.points, to: &out)
            out.append(0x7D)
        }
        JSONText.appendLiteral("]}", to: &out)
        return out
    }
}
