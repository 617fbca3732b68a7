import ICP
import LeadData

/// What re-evaluating one candidate found: its baseline and current evaluations, whether it is
/// revived, and why its score moved.
public struct Judgement: Sendable {
    public var baseline: Evaluation
    public var current: Evaluation
    public var revived: Bool
    /// The reasons, whose point changes add up to current − baseline; empty unless revived.
    public var reasons: [Reason]
    /// The date of the most recent matched trigger now, for ranking; nil unless revived.
    public var latestTrigger: Timestamp?
    /// The company as the newest snapshot names it, for previews; nil unless revived.
    public var company: String?
    /// For a lead not revived that would be if its unknown values matched: the fields to fill,
    /// the points they could add and the tier they would make it.
    public var enrich: Enrichment?

    public struct Enrichment: Sendable {
        public var fields: [String]
        public var gain: Double
        public var tier: String
    }

    public var delta: Double { current.score - baseline.score }
}

/// Judges candidates: a pure function of the lead's data, the two ICP versions and the dates.
///
/// ```swift
/// let judge = Judge(versions: registeredVersions, current: versionInForceNow)
/// let judgement = judge.judge(candidate, asOf: now)
/// ```
public struct Judge: Sendable {
    public let current: ICPVersion
    private let currentScorer: Scorer
    /// The registered versions, each with the scorer its baselines are judged by.
    private let versions: [ICPVersion]
    private let baselines: [Baseline]
    /// The most points each of the current version's rules can give, in its outcomes' order
    /// (disqualifiers give none).
    private let maxPoints: [Double]
    /// The ids of the current version's rules in the order its evaluations list their outcomes
    /// (criteria, triggers, disqualifiers): what per-rule counts are kept by.
    public let currentRuleIDs: [String]
    /// Whether the current version has rules over history: only then is the state at dismissal
    /// handed to its scorer (a run of an ICP without them pays nothing for them).
    private let readsHistory: Bool

    /// `versions` are the registered versions (the baseline is chosen among them by dismissal
    /// date); `current` is the version applied now.
    public init(versions: [ICPVersion], current: ICPVersion) {
        self.current = current
        self.versions = versions.isEmpty ? [current] : versions
        let currentScorer = Scorer(current)
        self.currentScorer = currentScorer
        // A registered version under the current one's label is scored as the current one.
        baselines = self.versions.map { Baseline(version: $0, scorer: $0.label == current.label ? currentScorer : Scorer($0)) }
        // A rule over history cannot be filled in by enriching today: it adds nothing to what a
        // lead worth enriching could reach.
        maxPoints = (current.criteria + current.triggers).map { $0.rule.readsHistory ? 0 : $0.maxPoints }
            + current.disqualifiers.map { _ in 0 }
        currentRuleIDs = (current.criteria + current.triggers + current.disqualifiers).map(\.id)
        readsHistory = current.triggers.contains { $0.rule.readsHistory }
    }

    /// The fields any registered version's rules read, and the company revived leads are shown
    /// by: a judgement reads no other, so a run decodes only their columns.
    public var fieldsRead: Set<String> {
        var fields: Set<String> = [CanonicalField.company.rawValue]
        for version in versions + [current] {
            for rule in version.criteria + version.triggers + version.disqualifiers {
                switch rule.field {
                case .canonical(let field): fields.insert(field.rawValue)
                case .attribute: fields.insert("attributes")
                }
            }
        }
        return fields
    }

    /// A registered version and its scorer, shared by reference: a run picks one per candidate.
    private final class Baseline: Sendable {
        let version: ICPVersion
        let scorer: Scorer
        init(version: ICPVersion, scorer: Scorer) {
            self.version = version
            self.scorer = scorer
        }
    }

    /// The version in force on the dismissal date; with no date, the earliest.
    private func baseline(for dismissedAt: Timestamp?) -> Baseline {
        // `versions` is never empty: without registered versions it holds the current one.
        let index = ICPVersion.inForceIndex(among: versions, at: dismissedAt) ?? 0
        return baselines[index]
    }

