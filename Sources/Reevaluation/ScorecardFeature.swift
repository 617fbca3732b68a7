import Foundation
import ICP
import LeadData

/// One characteristic of a scorecard: a field cut into groups, each of which an ICP rule can
/// name, so that the points learned for a group are the points the scorer gives. Every record
/// falls in exactly one group, and missing is a group of its own.
struct ScorecardFeature {
    /// What a group is, in the terms of an ICP rule.
    enum Group: Equatable {
        /// One value (text compared as rules compare it), shown as most records spell it.
        case value(key: String, shown: String)
        /// Every value not named by the feature's `value` groups (the long tail).
        case other
        case missing
        /// A number band [low, high].
        case band(low: Double, high: Double)
        /// A range that no band wholly holds (`51-200` across two bands): the scorer gives it 0.
        case unbanded
        /// A list holding the value, or not (missing counts as not).
        case has(String)
        case hasNot(String)
        /// A date known, or not.
        case present
    }

    let field: FieldReference
    let groups: [Group]
    /// The group of a record's value.
    let group: (FieldValue) -> Int

    var name: String { field.description }

    /// The groups the scorer can give points to: `unbanded` and `hasNot` always score 0.
    func expressible(_ g: Group) -> Bool {
        switch g {
        case .unbanded, .hasNot: return false
        default: return true
        }
    }
}

/// Builds the candidate features from the records learned from.
struct ScorecardCandidates {
    /// Fields that record the outcome, identify the record or its people, or date its handling:
    /// never a criterion (DESIGN.md: never a field that records the outcome).
    static let notCandidates: Set<CanonicalField> = [.crmID, .status, .lostReason, .closedAt, .amount, .accountID, .email, .owner,
                                                     .createdAt, .lastActivityAt, .modifiedAt, .company, .domain]
    /// The most named values of one field (the rest are grouped as other).
    static let maxValues = 12
    /// The most technologies considered.
    static let maxTechnologies = 10

    let records: [LeadRecord]
    /// A value must be this common to be a group of its own.
    let minCount: Int

    init(records: [LeadRecord]) {
        self.records = records
        minCount = max(5, records.count / 100)
    }

    func all(excluding excluded: (FieldReference) -> Bool) -> [ScorecardFeature] {
        var features: [ScorecardFeature] = []
        for d in FieldDescriptor.all where !Self.notCandidates.contains(d.field) {
            let field = FieldReference.canonical(d.field)
            guard !excluded(field) else { continue }
            switch d.kind {
            case .text, .country: features += values(field).map { [$0] } ?? []
            case .number: features += bands(field).map { [$0] } ?? []
            case .list: features += technologies(field)
            case .date: features += presence(field).map { [$0] } ?? []
            }
        }
        var columns = Set<String>()
        for r in records { columns.formUnion(r.attributes.keys) }
        for column in columns.sorted() {
            let field = FieldReference.attribute(column)
            guard !excluded(field) else { continue }
            if let f = bands(field, onlyIfNumeric: true) ?? values(field) { features.append(f) }
        }
        return features
    }

    /// Text values: the common ones named, the long tail grouped, missing its own group.
    /// Nil for an identifier-like field (nearly every value different) or one with no common value.
    func values(_ field: FieldReference) -> ScorecardFeature? {
        var counts: [String: Int] = [:]
        var spellings: [String: [String: Int]] = [:]
        var present = 0
        for r in records {
            guard let text = field.value(in: r).display else { continue }
            present += 1
            let key = TextKey.make(text)
            counts[key, default: 0] += 1
            spellings[key, default: [:]][text.trimmed, default: 0] += 1
        }
        guard present > 0, counts.count <= max(50, present / 2) else { return nil }
        let named = counts.filter { $0.value >= minCount }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(Self.maxValues).map(\.key)
        guard !named.isEmpty else { return nil }
        var groups: [ScorecardFeature.Group] = named.map { key in
            let shown = spellings[key]!.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
            return .value(key: key, shown: shown)
        }
        let index = Dictionary(uniqueKeysWithValues: named.enumerated().map { ($1, $0) })
        let other = groups.count, missing = groups.count + 1
        groups += [.other, .missing]
        return ScorecardFeature(field: field, groups: groups) { value in
            guard let text = value.display else { return missing }
            return index[TextKey.make(text)] ?? other
        }
    }

