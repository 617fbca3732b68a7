import LeadData

/// One difference between two ICP versions, in words a sales leader understands.
public struct ICPChange: Sendable, Equatable {
    public enum Change: String, Sendable { case added, removed, changed }

    /// `criteria`, `triggers`, `disqualify`, `tiers`, `revive_at`, `resolved_lost_reasons`, `effective`, `description`.
    public var section: String
    /// The rule or tier the change is about, when there is one.
    public var id: String?
    public var change: Change
    public var text: String
}

/// What changed from one ICP version to another: rules matched by `id`, tiers by name.
///
/// ```swift
/// for change in ICPDiff.changes(from: old, to: new) { print(change.text) }
/// // employees band 201-1000 now gives 15 points (was 0)
/// ```
public enum ICPDiff {
    public static func changes(from a: ICPVersion, to b: ICPVersion) -> [ICPChange] {
        var changes: [ICPChange] = []
        if a.effective != b.effective {
            changes.append(.init(section: "effective", id: nil, change: .changed, text: "in force from \(b.effective.isoDay) (\(a.label) was from \(a.effective.isoDay))"))
        }
        changes += rules(a.criteria, b.criteria, section: "criteria", noun: "criterion")
        changes += rules(a.triggers, b.triggers, section: "triggers", noun: "trigger")
        changes += rules(a.disqualifiers, b.disqualifiers, section: "disqualify", noun: "disqualifier")
        for tier in b.tiers {
            if let old = a.tiers.first(where: { $0.name == tier.name }) {
                if old.threshold != tier.threshold {
                    changes.append(.init(section: "tiers", id: tier.name, change: .changed,
                                         text: "tier \(tier.name) now starts at \(points(tier.threshold)) points (was \(points(old.threshold)))"))
                }
            } else {
                changes.append(.init(section: "tiers", id: tier.name, change: .added, text: "new tier \(tier.name) from \(points(tier.threshold)) points"))
            }
        }
        for tier in a.tiers where !b.tiers.contains(where: { $0.name == tier.name }) {
            changes.append(.init(section: "tiers", id: tier.name, change: .removed, text: "tier \(tier.name) removed (was from \(points(tier.threshold)) points)"))
        }
        if a.reviveAt != b.reviveAt {
            changes.append(.init(section: "revive_at", id: nil, change: .changed,
                                 text: "leads are revived at tier \(b.reviveAt) or better (was \(a.reviveAt))"))
        }
        let oldReasons = Set(a.resolvedLostReasons.map(TextKey.make))
        let newReasons = Set(b.resolvedLostReasons.map(TextKey.make))
        for reason in b.resolvedLostReasons where !oldReasons.contains(TextKey.make(reason)) {
            changes.append(.init(section: "resolved_lost_reasons", id: reason, change: .added,
                                 text: "deals lost for '\(reason)' are worth another call: the product gap is closed"))
        }
        for reason in a.resolvedLostReasons where !newReasons.contains(TextKey.make(reason)) {
            changes.append(.init(section: "resolved_lost_reasons", id: reason, change: .removed,
                                 text: "'\(reason)' is no longer listed as resolved"))
        }
        return changes
    }

    private static func rules(_ old: [Criterion], _ new: [Criterion], section: String, noun: String) -> [ICPChange] {
        var changes: [ICPChange] = []
        for rule in new {
            guard let before = old.first(where: { $0.id == rule.id }) else {
                changes.append(.init(section: section, id: rule.id, change: .added, text: "new \(noun) \(rule.id): \(describe(rule))"))
                continue
            }
            changes += differences(before, rule, section: section, noun: noun)
        }
        for rule in old where !new.contains(where: { $0.id == rule.id }) {
            changes.append(.init(section: section, id: rule.id, change: .removed, text: "\(noun) \(rule.id) removed (was: \(describe(rule)))"))
        }
        return changes
    }

