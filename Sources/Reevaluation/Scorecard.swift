import Foundation
import ICP
import LeadData

/// A points scorecard learned the way credit scorecards are: each characteristic cut into
/// groups, each group's weight of evidence (how much more common among the won, the best
/// customers counted twice, than among the lost), the characteristics weighed together by a logistic regression on those
/// weights, and points = weight × evidence × 20 / ln 2 (20 points double the odds), rounded.
struct Scorecard {
    struct Characteristic {
        let feature: ScorecardFeature
        /// Per group: the positives' (every won record, the best customers' twice), the best
        /// customers', the lost and all closed records' counts.
        let positives: [Int], best: [Int], lost: [Int], all: [Int]
        let woe: [Double]
        /// The information value: how far the groups' shares differ between best and lost.
        let informationValue: Double
        var weight = 0.0
        /// Per group, after the fit; 0 for the group of least evidence.
        var points: [Int] = []
    }

    /// A value that alone separates won from lost almost perfectly: left out unless included.
    struct Leak {
        let field: String
        let shown: String
        /// Of the closed records with the value, the share won.
        let winRate: Double
        /// Of the lost, the share with the value.
        let lostShare: Double
        let auc: Double
    }

    static let pointsPerLogOdds = 20 / log(2.0)
    /// Characteristics weaker than this information value carry too little evidence to score by.
    static let minimumInformation = 0.02
    static let maxCharacteristics = 20
    /// A characteristic ranking won above lost this well on its own is judged a leak.
    static let leakAUC = 0.95
    /// Attribute columns whose names say they record the outcome or the deal's handling.
    static let outcomeWords = ["stage", "status", "won", "lost", "reason", "close", "amount", "probability", "converted", "outcome",
                               "forecast", "expected", "deleted"]
    /// Attribute columns that identify a person or hold free text: never who buys.
    static let personalWords = ["name", "phone", "mobile", "email", "street", "address", "zip", "postal", "description", "note", "comment",
                                "id"]

    var characteristics: [Characteristic] = []
    var leaks: [Leak] = []
    /// Columns left out by their names (unless `--include`d): they look like the outcome.
    var excludedByName: [String] = []
    /// Columns left out as a person's details or free text (`FirstName`, `Phone`, `Description`).
    var excludedAsPersonal: [String] = []

    /// - Parameters:
    ///   - positives: what the card learns to rank above the lost: every won record, the best
    ///     customers' twice (they pull the profile towards them; the rest of the wins still count);
    ///   - best: the records of the best customers, for the evidence in comments;
    ///   - won: every won record, which the leak test compares with the lost;
    ///   - lost: the lost records (the negatives);
    ///   - included, excluded: `--include` and `--exclude`, by field name.
    init(positives: [LeadRecord], best: [LeadRecord], won: [LeadRecord], lost: [LeadRecord], all: [LeadRecord],
         included: Set<String>, excluded: Set<String>) {
        let candidates = ScorecardCandidates(records: won + lost)
        var byName: [String] = [], byPerson: [String] = []
        let features = candidates.all { field in
            let name = field.description
            if excluded.contains(name) { return true }
            if case .attribute(let column) = field, !included.contains(name) {
                let lower = column.lowercased()
                if Self.outcomeWords.contains(where: { lower.contains($0) }) { byName.append(name); return true }
                let words = lower.split { !$0.isLetter }.map(String.init)
                if words.contains(where: Self.personalWords.contains) || Self.personalWords.contains(where: { lower.hasSuffix($0) && $0.count > 3 }) {
                    byPerson.append(name)
                    return true
                }
            }
            return false
        }
        excludedByName = byName
        excludedAsPersonal = byPerson
        var kept: [Characteristic] = []
        for feature in features {
            let c = Self.characteristic(feature, positives: positives, best: best, lost: lost, all: all)
            guard c.informationValue >= Self.minimumInformation else { continue }
            if !included.contains(feature.name), let leak = Self.leak(c, won: won, lostRecords: lost.count) {
                leaks.append(leak)
                continue
            }
            kept.append(c)
        }
        kept.sort { $0.informationValue != $1.informationValue ? $0.informationValue > $1.informationValue : $0.feature.name < $1.feature.name }
        characteristics = Self.fitted(Array(kept.prefix(Self.maxCharacteristics)), positives: positives, lost: lost)
    }

    static func characteristic(_ f: ScorecardFeature, positives: [LeadRecord], best: [LeadRecord], lost: [LeadRecord],
                               all: [LeadRecord]) -> Characteristic {
        func counts(_ records: [LeadRecord]) -> [Int] {
            var c = [Int](repeating: 0, count: f.groups.count)
            for r in records { c[f.group(f.field.value(in: r))] += 1 }
            return c
        }
        let p = counts(positives), l = counts(lost)
        let (woe, iv) = evidence(p, l)
        return Characteristic(feature: f, positives: p, best: counts(best), lost: l, all: counts(all), woe: woe, informationValue: iv)
    }

