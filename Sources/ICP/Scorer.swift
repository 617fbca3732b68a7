import LeadData

/// The outcome of one rule for one lead.
public enum Verdict: String, Sendable, Equatable, Codable {
    case match, miss, unknown
}

/// One line of an explanation: a rule, what it saw, and the points it gave.
public struct Outcome: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case criterion, trigger, disqualifier
    }

    public var kind: Kind
    public var id: String
    public var field: String
    public var verdict: Verdict
    /// The value the rule read. Kept as read and spelt out only when asked (`value`): most
    /// outcomes of a run are never shown, and formatting each was a tenth of its judging time.
    public var read: FieldValue
    public var points: Double
    /// For a rule over history (`grew_by`, `changed`, `entered`, `added`, `after_dismissal`), the
    /// value it compared with: the field at dismissal, or the dismissal date for
    /// `after_dismissal`; nil for every other rule, and where no dismissal state was given.
    public var readThen: FieldValue? = nil

    /// The value the rule read, as text (`250`, `51-200`, `Salesforce; HubSpot`); nil when missing.
    public var value: String? { read.display }
    /// The value at dismissal a rule over history compared with, as text; nil when missing.
    public var valueThen: String? { readThen?.display }
}

/// What a lead was when it was dismissed: the state the rules over history compare its newest
/// state with, and the date it was dropped.
public struct DismissalState: Sendable {
    public var record: LeadRecord
    public var dismissedAt: Timestamp

    public init(record: LeadRecord, dismissedAt: Timestamp) {
        self.record = record
        self.dismissedAt = dismissedAt
    }
}

/// A lead's score under one ICP version as of one date, with the explanation that adds up to it.
public struct Evaluation: Sendable, Equatable {
    public var icpVersion: String
    public var score: Double
    /// The tier the score earns, `DQ` when a disqualifier matched, nil below every threshold.
    public var tier: String?
    public var outcomes: [Outcome]

    public var isDisqualified: Bool { tier == Scorer.disqualifiedTier }

    public func outcome(_ id: String) -> Outcome? { outcomes.first { $0.id == id } }
}

/// Scores leads against one ICP version: a pure function of (lead, state at dismissal, version,
/// as-of date). Without a state at dismissal (a baseline, a backtest) the rules over history are
/// `unknown` and give 0 points.
///
/// The version's values are normalised once here (lower-cased text, ISO country codes), so
/// scoring a lead does no parsing beyond reading its own values.
///
/// ```swift
/// let scorer = Scorer(version)
/// let evaluation = scorer.evaluate(record, asOf: Timestamp(year: 2026, month: 11, day: 22))
/// print(evaluation.score, evaluation.tier ?? "-")
/// ```
public struct Scorer: Sendable {
    public static let disqualifiedTier = "DQ"
    public let version: ICPVersion
    private let criteria: [PreparedRule]
    private let triggers: [PreparedRule]
    private let disqualifiers: [PreparedRule]

    public init(_ version: ICPVersion) {
        self.version = version
        criteria = version.criteria.map(PreparedRule.init)
        triggers = version.triggers.map(PreparedRule.init)
        disqualifiers = version.disqualifiers.map(PreparedRule.init)
    }

    public func evaluate(_ record: LeadRecord, asOf: Timestamp, since then: DismissalState? = nil) -> Evaluation {
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(criteria.count + triggers.count + disqualifiers.count)
        var score = 0.0
        func add(_ kind: Outcome.Kind, _ rules: [PreparedRule]) {
            for rule in rules {
                let value = rule.value(in: record)
                var outcome = Outcome(kind: kind, id: rule.criterion.id, field: rule.fieldName, verdict: .unknown, read: value, points: 0)
                if rule.readsHistory {
                    if let then {
                        let before = rule.valueThen(in: then)
                        (outcome.verdict, outcome.points) = rule.testHistory(value, then: before)
                        outcome.readThen = before
                    }
                } else {
                    (outcome.verdict, outcome.points) = rule.test(value, asOf: asOf)
                }
                score += outcome.points
                outcomes.append(outcome)
            }
        }
        add(.criterion, criteria)
        add(.trigger, triggers)
        var disqualified = false
        for rule in disqualifiers {
            let value = rule.value(in: record)
            let (verdict, _) = rule.test(value, asOf: asOf)
            if verdict == .match { disqualified = true }
            outcomes.append(Outcome(kind: .disqualifier, id: rule.criterion.id, field: rule.fieldName,
                                    verdict: verdict, read: value, points: 0))
        }
        return Evaluation(icpVersion: version.label, score: score,
                          tier: disqualified ? Self.disqualifiedTier : version.tier(for: score), outcomes: outcomes)
    }
}

