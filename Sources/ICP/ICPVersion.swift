import LeadData

/// One version of the Ideal Customer Profile, parsed and validated: the criteria that add up
/// to the fit score, the buying triggers, the disqualifiers, the tiers, and the lost reasons
/// the product has since resolved.
public struct ICPVersion: Sendable, Equatable {
    /// The unique label (`2025-q3`); a registered label never changes its content.
    public var label: String
    /// In force from this day until a later version's day.
    public var effective: Timestamp
    public var description: String?
    /// Tiers from the highest threshold down: a score at or above a threshold gets that tier.
    public var tiers: [Tier]
    /// Revived means the current tier is this one or better.
    public var reviveAt: String
    public var criteria: [Criterion]
    public var triggers: [Criterion]
    public var disqualifiers: [Criterion]
    /// Lost reasons the product has since resolved (compared ignoring case and spaces).
    public var resolvedLostReasons: [String]

    public struct Tier: Sendable, Equatable {
        public var name: String
        public var threshold: Double
    }

    /// The highest score the criteria and triggers can give: a rule with negative points adds
    /// nothing to it (the best lead misses that rule).
    public var maxScore: Double {
        (criteria + triggers).reduce(0) { $0 + max(0, $1.maxPoints) }
    }

    /// The tier a score earns; nil below every threshold.
    public func tier(for score: Double) -> String? {
        tiers.first { score >= $0.threshold }?.name
    }

    /// Whether `tier` is `revive_at` or better (DQ and nil never are).
    public func isReviveTier(_ tier: String?) -> Bool {
        guard let tier, let position = rank(of: tier), let needed = rank(of: reviveAt) else { return false }
        return position <= needed
    }

    /// 0 for the best tier, then 1, …; nil for DQ, nil and unknown names.
    public func rank(of tier: String) -> Int? {
        tiers.firstIndex { $0.name == tier }
    }

    /// Whether `reason` is among the resolved lost reasons.
    public func resolves(lostReason reason: String?) -> Bool {
        guard let reason else { return false }
        let key = TextKey.make(reason)
        return resolvedLostReasons.contains { TextKey.make($0) == key }
    }
}

/// One rule of an ICP: a criterion (points), a trigger (points) or a disqualifier (no points).
public struct Criterion: Sendable, Equatable {
    public var id: String
    public var field: FieldReference
    public var rule: Rule
    /// Points for a match; nil for disqualifiers and banded criteria.
    public var points: Double?
    /// The line in the ICP file, for messages.
    public var line: Int

    public var maxPoints: Double {
        if case .bands(let bands) = rule { return bands.map(\.points).max() ?? 0 }
        return points ?? 0
    }
}

/// What a criterion reads: a canonical field, or an export column kept in `attributes`.
public enum FieldReference: Sendable, Equatable, Hashable, CustomStringConvertible {
    case canonical(CanonicalField)
    case attribute(String)

    public var description: String {
        switch self {
        case .canonical(let field): return field.rawValue
        case .attribute(let column): return "attributes.\(column)"
        }
    }

    public func value(in record: LeadRecord) -> FieldValue {
        switch self {
        case .canonical(let field): return record.value(of: field)
        case .attribute(let column): return record.attribute(column)
        }
    }
}

/// A criterion's test.
public enum Rule: Sendable, Equatable {
    case isIn([String])
    case notIn([String])
    case equals(String)
    /// The text starts with one of these (ignoring case and surrounding spaces): industry codes
    /// by their first digits (`starts_with: ["5112", "5182"]`).
    case startsWith([String])
    case any([String])
    case all([String])
    case none([String])
    case between(Double, Double)
    case atLeast(Double)
    case below(Double)
    case exists(Bool)
    case withinDays(Int)
    case bands([Band])
    // What changed since the lead was dropped (triggers only): each compares the newest state
    // with the state at dismissal, so it can only match in a current evaluation.
    /// The number grew by at least this fraction (0.3 for `grew_by: 30%`): now's low bound is at
    /// least (1 + fraction) × then's high bound.
    case grewBy(Double)
    /// A different value now than then (`changed: true`).
    case changed
    /// The value is in the list now and was not then.
    case entered([String])
    /// Some listed value is in the list field now and was not then.
    case added([String])
    /// A date after the dismissal date (`after_dismissal: true`).
    case afterDismissal

    /// The operator's name as written in ICP files.
    public var name: String {
        switch self {
        case .isIn: return "in"
        case .notIn: return "not_in"
        case .equals: return "equals"
        case .startsWith: return "starts_with"
        case .any: return "any"
        case .all: return "all"
        case .none: return "none"
        case .between: return "between"
        case .atLeast: return "at_least"
        case .below: return "below"
        case .exists: return "exists"
        case .withinDays: return "within_days"
        case .bands: return "bands"
        case .grewBy: return "grew_by"
        case .changed: return "changed"
        case .entered: return "entered"
        case .added: return "added"
        case .afterDismissal: return "after_dismissal"
        }
    }

    /// Whether the rule compares the newest state with the state at dismissal: such a rule is
    /// allowed under `triggers:` only, and is `unknown` wherever no dismissal state is given
    /// (a baseline, a backtest).
    public var readsHistory: Bool {
        switch self {
        case .grewBy, .changed, .entered, .added, .afterDismissal: return true
        default: return false
        }
    }
}

/// One graded band of a criterion: a value wholly inside [low, high] gets `points`.
public struct Band: Sendable, Equatable {
    public var low: Double
    public var high: Double
    public var points: Double
}

/// Text compared the way ICP files mean it: ignoring case and surrounding or repeated spaces.
public enum TextKey {
    public static func make(_ text: String) -> String {
        // ASCII with single inner spaces and none around (most values) only needs lower-casing.
        var previous: UInt8 = 0x20
        var plain = true
        for byte in text.utf8 {
            if byte >= 0x80 || (byte < 0x21 && (byte != 0x20 || previous == 0x20)) { plain = false; break }
            previous = byte
        }
        if plain && previous != 0x20 { return text.lowercased() }
        return text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