    /// Numbers in bands cut at the quintiles of the values, missing its own group. With
    /// `onlyIfNumeric`, an attribute column qualifies only if nearly all its values are numbers.
    func bands(_ field: FieldReference, onlyIfNumeric: Bool = false) -> ScorecardFeature? {
        var lows: [Double] = []
        var present = 0
        for r in records {
            let value = field.value(in: r)
            if case .missing = value { continue }
            present += 1
            if let n = value.numberRange { lows.append(n.low) }
        }
        guard !lows.isEmpty, !onlyIfNumeric || Double(lows.count) >= 0.95 * Double(present) else { return nil }
        lows.sort()
        guard lows.first! >= -ICPLimits.magnitude, lows.last! <= ICPLimits.magnitude else { return nil }
        let whole = lows.allSatisfy { $0 == $0.rounded() }
        if onlyIfNumeric && Set(lows).count <= 6 { return nil }   // a few codes: values read better
        var cuts: [Double] = []
        for q in [0.2, 0.4, 0.6, 0.8] {
            let c = lows[min(lows.count - 1, Int(Double(lows.count) * q))]
            if c > lows.first!, cuts.last.map({ c > $0 }) ?? true { cuts.append(c) }
        }
        guard !cuts.isEmpty else { return nil }
        let step = whole ? 1 : Self.step(lows)
        let bottom = lows.first! >= 0 ? 0 : -ICPLimits.magnitude
        var groups: [ScorecardFeature.Group] = []
        var low = bottom
        for c in cuts {
            groups.append(.band(low: low, high: c - step))
            low = c
        }
        groups.append(.band(low: low, high: ICPLimits.magnitude))
        let bounds = groups.map { g -> (Double, Double) in if case .band(let l, let h) = g { return (l, h) } else { return (0, 0) } }
        let unbanded = groups.count, missing = groups.count + 1
        groups += [.unbanded, .missing]
        return ScorecardFeature(field: field, groups: groups) { value in
            if case .missing = value { return missing }
            guard let n = value.numberRange, let high = n.high else { return value.numberRange == nil ? missing : unbanded }
            return bounds.firstIndex { n.low >= $0.0 && high <= $0.1 } ?? unbanded
        }
    }

    /// Each common technology as a yes/no characteristic.
    func technologies(_ field: FieldReference) -> [ScorecardFeature] {
        var counts: [String: (Int, String)] = [:]
        for r in records {
            guard case .list(let items) = field.value(in: r) else { continue }
            for item in Set(items.map(TextKey.make)) { counts[item, default: (0, items.first { TextKey.make($0) == item } ?? item)].0 += 1 }
        }
        let common = counts.filter { $0.value.0 >= minCount }.sorted { $0.value.0 != $1.value.0 ? $0.value.0 > $1.value.0 : $0.key < $1.key }
            .prefix(Self.maxTechnologies)
        return common.map { key, entry in
            ScorecardFeature(field: field, groups: [.has(entry.1), .hasNot(entry.1)]) { value in
                guard case .list(let items) = value else { return 1 }
                return items.contains { TextKey.make($0) == key } ? 0 : 1
            }
        }
    }

    /// A date as known or not (a funding date on file).
    func presence(_ field: FieldReference) -> ScorecardFeature? {
        ScorecardFeature(field: field, groups: [.present, .missing]) { value in
            if case .missing = value { return 1 }
            return 0
        }
    }

    /// The smallest step between values with at most 6 decimals (0.01 for money with cents).
    static func step(_ values: [Double]) -> Double {
        var step = 1.0
        for _ in 0..<6 {
            if values.allSatisfy({ ($0 / step).rounded() * step == $0 || abs(($0 / step).rounded() * step - $0) < step * 1e-6 }) { return step }
            step /= 10
        }
        return step
    }
}