/// A rule with its comparison values normalised once. A class: scoring walks every rule for
/// every lead, and a struct of this many references cost a retain and release of each per step.
final class PreparedRule: Sendable {
    let criterion: Criterion
    /// The field's name as explanations write it, worked out once.
    let fieldName: String
    private let keys: Set<String>
    private let keyList: [String]
    private let isCountry: Bool
    /// Whether the rule compares with the state at dismissal (worked out once).
    let readsHistory: Bool
    /// Reads the rule's field, its descriptor looked up once.
    private let read: @Sendable (LeadRecord) -> FieldValue

    init(_ criterion: Criterion) {
        self.criterion = criterion
        readsHistory = criterion.rule.readsHistory
        switch criterion.field {
        case .canonical(let field):
            read = field.descriptor.reader
        case .attribute(let column):
            read = { $0.attribute(column) }
        }
        fieldName = criterion.field.description
        isCountry = criterion.field == .canonical(.country)
        var texts: [String] = []
        switch criterion.rule {
        case .isIn(let l), .notIn(let l), .startsWith(let l), .any(let l), .all(let l), .none(let l), .entered(let l), .added(let l): texts = l
        case .equals(let t): texts = [t]
        default: break
        }
        let isCountry = self.isCountry
        keyList = texts.map { isCountry ? (Country.code($0) ?? TextKey.make($0)) : TextKey.make($0) }
        keys = Set(keyList)
    }

    /// The rule's field in `record`.
    func value(in record: LeadRecord) -> FieldValue { read(record) }

    private func key(_ text: String) -> String {
        isCountry ? (Country.code(text) ?? TextKey.make(text)) : TextKey.make(text)
    }

    /// The verdict and the points for a value; a missing value is unknown and scores 0.
    func test(_ value: FieldValue, asOf: Timestamp) -> (Verdict, Double) {
        let points = criterion.points ?? 0
        func result(_ matched: Bool) -> (Verdict, Double) { matched ? (.match, points) : (.miss, 0) }
        if case .exists(let wanted) = criterion.rule {
            if case .missing = value { return result(!wanted) }
            return result(wanted)
        }
        if case .missing = value { return (.unknown, 0) }
        switch criterion.rule {
        case .isIn:
            guard let text = Self.text(value) else { return (.unknown, 0) }
            return result(keys.contains(key(text)))
        case .notIn:
            guard let text = Self.text(value) else { return (.unknown, 0) }
            return result(!keys.contains(key(text)))
        case .startsWith:
            guard let text = Self.text(value) else { return (.unknown, 0) }
            let k = key(text)
            return result(keyList.contains { k.hasPrefix($0) })
        case .equals:
            if case .number(let range) = value, let wanted = Double(keyList[0]) { return result(range.isExact && range.low == wanted) }
            guard let text = Self.text(value) else { return (.unknown, 0) }
            return result(keys.contains(key(text)))
        case .any, .all, .none:
            let items = Self.list(value).map(key)
            guard !items.isEmpty else { return (.unknown, 0) }
            switch criterion.rule {
            case .any: return result(items.contains { keys.contains($0) })
            case .all: return result(keys.allSatisfy { items.contains($0) })
            default: return result(!items.contains { keys.contains($0) })
            }
        case .between(let low, let high):
            guard let range = value.numberRange else { return (.unknown, 0) }
            return result(range.low >= low && (range.high.map { $0 <= high } ?? false))
        case .atLeast(let bound):
            guard let range = value.numberRange else { return (.unknown, 0) }
            return result(range.low >= bound)
        case .below(let bound):
            guard let range = value.numberRange else { return (.unknown, 0) }
            return result(range.high.map { $0 < bound } ?? false)
        case .withinDays(let days):
            guard let date = Self.date(value) else { return (.unknown, 0) }
            let day = date.dayNumber, today = asOf.dayNumber
            return result(day <= today && day >= today - days)
        case .bands(let bands):
            guard let range = value.numberRange else { return (.unknown, 0) }
            guard let high = range.high, let band = bands.first(where: { range.low >= $0.low && high <= $0.high }) else {
                return (.miss, 0)
            }
            return (.match, band.points)
        case .exists, .grewBy, .changed, .entered, .added, .afterDismissal:
            return (.unknown, 0)
        }
    }