    public func judge(_ candidate: Candidate, asOf: Timestamp) -> Judgement? {
        guard let (before, now) = candidate.records() else { return nil }
        let chosen = baseline(for: candidate.baselineDate)
        let baselineDate = candidate.baselineDate ?? asOf
        let baseline = chosen.scorer.evaluate(before, asOf: baselineDate)
        // The rules over history compare the newest state with the baseline state.
        let then = readsHistory ? candidate.baselineDate.map { DismissalState(record: before, dismissedAt: $0) } : nil
        let current = currentScorer.evaluate(now, asOf: asOf, since: then)

        let newlyResolved = current.isDisqualified == false && self.current.resolves(lostReason: candidate.lostReason)
            && !chosen.version.resolves(lostReason: candidate.lostReason)
        // Revived means "fits now and did not then": a lead already at its baseline version's
        // `revive_at` when it was dropped was dropped for another reason, whatever its tier now.
        let fitsNow = self.current.isReviveTier(current.tier) && !current.isDisqualified
        let fittedThen = chosen.version.isReviveTier(baseline.tier) && !baseline.isDisqualified
        let revived = fitsNow && (!fittedThen || newlyResolved)
        // Reasons, the ranking trigger and the company are read only for revived leads: their
        // texts are not formatted for the rest.
        guard revived else {
            return Judgement(baseline: baseline, current: current, revived: false, reasons: [], latestTrigger: nil, company: nil,
                             enrich: fittedThen || current.isDisqualified ? nil : enrichment(current))
        }
        // The middle step, which only reasons need: the current ICP on what was known at
        // dismissal. When the baseline version is the current one, that is the baseline itself.
        let middle = chosen.version.label == self.current.label ? baseline : currentScorer.evaluate(before, asOf: baselineDate)
        var reasons: [Reason] = []
        reasons += criterionReasons(baseline: baseline, middle: middle, current: current, baselineVersion: chosen.version)
        reasons += triggerReasons(baseline: baseline, current: current, dismissedAt: baselineDate)
        reasons += disqualifierReasons(baseline: baseline, middle: middle, current: current)
        if newlyResolved, let reason = candidate.lostReason {
            reasons.append(Reason(kind: .lostReasonResolved, id: "lost_reason", field: "lost_reason", pointsBefore: 0, pointsAfter: 0,
                                  valueBefore: reason, valueAfter: reason, detail: "lost for '\(reason)', now resolved"))
        }
        return Judgement(baseline: baseline, current: current, revived: true, reasons: Self.ordered(reasons),
                         latestTrigger: latestTrigger(current, record: now), company: now.company, enrich: nil)
    }

    /// Missing data is not a miss: whether the lead would reach `revive_at` if every rule it
    /// could not judge matched with its most points.
    private func enrichment(_ current: Evaluation) -> Judgement.Enrichment? {
        guard !self.current.isReviveTier(current.tier) else { return nil }
        var fields: [String] = [], gain = 0.0
        for (i, o) in current.outcomes.enumerated() where o.verdict == .unknown && o.kind != .disqualifier {
            let points = i < maxPoints.count ? maxPoints[i] : 0
            guard points > 0 else { continue }
            gain += points
            if !fields.contains(o.field) { fields.append(o.field) }
        }
        guard gain > 0, let tier = self.current.tier(for: current.score + gain), self.current.isReviveTier(tier) else { return nil }
        return Judgement.Enrichment(fields: fields, gain: gain, tier: tier)
    }

    private func criterionReasons(baseline: Evaluation, middle: Evaluation, current: Evaluation, baselineVersion: ICPVersion) -> [Reason] {
        var ids: [String] = []
        for o in baseline.outcomes + current.outcomes where o.kind == .criterion && !ids.contains(o.id) { ids.append(o.id) }
        var reasons: [Reason] = []
        for id in ids {
            let b = baseline.outcomes.first { $0.id == id && $0.kind == .criterion }
            let m = middle.outcomes.first { $0.id == id && $0.kind == .criterion }
            let c = current.outcomes.first { $0.id == id && $0.kind == .criterion }
            let p0 = b?.points ?? 0, p1 = m?.points ?? 0, p2 = c?.points ?? 0
            let field = (c ?? b)?.field
            if p1 != p0 {
                let value = (m ?? b)?.value
                let shown = value.map { "\(field ?? id) \($0)" } ?? (field ?? id)
                let detail: String
                if b == nil {
                    detail = "new criterion \(id): \(shown) now scores \(ICPDiff.signed(p1))"
                } else if m == nil {
                    detail = "criterion \(id) dropped from the ICP: \(shown) no longer scores (was \(ICPDiff.signed(p0)))"
                } else {
                    detail = "ICP now gives \(shown) \(ICPDiff.signed(p1)) (was \(ICPDiff.signed(p0)) under \(baselineVersion.label))"
                }
                reasons.append(Reason(kind: .icpChange, id: id, field: field, pointsBefore: p0, pointsAfter: p1,
                                      valueBefore: value, valueAfter: value, detail: detail))
            }
            if p2 != p1 {
                let before = (m ?? b)?.value, after = c?.value
                let detail = "\(field ?? id) \(before ?? "unknown") → \(after ?? "unknown"): \(id) \(ICPDiff.signed(p2 - p1))"
                reasons.append(Reason(kind: .dataChange, id: id, field: field, pointsBefore: p1, pointsAfter: p2,
                                      valueBefore: before, valueAfter: after, detail: detail))
            }
        }
        return reasons
    }

