import Foundation
import ICP
import LeadData
import ReevalStore

/// A first ICP drafted the way the practice says to: from the best existing customers.
///
/// The best customers are the accounts (or, for records without one, the records) with won
/// business, ranked by won `amount` (else by the count of won records); the top `topPercent`
/// are compared with every closed record, each on its state when it came in. A value, band or
/// technology clearly more common among the best becomes a criterion, its points by how much more
/// common (the lift). Fields that record the outcome (status, lost reason, close date, amount,
/// the lifecycle) are never used.
///
/// ```swift
/// let draft = try ICPSuggestion(db: db).draft(topPercent: 20, label: "draft", effective: today)
/// try draft.yaml.write(toFile: "draft.yaml", atomically: true, encoding: .utf8)
/// ```
public struct ICPSuggestion {
    let db: Database

    public init(db: Database) {
        self.db = db
    }

    public struct Draft: Sendable {
        public var yaml: String
        public var version: ICPVersion
        public var bestCustomers: Int
        public var bestRecords: Int
        public var closedRecords: Int
    }

    /// One over-represented value of one field.
    struct Evidence {
        let field: String
        let value: String
        let best: Int
        let all: Int
        let bestShare: Double
        let allShare: Double
        var lift: Double { allShare == 0 ? 0 : bestShare / allShare }
    }

    static let employeeBands: [(low: Double, high: Double, name: String)] = [
        (1, 49, "1-49"), (50, 200, "50-200"), (201, 1000, "201-1000"), (1001, 5000, "1001-5000"), (5001, 1e9, "5001+"),
    ]
    static let revenueBands: [(low: Double, high: Double, name: String)] = [
        (0, 999_999, "under 1M"), (1_000_000, 9_999_999, "1M-10M"), (10_000_000, 99_999_999, "10M-100M"), (100_000_000, 1e15, "100M+"),
    ]
    /// Attribute columns whose names say they record the outcome.
    static let outcomeWords = ["stage", "status", "won", "lost", "reason", "close", "amount", "probability", "converted", "outcome",
                               "forecast", "expected", "deleted"]

    public func draft(topPercent: Double, label: String, effective: Timestamp) throws -> Draft {
        // Every closed record on its state when it came in.
        var closed: [(key: String, won: Bool, amount: Double, record: LeadRecord)] = []
        try CandidateReader(db: db).forEachLead(where: "l.lifecycle IN ('won', 'lost')", [:], dateColumn: "coalesce(l.created_at, l.closed_at)") { c in
            guard let (record, _) = c.records() else { return }
            closed.append((record.accountID.map { "account \($0)" } ?? "record \(c.leadID)", c.lifecycle == .won, record.amount ?? 0, record))
        }
        let won = closed.filter(\.won)
        guard won.count >= 5 else {
            throw Failure(.badData, "only \(won.count) won records: a draft needs at least 5 (import the won deals or opportunities first)")
        }
        // The best customers: accounts ranked by won amount, else by won records.
        var totals: [String: (amount: Double, count: Int)] = [:]
        for r in won { totals[r.key, default: (0, 0)].amount += r.amount; totals[r.key, default: (0, 0)].count += 1 }
        let byAmount = totals.values.contains { $0.amount > 0 }
        let ranked = totals.sorted { a, b in
            let (x, y) = byAmount ? (a.value.amount, b.value.amount) : (Double(a.value.count), Double(b.value.count))
            return x != y ? x > y : a.key < b.key
        }
        let topCount = max(1, Int((Double(ranked.count) * topPercent / 100).rounded(.up)))
        let bestKeys = Set(ranked.prefix(topCount).map(\.key))
        let best = won.filter { bestKeys.contains($0.key) }.map(\.record)
        let all = closed.map(\.record)

        let evidence = Self.evidence(best: best, all: all)
        guard !evidence.isEmpty else {
            throw Failure(.badData, "no value is clearly more common among the \(topCount) best customers than among all \(all.count) closed records; "
                          + "there is not enough data to draft an ICP from")
        }
        var yaml = Self.yaml(evidence, label: label, effective: effective, tiers: nil, bestCustomers: topCount, bestRecords: best.count,
                             closed: all.count, byAmount: byAmount, topPercent: topPercent)
        // Tiers: most of the best customers reach revive_at (B).
        let provisional = try ICPParser.parse(yaml, file: "draft")
        let scorer = Scorer(provisional)
        let scores = best.map { scorer.evaluate($0, asOf: effective).score }.sorted()
        // B: reached by 80% of the best customers; A: by 40% of them; C: half of B. When the best
        // all score alike, A is their score and B one point below.
        // B is never below the smallest criterion's points: a lead must match at least one.
        let smallest = provisional.criteria.map(\.maxPoints).filter { $0 > 0 }.min() ?? 2
        var b = max(max(2, smallest), scores[Int(Double(scores.count - 1) * 0.2)])
        var a = scores[Int(Double(scores.count - 1) * 0.6)]
        if a <= b { a = b; b -= 1 }
        let c = min(b - 1, max(1, (b / 2).rounded(.down)))
        yaml = Self.yaml(evidence, label: label, effective: effective, tiers: (a, b, c), bestCustomers: topCount,
                         bestRecords: best.count, closed: all.count, byAmount: byAmount, topPercent: topPercent)
        let version = try ICPParser.parse(yaml, file: "draft")
        return Draft(yaml: yaml, version: version, bestCustomers: topCount, bestRecords: best.count, closedRecords: all.count)
    }

