import Foundation
import ICP
import LeadData
import PropertyBased
import Sample
import Testing

@Suite("Explanations add up")
struct ExplanationPropertyTests {
    static let industries = ["Software", "Retail", "Financial Services", "Healthcare", "Media"]
    static let tools = ["Salesforce", "HubSpot", "Slack", "Zendesk", "CompetitorCRM"]

    /// A random ICP built from a seed: criteria of every operator, random points and bands.
    static func version(_ seed: Int) throws -> ICPVersion {
        var rng = SampleRandom(seed: UInt64(seed))
        func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
        func points() -> Int { Int(rng.next() % 41) - 5 }
        let low = Int(rng.next() % 300)
        let rules = """
            criteria:
              - {id: industry, field: industry, in: [\(pick(industries)), \(pick(industries))], points: \(points())}
              - {id: not-industry, field: industry, not_in: [\(pick(industries))], points: \(points())}
              - {id: size, field: employees, bands: [{between: [\(low), \(low + 100)], points: \(points())}, {between: [\(low + 101), \(low + 5000)], points: \(points())}]}
              - {id: revenue, field: annual_revenue, at_least: \(rng.next() % 10_000_000), points: \(points())}
              - {id: stack, field: technologies, any: [\(pick(tools))], points: \(points())}
              - {id: all-stack, field: technologies, all: [\(pick(tools)), \(pick(tools))], points: \(points())}
              - {id: none-stack, field: technologies, none: [\(pick(tools))], points: \(points())}
              - {id: region, field: country, in: [US, GB], points: \(points())}
              - {id: domain, field: domain, exists: true, points: \(points())}
              - {id: small, field: employees, below: \(rng.next() % 100), points: \(points())}
              - {id: mid, field: employees, between: [\(low), \(low + 500)], points: \(points())}
            triggers:
              - {id: funding, field: last_funding_at, within_days: \(1 + rng.next() % 700), points: \(points())}
              - {id: grew, field: employees, grew_by: \(1 + rng.next() % 200)%, points: \(points())}
              - {id: changed, field: industry, changed: true, points: \(points())}
              - {id: entered, field: country, entered: [\(pick(["US", "GB", "DE", "FR"]))], points: \(points())}
              - {id: added, field: technologies, added: [\(pick(tools)), \(pick(tools))], points: \(points())}
              - {id: back, field: last_funding_at, after_dismissal: true, points: \(points())}
            disqualify:
              - {id: competitor, field: technologies, any: [CompetitorCRM]}
            """
        return try ICPFixtures.version(rules)
    }

    static func lead(_ seed: Int) -> LeadRecord {
        var rng = SampleRandom(seed: UInt64(seed) &* 7919)
        func maybe<T>(_ value: T) -> T? { rng.next() % 4 == 0 ? nil : value }
        return ICPFixtures.lead { r in
            r.industry = maybe(industries[Int(rng.next() % 5)])
            let low = Double(rng.next() % 3000)
            r.employees = maybe(rng.next() % 3 == 0 ? NumberRange(low: low, high: rng.next() % 2 == 0 ? low + Double(rng.next() % 500) : nil) : NumberRange(low))
            r.annualRevenue = maybe(NumberRange(Double(rng.next() % 20_000_000)))
            r.technologies = maybe((0..<Int(rng.next() % 4)).map { _ in tools[Int(rng.next() % 5)] })
            r.country = maybe(["US", "GB", "DE", "FR"][Int(rng.next() % 4)])
            r.domain = maybe("acme.com")
            r.lastFundingAt = maybe(ICPFixtures.asOf.adding(days: Int(rng.next() % 1000) - 100))
        }
    }

    @Test("over thousands of generated leads, states at dismissal and ICPs, the outcome points add up to the score")
    func pointsAddUp() async {
        await propertyCheck(count: 3000, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...1_000_000)) { icpSeed, leadSeed in
            guard let version = try? Self.version(icpSeed) else {
                Issue.record("generated ICP \(icpSeed) did not parse")
                return
            }
            // Every other lead is judged against a state at dismissal (a current evaluation), the
            // rest without one (a baseline), where the rules over history must be unknown.
            let then = leadSeed % 2 == 0 ? DismissalState(record: Self.lead(leadSeed / 2 + 1), dismissedAt: ICPFixtures.asOf.adding(days: -400)) : nil
            let evaluation = Scorer(version).evaluate(Self.lead(leadSeed), asOf: ICPFixtures.asOf, since: then)
            let history = Set(version.triggers.filter(\.rule.readsHistory).map(\.id))
            if then == nil { #expect(evaluation.outcomes.filter { history.contains($0.id) }.allSatisfy { $0.verdict == .unknown && $0.readThen == nil }) }
            #expect(evaluation.outcomes.reduce(0) { $0 + $1.points } == evaluation.score)
            #expect(evaluation.outcomes.filter { $0.verdict == .unknown }.allSatisfy { $0.points == 0 })
            let dq = evaluation.outcomes.contains { $0.kind == .disqualifier && $0.verdict == .match }
            #expect((evaluation.tier == "DQ") == dq)
            if !dq { #expect(evaluation.tier == version.tier(for: evaluation.score)) }
        }
    }

    @Test("numbers in explanations: whole numbers without a fraction, others as Swift prints them")
    func numbersAsText() {
        let whole: [(Double, String)] = [(0, "0"), (-0.0, "0"), (7, "7"), (-5, "-5"), (-12, "-12"), (30, "30"),
                                         (1_234_567, "1234567"), (8_999_999_999_999_998, "8999999999999998")]
        for (value, text) in whole {
            var out: [UInt8] = []
            JSONText.appendNumber(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == text, "\(value)")
            #expect(JSONText.number(value) == text)
        }
        for value in [2.5, -0.25, 12.125, 1e20, 9e15, -9e15] {
            var out: [UInt8] = []
            JSONText.appendNumber(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(value), "\(value)")
        }
        #expect(JSONText.number(2.5) == "2.5" && JSONText.number(1e20) == "1e+20")
    }
}