    /// Records a group needs before its evidence counts half: a group of 20 records keeps half
    /// its weight of evidence, one of 200 nearly all of it, an empty one none.
    static let credibility = 20.0

    /// Each group's weight of evidence, ln(share among positives ÷ share among negatives), with
    /// half a record added to every cell so an empty group stays finite, shrunk towards 0 by the
    /// group's size (a value seen a few times is weak evidence); and the information value.
    static func evidence(_ positives: [Int], _ negatives: [Int]) -> ([Double], Double) {
        let k = Double(positives.count)
        let p = Double(positives.reduce(0, +)) + 0.5 * k, n = Double(negatives.reduce(0, +)) + 0.5 * k
        var woe: [Double] = [], iv = 0.0
        for (pg, ng) in zip(positives, negatives) {
            let sp = (Double(pg) + 0.5) / p, sn = (Double(ng) + 0.5) / n
            let size = Double(pg + ng)
            let w = log(sp / sn) * size / (size + credibility)
            woe.append(w)
            iv += (sp - sn) * w
        }
        return (woe, iv)
    }

    /// The characteristic as a leak, if on its own it ranks won above lost almost perfectly.
    /// The lost records' counts come from the characteristic; only the won are counted here.
    static func leak(_ c: Characteristic, won: [LeadRecord], lostRecords: Int) -> Leak? {
        let f = c.feature, l = c.lost
        var w = [Int](repeating: 0, count: f.groups.count)
        for r in won { w[f.group(f.field.value(in: r))] += 1 }
        let (woe, _) = evidence(w, l)
        var wonScores: [Double] = [], lostScores: [Double] = []
        for (g, count) in w.enumerated() { wonScores += repeatElement(woe[g], count: count) }
        for (g, count) in l.enumerated() { lostScores += repeatElement(woe[g], count: count) }
        guard let auc = RankAUC(won: wonScores, lost: lostScores), auc.value >= leakAUC else { return nil }
        // The value that gives it away: the most won-heavy group holding at least a tenth of the wins.
        let candidates = f.groups.indices.filter { w[$0] * 10 >= won.count }
        let g = candidates.max { Double(w[$0]) / Double(w[$0] + l[$0]) < Double(w[$1]) / Double(w[$1] + l[$1]) } ?? 0
        return Leak(field: f.name, shown: DraftText.groupName(f.groups[g]), winRate: Double(w[g]) / Double(max(1, w[g] + l[g])),
                    lostShare: Double(l[g]) / Double(max(1, lostRecords)), auc: auc.value)
    }

    /// Weighs the characteristics by a logistic regression on their evidence, drops those the
    /// others make redundant (a weight ≤ 0), and turns weights into points.
    static func fitted(_ input: [Characteristic], positives: [LeadRecord], lost: [LeadRecord]) -> [Characteristic] {
        let outcomes = positives.map { _ in true } + lost.map { _ in false }
        let records = positives + lost
        // Each record's evidence per characteristic, worked out once for every refit.
        let evidence = input.map { c in records.map { c.woe[c.feature.group(c.feature.field.value(in: $0))] } }
        var kept = Array(input.indices)
        var chosen: [Characteristic] = []
        for _ in 0..<5 {
            guard !kept.isEmpty else { return [] }
            let fit = LogisticFit(rows: records.indices.map { r in kept.map { evidence[$0][r] } }, outcomes: outcomes)
            chosen = zip(kept, fit.weights).map { index, weight in
                var c = input[index]
                c.weight = weight
                return c
            }
            guard chosen.contains(where: { $0.weight <= 0.05 }) else { break }
            kept = zip(kept, chosen).filter { $0.1.weight > 0.05 }.map(\.0)
            chosen.removeAll { $0.weight <= 0.05 }
        }
        for i in chosen.indices {
            let c = chosen[i]
            let raw = c.woe.map { c.weight * $0 * pointsPerLogOdds }
            let reference = c.feature.groups.indices
                .filter { (c.feature.expressible(c.feature.groups[$0]) || isHasNot(c.feature.groups[$0])) && c.positives[$0] + c.lost[$0] > 0 }
                .map { raw[$0] }.min() ?? 0
            // A group no record fell in gets no criterion: nothing is known of it.
            chosen[i].points = c.feature.groups.indices.map { g in
                c.feature.groups[g] == .unbanded || c.positives[g] + c.lost[g] == 0 ? 0 : Int((raw[g] - reference).rounded())
            }
        }
        return chosen.filter { $0.points.contains { $0 > 0 } }
    }

    private static func isHasNot(_ g: ScorecardFeature.Group) -> Bool {
        if case .hasNot = g { return true }
        return false
    }
}
