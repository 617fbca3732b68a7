import ICP
import LeadData

/// Writes a ``Scorecard`` as an ICP file a person reads and edits: one criterion per group of
/// points, each with its evidence in a comment (share among the best, among all, among the
/// lost, and the lift), every name and value quoted.
enum DraftYAML {
    struct Context {
        var label: String
        var effective: Timestamp
        var topPercent: Double
        var bestCustomers: Int
        var bestRecords: Int
        var won: Int
        var lost: Int
        var closed: Int
        var byAmount: Bool
        var tied: Bool
        var undated: Int
        var card: Scorecard
        /// A, B and C; placeholders until the scores' distribution is known.
        var tiers: (Double, Double, Double) = (3, 2, 1)
    }

    static func render(_ c: Context) -> String {
        let n = Figures.number
        var out = "# Drafted by `reeval icp suggest` as a points scorecard.\n"
        if c.tied {
            out += "# The ranking could not tell the best customers apart (\(c.byAmount ? "equal won amounts" : "no amounts, equal won records")),\n"
                + "# so it learned from all \(c.won) won records, compared with the \(c.lost) lost.\n"
        } else {
            out += "# The best \(n(c.topPercent))% of customers by \(c.byAmount ? "won amount" : "won records"): \(c.bestCustomers) accounts or records "
                + "(\(c.bestRecords) won records).\n# Every won record (\(c.won), the best counted twice) is compared with the \(c.lost) lost, "
                + "of \(c.closed) closed records.\n"
        }
        out += "# Each record is taken on its state when it came in"
            + (c.undated > 0 ? " (\(c.undated) have no created_at: their first observed state; map created_at to date them).\n" : ".\n")
        out += """
            # Points: each group's weight of evidence (log of its share among the won over its share among
            # the lost, shrunk for small groups), weighed by a logistic regression over the characteristics, 20 points per doubling
            # of the odds. Tiers cut the scores of all closed records: A the top 15%, B the top 35%, C the top 60%.

            """
        for leak in c.card.leaks {
            out += "# Left out as a likely leak: \(DraftText.comment(leak.field)) = \(DraftText.comment(leak.shown)) "
                + "(\(DraftText.percent(leak.winRate)) won, \(DraftText.percent(leak.lostShare)) of the lost); --include \(DraftText.comment(leak.field)) uses it.\n"
        }
        if !c.card.excludedByName.isEmpty {
            out += "# Left out by name (they look like the outcome): \(DraftText.comment(c.card.excludedByName.joined(separator: ", "))).\n"
        }
        if !c.card.excludedAsPersonal.isEmpty {
            out += "# Left out as a person's details or free text: \(DraftText.comment(c.card.excludedAsPersonal.joined(separator: ", "))).\n"
        }
        out += "# Edit it, try it with `reeval backtest --icp FILE` and `reeval run --icp FILE`, then register it.\n"
        out += "version: \(DraftText.quoted(c.label))\n"
        out += "effective: \(c.effective.isoDay)\n"
        out += "description: \"Drafted from the best customers\"\n"
        out += "tiers: {A: \(n(c.tiers.0)), B: \(n(c.tiers.1)), C: \(n(c.tiers.2))}\n"
        out += "revive_at: B\n"
        out += "criteria:\n"
        var ids: Set<String> = []
        for ch in c.card.characteristics { out += criteria(ch, c, ids: &ids) }
        return out
    }

    /// The criteria of one characteristic: its groups with points, those of equal points together.
    static func criteria(_ ch: Scorecard.Characteristic, _ c: Context, ids: inout Set<String>) -> String {
        let f = ch.feature
        let field = DraftText.quoted(f.name)
        func uniqueID(_ base: String) -> String {
            var id = base, k = 2
            while ids.contains(id) { id = "\(base)-\(k)"; k += 1 }
            ids.insert(id)
            return DraftText.quoted(id)
        }
        func evidence(_ g: Int) -> String { Self.evidence(ch, group: g) }
        var title = f.name
        if case .has(let v) = f.groups[0] { title += " " + v }
        var out = "  # \(DraftText.comment(title)): information value \(Figures.decimal(ch.informationValue, digits: 2)), "
            + "weight \(Figures.decimal(ch.weight, digits: 2))\n"
        let base = DraftText.id(f.name)
        let scored = f.groups.indices.filter { ch.points[$0] > 0 }
        // Bands go in one banded criterion.
        let bands = scored.filter { if case .band = f.groups[$0] { return true } else { return false } }
        if !bands.isEmpty {
            for g in bands { out += evidence(g) }
            out += "  - id: \(uniqueID(base))\n    field: \(field)\n    bands:\n"
            for g in bands {
                guard case .band(let low, let high) = f.groups[g] else { continue }
                out += "      - {between: [\(Figures.number(low)), \(Figures.number(high))], points: \(ch.points[g])}\n"
            }
        }
        // Named values of equal points share an `in`; the others are a rule each.
        let values = scored.filter { if case .value = f.groups[$0] { return true } else { return false } }
        for points in Set(values.map { ch.points[$0] }).sorted(by: >) {
            let same = values.filter { ch.points[$0] == points }
            for g in same { out += evidence(g) }
            let shown = same.map { g -> String in if case .value(_, let s) = f.groups[g] { return DraftText.quoted(s) } else { return "" } }
            out += "  - {id: \(uniqueID(base)), field: \(field), in: [\(shown.joined(separator: ", "))], points: \(points)}\n"
        }
        for g in scored {
            guard let (rule, suffix) = Self.ownRule(f.groups[g], among: f.groups) else { continue }
            out += evidence(g)
            out += "  - {id: \(uniqueID(base + suffix)), field: \(field), \(rule), points: \(ch.points[g])}\n"
        }
        return out
    }

    /// The comment line giving a group's evidence: its share of the best, of all and of the lost.
    static func evidence(_ ch: Scorecard.Characteristic, group g: Int) -> String {
        let f = ch.feature
        let totalBest = max(1, ch.best.reduce(0, +)), totalLost = max(1, ch.lost.reduce(0, +)), totalAll = max(1, ch.all.reduce(0, +))
        let best = Double(ch.best[g]) / Double(totalBest), all = Double(ch.all[g]) / Double(totalAll)
        let lost = Double(ch.lost[g]) / Double(totalLost)
        let lift = all == 0 ? 0 : best / all
        return "  # \(DraftText.comment(f.name)) \(DraftText.comment(DraftText.groupName(f.groups[g]))): \(DraftText.percent(best)) of the best, "
            + "\(DraftText.percent(all)) of all, \(DraftText.percent(lost)) of the lost, lift \(Figures.decimal(lift, digits: 1)): +\(ch.points[g])\n"
    }

    /// The rule of a group that is a criterion of its own (other values, missing, present, a
    /// technology had or not) and its id's suffix; nil for values and bands, which share one.
    static func ownRule(_ group: ScorecardFeature.Group, among groups: [ScorecardFeature.Group]) -> (rule: String, suffix: String)? {
        switch group {
        case .value, .band, .unbanded: return nil
        case .other:
            let named = groups.compactMap { g -> String? in if case .value(_, let s) = g { return DraftText.quoted(s) } else { return nil } }
            return ("not_in: [\(named.joined(separator: ", "))]", "-other")
        case .missing: return ("exists: false", "-missing")
        case .present: return ("exists: true", "")
        case .has(let v): return ("any: [\(DraftText.quoted(v))]", "-" + DraftText.id(v))
        case .hasNot(let v): return ("none: [\(DraftText.quoted(v))]", "-" + DraftText.id(v))
        }
    }
}