    private static func differences(_ a: Criterion, _ b: Criterion, section: String, noun: String) -> [ICPChange] {
        var texts: [String] = []
        let name = b.field.description
        switch (a.rule, b.rule) {
        case (.isIn(let x), .isIn(let y)), (.any(let x), .any(let y)), (.all(let x), .all(let y)),
             (.notIn(let x), .notIn(let y)), (.none(let x), .none(let y)), (.startsWith(let x), .startsWith(let y)), (.entered(let x), .entered(let y)), (.added(let x), .added(let y)):
            let oldKeys = Set(x.map(TextKey.make)), newKeys = Set(y.map(TextKey.make))
            let added = y.filter { !oldKeys.contains(TextKey.make($0)) }
            let removed = x.filter { !newKeys.contains(TextKey.make($0)) }
            let verb: String
            switch b.rule {
            case .notIn, .none: verb = "now also excludes"
            case .entered: verb = "now also counts entering"
            case .added: verb = "now also counts adopting"
            case .startsWith: verb = "now also counts values starting with"
            default: verb = "now also includes"
            }
            if !added.isEmpty { texts.append("\(b.id): \(name) \(verb) \(added.joined(separator: ", "))") }
            if !removed.isEmpty { texts.append("\(b.id): \(name) no longer \(verb.replacingOccurrences(of: "now also ", with: "")) \(removed.joined(separator: ", "))") }
        case (.bands(let x), .bands(let y)):
            for band in y {
                let old = x.first { $0.low == band.low && $0.high == band.high }
                if old?.points != band.points {
                    // A value in a new band's range that no old band covered gave 0 points.
                    let was = old?.points ?? x.first(where: { $0.low <= band.low && band.high <= $0.high })?.points ?? 0
                    texts.append("\(name) band \(range(band)) now gives \(points(band.points)) points (was \(points(was)))")
                }
            }
            for band in x where !y.contains(where: { $0.low == band.low && $0.high == band.high }) {
                texts.append("\(name) band \(range(band)) removed (gave \(points(band.points)) points)")
            }
        default:
            if a.rule != b.rule || a.field != b.field {
                texts.append("\(b.id): now \(describe(b, withPoints: false)) (was \(describe(a, withPoints: false)))")
            }
        }
        if a.points != b.points, let newPoints = b.points {
            texts.append("\(b.id) now gives \(points(newPoints)) points (was \(points(a.points ?? 0)))")
        }
        return texts.map { ICPChange(section: section, id: b.id, change: .changed, text: $0) }
    }

    /// A rule in words: "industry is one of Software, SaaS: +30".
    public static func describe(_ c: Criterion, withPoints: Bool = true) -> String {
        let field = c.field.description
        var text: String
        switch c.rule {
        case .isIn(let l): text = "\(field) is one of \(l.joined(separator: ", "))"
        case .notIn(let l): text = "\(field) is not one of \(l.joined(separator: ", "))"
        case .equals(let v): text = "\(field) is \(v)"
        case .startsWith(let l): text = "\(field) starts with \(l.joined(separator: " or "))"
        case .any(let l): text = "\(field) include any of \(l.joined(separator: ", "))"
        case .all(let l): text = "\(field) include all of \(l.joined(separator: ", "))"
        case .none(let l): text = "\(field) include none of \(l.joined(separator: ", "))"
        case .between(let a, let b): text = "\(field) between \(points(a)) and \(points(b))"
        case .atLeast(let n): text = "\(field) at least \(points(n))"
        case .below(let n): text = "\(field) below \(points(n))"
        case .exists(let flag): text = "\(field) is \(flag ? "known" : "unknown")"
        case .withinDays(let d): text = "\(field) within the last \(d) days"
        case .bands(let bands): text = "\(field) in bands " + bands.map { "\(range($0)): \(signed($0.points))" }.joined(separator: ", ")
        case .grewBy(let fraction): text = "\(field) grew \(points(fraction * 100))% or more since dismissal"
        case .changed: text = "\(field) changed since dismissal"
        case .entered(let l): text = "\(field) became one of \(l.joined(separator: ", ")) since dismissal"
        case .added(let l): text = "\(field) gained any of \(l.joined(separator: ", ")) since dismissal"
        case .afterDismissal: text = "\(field) after the dismissal date"
        }
        if withPoints, let p = c.points { text += ": \(signed(p))" }
        return text
    }

    /// Points with their sign: "+30", "-15".
    public static func signed(_ value: Double) -> String {
        value < 0 ? points(value) : "+" + points(value)
    }

    static func range(_ band: Band) -> String { "\(points(band.low))-\(points(band.high))" }

    public static func points(_ value: Double) -> String {
        NumberRange.text(value)
    }
}