    private func triggerReasons(baseline: Evaluation, current: Evaluation, dismissedAt: Timestamp) -> [Reason] {
        var ids: [String] = []
        for o in baseline.outcomes + current.outcomes where o.kind == .trigger && !ids.contains(o.id) { ids.append(o.id) }
        return ids.compactMap { id in
            let b = baseline.outcomes.first { $0.id == id && $0.kind == .trigger }
            let c = current.outcomes.first { $0.id == id && $0.kind == .trigger }
            let p0 = b?.points ?? 0, p2 = c?.points ?? 0
            guard p0 != p2 else { return nil }
            let field = (c ?? b)?.field ?? id
            if let c, let change = c.historyChange(since: dismissedAt) {
                return Reason(kind: .trigger, id: id, field: field, pointsBefore: p0, pointsAfter: p2,
                              valueBefore: c.valueThen, valueAfter: c.value, detail: "\(change): \(id) \(ICPDiff.signed(p2 - p0))")
            }
            let detail = p2 > p0
                ? "\(id) fired: \(field) \(c?.value ?? "unknown") \(ICPDiff.signed(p2 - p0))"
                : "\(id) lapsed: \(field) \(c?.value ?? "unknown") \(ICPDiff.signed(p2 - p0))"
            return Reason(kind: .trigger, id: id, field: field, pointsBefore: p0, pointsAfter: p2,
                          valueBefore: b?.value, valueAfter: c?.value, detail: detail)
        }
    }

    private func disqualifierReasons(baseline: Evaluation, middle: Evaluation, current: Evaluation) -> [Reason] {
        baseline.outcomes.filter { $0.kind == .disqualifier && $0.verdict == .match }.compactMap { dq in
            let stillInMiddle = middle.outcomes.contains { $0.id == dq.id && $0.kind == .disqualifier && $0.verdict == .match }
            let stillNow = current.outcomes.contains { $0.id == dq.id && $0.kind == .disqualifier && $0.verdict == .match }
            guard !stillNow else { return nil }
            let after = current.outcomes.first { $0.id == dq.id }?.value
            if !stillInMiddle {
                return Reason(kind: .icpChange, id: dq.id, field: dq.field, pointsBefore: 0, pointsAfter: 0, valueBefore: dq.value,
                              valueAfter: dq.value, detail: "no longer disqualified: the ICP dropped or changed \(dq.id) (\(dq.field) \(dq.value ?? "unknown"))")
            }
            return Reason(kind: .dataChange, id: dq.id, field: dq.field, pointsBefore: 0, pointsAfter: 0, valueBefore: dq.value,
                          valueAfter: after, detail: "no longer disqualified: \(dq.field) \(dq.value ?? "unknown") → \(after ?? "unknown")")
        }
    }

    private func latestTrigger(_ evaluation: Evaluation, record: LeadRecord) -> Timestamp? {
        let ids = Set(evaluation.outcomes.filter { $0.kind == .trigger && $0.verdict == .match }.map(\.id))
        return current.triggers.filter { ids.contains($0.id) }.compactMap { trigger -> Timestamp? in
            if case .date(let d) = trigger.field.value(in: record) { return d }
            return nil
        }.max()
    }

    /// Kinds in a fixed order, biggest point change first, then id: deterministic.
    static func ordered(_ reasons: [Reason]) -> [Reason] {
        let order = Reason.Kind.allCases
        return reasons.sorted {
            let (a, b) = (order.firstIndex(of: $0.kind)!, order.firstIndex(of: $1.kind)!)
            if a != b { return a < b }
            if abs($0.delta) != abs($1.delta) { return abs($0.delta) > abs($1.delta) }
            return $0.id < $1.id
        }
    }
}