    /// What a rule over history compares with: the field at dismissal, or for `after_dismissal`
    /// the dismissal date itself.
    func valueThen(in then: DismissalState) -> FieldValue {
        if case .afterDismissal = criterion.rule { return .date(then.dismissedAt) }
        return value(in: then.record)
    }

    /// The verdict and points of a rule over history, comparing the value now with the value then
    /// as rules match values (text ignoring case and spaces, countries as codes, lists as sets); a
    /// missing value on either side is unknown, and a range counts only for what all of it says.
    func testHistory(_ now: FieldValue, then: FieldValue) -> (Verdict, Double) {
        let points = criterion.points ?? 0
        func result(_ matched: Bool) -> (Verdict, Double) { matched ? (.match, points) : (.miss, 0) }
        if case .missing = now { return (.unknown, 0) }
        if case .missing = then { return (.unknown, 0) }
        switch criterion.rule {
        case .grewBy(let fraction):
            guard let after = now.numberRange, let before = then.numberRange else { return (.unknown, 0) }
            // An open range then ("1000+") has no top, so no growth from it is certain.
            guard let top = before.high else { return (.miss, 0) }
            return result(after.low > top && after.low >= top * (1 + fraction))
        case .changed:
            guard let after = signature(now), let before = signature(then) else { return (.unknown, 0) }
            return result(after != before)
        case .entered:
            guard let after = Self.text(now), let before = Self.text(then) else { return (.unknown, 0) }
            return result(keys.contains(key(after)) && !keys.contains(key(before)))
        case .added:
            let after = Set(Self.list(now).map(key)), before = Set(Self.list(then).map(key))
            guard !after.isEmpty, !before.isEmpty else { return (.unknown, 0) }
            return result(keyList.contains { after.contains($0) && !before.contains($0) })
        case .afterDismissal:
            guard let after = Self.date(now), let before = Self.date(then) else { return (.unknown, 0) }
            return result(after.dayNumber > before.dayNumber)
        default:
            return (.unknown, 0)
        }
    }

    /// A value in the form two values compare equal in when rules would match them alike.
    private func signature(_ value: FieldValue) -> String? {
        switch value {
        case .missing: return nil
        case .number(let n): return "n\(n.low)-\(n.high.map { "\($0)" } ?? "+")"
        case .date(let d): return "d\(d.dayNumber)"
        case .list(let l): return "l" + Set(l.map(key)).sorted().joined(separator: "\u{1}")
        case .text(let t): return "t" + key(t)
        }
    }

    private static func text(_ value: FieldValue) -> String? {
        switch value {
        case .text(let t): return t
        case .number(let n): return n.description
        case .date(let d): return d.isoDay
        case .list(let l): return l.count == 1 ? l[0] : l.joined(separator: "; ")
        case .missing: return nil
        }
    }

    private static func list(_ value: FieldValue) -> [String] {
        switch value {
        case .list(let l): return l
        case .text(let t): return TextValues.list(t)
        default: return text(value).map { [$0] } ?? []
        }
    }

    private static func date(_ value: FieldValue) -> Timestamp? {
        switch value {
        case .date(let d): return d
        case .text(let t): return DateParser().parse(t)
        default: return nil
        }
    }
}