    /// Each field's values among the best and among all, keeping the clearly over-represented ones.
    static func evidence(best: [LeadRecord], all: [LeadRecord]) -> [Evidence] {
        typealias Extract = (LeadRecord) -> [String]
        func band(_ value: NumberRange?, _ bands: [(low: Double, high: Double, name: String)]) -> [String] {
            guard let low = value?.low else { return [] }
            return bands.first { low >= $0.low && low <= $0.high }.map { [$0.name] } ?? []
        }
        var fields: [(String, Extract)] = [
            ("industry", { $0.industry.map { [$0] } ?? [] }),
            ("employees", { band($0.employees, employeeBands) }),
            ("annual_revenue", { band($0.annualRevenue, revenueBands) }),
            ("country", { $0.country.map { [$0] } ?? [] }),
            ("region", { $0.region.map { [$0] } ?? [] }),
            ("business_model", { $0.businessModel.map { [$0] } ?? [] }),
            ("technologies", { Array(Set($0.technologies ?? [])) }),
            ("funding_stage", { $0.fundingStage.map { [$0] } ?? [] }),
        ]
        // Attribute columns with few distinct values that do not record the outcome.
        var distinct: [String: Set<String>] = [:]
        for r in all { for (k, v) in r.attributes where distinct[k, default: []].count <= 12 { distinct[k, default: []].insert(v) } }
        for (column, values) in distinct.sorted(by: { $0.key < $1.key }) where values.count >= 2 && values.count <= 12 {
            let lower = column.lowercased()
            guard !outcomeWords.contains(where: { lower.contains($0) }) else { continue }
            fields.append(("attributes.\(column)", { $0.attributes[column].map { [$0] } ?? [] }))
        }
        var kept: [Evidence] = []
        for (field, extract) in fields {
            var bestCounts: [String: Int] = [:], allCounts: [String: Int] = [:]
            for r in best { for v in extract(r) { bestCounts[v, default: 0] += 1 } }
            for r in all { for v in extract(r) { allCounts[v, default: 0] += 1 } }
            for (value, count) in bestCounts {
                let e = Evidence(field: field, value: value, best: count, all: allCounts[value] ?? 0,
                                 bestShare: Double(count) / Double(best.count), allShare: Double(allCounts[value] ?? 0) / Double(all.count))
                if count >= 3, e.bestShare >= 0.2, e.lift >= 1.3 { kept.append(e) }
            }
        }
        return kept.sorted { ($0.field, $1.lift, $0.value) < ($1.field, $0.lift, $1.value) }
    }

    static func points(_ lift: Double) -> Int { min(30, max(5, Int((lift * 10).rounded()))) }

    static func percent(_ v: Double) -> String { String(format: "%.0f%%", v * 100) }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func yaml(_ evidence: [Evidence], label: String, effective: Timestamp, tiers: (Double, Double, Double)?, bestCustomers: Int,
                     bestRecords: Int, closed: Int, byAmount: Bool, topPercent: Double) -> String {
        func n(_ v: Double) -> String { NumberRange.text(v) }
        let (a, b, c) = tiers ?? (3, 2, 1)
        var out = """
            # Drafted by `reeval icp suggest` from the best \(n(topPercent))% of customers: \(bestCustomers) accounts or records
            # (\(bestRecords) won records) ranked by \(byAmount ? "won amount" : "won records"), compared with all \(closed) closed records,
            # each on its state when it came in. A criterion is a value clearly more common among the best
            # (at least 20% of them and 1.3 times as common as among all); its points follow the lift.
            # Edit it, try it with `reeval backtest --icp FILE` and `reeval run --icp FILE`, then register it.
            version: \(quoted(label))
            effective: \(effective.isoDay)
            description: Drafted from the best customers
            tiers: {A: \(n(a)), B: \(n(b)), C: \(n(c))}
            revive_at: B
            criteria:

            """
        var byField: [String: [Evidence]] = [:]
        for e in evidence { byField[e.field, default: []].append(e) }
        for field in byField.keys.sorted() {
            let items = byField[field] ?? []
            let id = field.replacingOccurrences(of: "attributes.", with: "").lowercased()
                .map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            for e in items {
                out += "  # \(field) \(e.value): \(percent(e.bestShare)) of the best, \(percent(e.allShare)) of all, lift \(String(format: "%.1f", e.lift))\n"
            }
            if field == "employees" || field == "annual_revenue" {
                let bands = field == "employees" ? employeeBands : revenueBands
                out += "  - id: \(id)\n    field: \(field)\n    bands:\n"
                for e in items {
                    guard let band = bands.first(where: { $0.name == e.value }) else { continue }
                    out += "      - {between: [\(n(band.low)), \(n(band.high))], points: \(points(e.lift))}\n"
                }
            } else {
                let op = field == "technologies" ? "any" : "in"
                let lift = items.map(\.lift).max() ?? 1
                out += "  - id: \(id)\n    field: \(field)\n    \(op): [\(items.map { quoted($0.value) }.joined(separator: ", "))]\n    points: \(points(lift))\n"
            }
        }
        return out
    }
}
