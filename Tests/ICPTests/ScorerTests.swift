import ICP
import LeadData
import Testing

@Suite("The scorer")
struct ScorerTests {
    func verdict(_ field: String, _ op: String, _ build: (inout LeadRecord) -> Void) throws -> (Verdict, Double) {
        let e = Scorer(try ICPFixtures.single(field, op)).evaluate(ICPFixtures.lead(build), asOf: ICPFixtures.asOf)
        let o = try #require(e.outcome("rule"))
        #expect(e.score == o.points)
        return (o.verdict, o.points)
    }

    /// A trigger over history, judged now against the state at dismissal on 2025-03-01 (or with none).
    func history(_ field: String, _ op: String, then: ((inout LeadRecord) -> Void)?, now: (inout LeadRecord) -> Void) throws -> (Verdict, Double) {
        let version = try ICPFixtures.version("""
            criteria:
              - {id: base, field: industry, exists: true, points: 1}
            triggers:
              - id: rule
                field: \(field)
                \(op)
                points: 10
            """)
        let state = then.map { DismissalState(record: ICPFixtures.lead($0), dismissedAt: Timestamp(year: 2025, month: 3, day: 1)) }
        let o = try #require(Scorer(version).evaluate(ICPFixtures.lead(now), asOf: ICPFixtures.asOf, since: state).outcome("rule"))
        return (o.verdict, o.points)
    }

    @Test("rules over history: unknown without a state at dismissal; growth from an open range or 0 is judged by what is certain")
    func historyRules() throws {
        #expect(try history("employees", "grew_by: 30%", then: nil) { $0.employees = NumberRange(500) } == (.unknown, 0))
        #expect(try history("employees", "grew_by: 30%", then: { $0.employees = NumberRange(100) }) { $0.employees = NumberRange(130) } == (.match, 10))
        #expect(try history("employees", "grew_by: 30%", then: { $0.employees = NumberRange(100) }) { $0.employees = NumberRange(129) } == (.miss, 0))
        #expect(try history("employees", "grew_by: 30%", then: { $0.employees = NumberRange(low: 1000, high: nil) }) { $0.employees = NumberRange(5000) } == (.miss, 0))
        #expect(try history("employees", "grew_by: 30%", then: { $0.employees = NumberRange(0) }) { $0.employees = NumberRange(0) } == (.miss, 0))
        #expect(try history("employees", "grew_by: 30%", then: { $0.employees = NumberRange(0) }) { $0.employees = NumberRange(3) } == (.match, 10))
        #expect(try history("country", "changed: true", then: { $0.country = "United Kingdom" }) { $0.country = "GB" } == (.miss, 0))
        #expect(try history("technologies", "changed: true", then: { $0.technologies = ["A", "B"] }) { $0.technologies = ["b", "a"] } == (.miss, 0))
        #expect(try history("technologies", "changed: true", then: { $0.technologies = ["A"] }) { $0.technologies = ["A", "C"] } == (.match, 10))
        #expect(try history("last_activity_at", "after_dismissal: true", then: { _ in }) { $0.lastActivityAt = Timestamp(year: 2025, month: 3, day: 1) } == (.miss, 0))
        #expect(try history("last_activity_at", "after_dismissal: true", then: { _ in }) { $0.lastActivityAt = Timestamp(year: 2025, month: 3, day: 2) } == (.match, 10))
        #expect(try history("last_activity_at", "after_dismissal: true", then: nil) { $0.lastActivityAt = Timestamp(year: 2026, month: 3, day: 2) } == (.unknown, 0))
    }

    @Test("in: case and spaces are ignored; missing is unknown; another value is a miss")
    func inOperator() throws {
        #expect(try verdict("industry", "in: [Software, Financial Services]") { $0.industry = "  financial   SERVICES " } == (.match, 10))
        #expect(try verdict("industry", "in: [Software]") { $0.industry = "Retail" } == (.miss, 0))
        #expect(try verdict("industry", "in: [Software]") { _ in } == (.unknown, 0))
    }

    @Test("countries compare as ISO codes on both sides")
    func countries() throws {
        #expect(try verdict("country", "in: [United States, UK]") { $0.country = "GB" } == (.match, 10))
        #expect(try verdict("country", "not_in: [USA]") { $0.country = "US" } == (.miss, 0))
        #expect(try verdict("country", "equals: Deutschland") { $0.country = "DE" } == (.match, 10))
    }

    @Test("not_in and equals")
    func notInEquals() throws {
        #expect(try verdict("industry", "not_in: [Retail]") { $0.industry = "Software" } == (.match, 10))
        #expect(try verdict("industry", "not_in: [Retail]") { $0.industry = "retail" } == (.miss, 0))
        #expect(try verdict("industry", "not_in: [Retail]") { _ in } == (.unknown, 0))
        #expect(try verdict("business_model", "equals: B2B") { $0.businessModel = "b2b" } == (.match, 10))
        #expect(try verdict("business_model", "equals: B2B") { $0.businessModel = "B2C" } == (.miss, 0))
    }

    @Test("starts_with matches an industry code by its first digits, ignoring case and spaces; missing is unknown")
    func startsWith() throws {
        #expect(try verdict("industry_code", "starts_with: [\"5112\", \"5182\"]") { $0.industryCode = "511210" } == (.match, 10))
        #expect(try verdict("industry_code", "starts_with: [\"5112\", \"5182\"]") { $0.industryCode = " 518210 " } == (.match, 10))
        #expect(try verdict("industry_code", "starts_with: [\"5112\", \"5182\"]") { $0.industryCode = "541511" } == (.miss, 0))
        #expect(try verdict("industry_code", "starts_with: [\"5112\"]") { _ in } == (.unknown, 0))
        #expect(try verdict("title", "starts_with: [VP]") { $0.title = "vp of Sales" } == (.match, 10))
        #expect(try verdict("attributes.NAICS", "starts_with: [\"51\"]") { $0.attributes["NAICS"] = "5112" } == (.match, 10))
    }

    @Test("any, all and none on lists")
    func listOperators() throws {
        #expect(try verdict("technologies", "any: [Salesforce, HubSpot]") { $0.technologies = ["Slack", "hubspot"] } == (.match, 10))
        #expect(try verdict("technologies", "any: [Salesforce]") { $0.technologies = ["Slack"] } == (.miss, 0))
        #expect(try verdict("technologies", "all: [Salesforce, Slack]") { $0.technologies = ["Slack", "Salesforce", "Zoom"] } == (.match, 10))
        #expect(try verdict("technologies", "all: [Salesforce, Slack]") { $0.technologies = ["Slack"] } == (.miss, 0))
        #expect(try verdict("technologies", "none: [CompetitorCRM]") { $0.technologies = ["Slack"] } == (.match, 10))
        #expect(try verdict("technologies", "none: [CompetitorCRM]") { $0.technologies = ["competitorcrm"] } == (.miss, 0))
        #expect(try verdict("technologies", "any: [Salesforce]") { _ in } == (.unknown, 0))
    }

    @Test("between, at_least and below: a range matches only if all of it does")
    func numbers() throws {
        #expect(try verdict("employees", "between: [50, 200]") { $0.employees = NumberRange(50) } == (.match, 10))
        #expect(try verdict("employees", "between: [50, 200]") { $0.employees = NumberRange(200) } == (.match, 10))
        #expect(try verdict("employees", "between: [50, 200]") { $0.employees = NumberRange(201) } == (.miss, 0))
        #expect(try verdict("employees", "between: [50, 200]") { $0.employees = NumberRange(low: 51, high: 200) } == (.match, 10))
        #expect(try verdict("employees", "between: [50, 200]") { $0.employees = NumberRange(low: 100, high: 500) } == (.miss, 0))
        #expect(try verdict("employees", "at_least: 1000") { $0.employees = NumberRange(low: 1000, high: nil) } == (.match, 10))
        #expect(try verdict("employees", "at_least: 1000") { $0.employees = NumberRange(low: 500, high: 5000) } == (.miss, 0))
        #expect(try verdict("employees", "below: 10") { $0.employees = NumberRange(low: 1, high: 5) } == (.match, 10))
        #expect(try verdict("employees", "below: 10") { $0.employees = NumberRange(low: 5, high: 25) } == (.miss, 0))
        #expect(try verdict("employees", "below: 10") { $0.employees = NumberRange(low: 10000, high: nil) } == (.miss, 0))
        #expect(try verdict("annual_revenue", "at_least: 1000000") { _ in } == (.unknown, 0))
    }

    @Test("exists: known values match, missing ones miss (never unknown)")
    func exists() throws {
        #expect(try verdict("domain", "exists: true") { $0.domain = "acme.com" } == (.match, 10))
        #expect(try verdict("domain", "exists: true") { _ in } == (.miss, 0))
        #expect(try verdict("domain", "exists: false") { _ in } == (.match, 10))
    }

    @Test("within_days counts back from the as-of date; a later date does not match")
    func withinDays() throws {
        let asOf = ICPFixtures.asOf
        #expect(try verdict("last_funding_at", "within_days: 365") { $0.lastFundingAt = asOf.adding(days: -365) } == (.match, 10))
        #expect(try verdict("last_funding_at", "within_days: 365") { $0.lastFundingAt = asOf.adding(days: -366) } == (.miss, 0))
        #expect(try verdict("last_funding_at", "within_days: 365") { $0.lastFundingAt = asOf } == (.match, 10))
        #expect(try verdict("last_funding_at", "within_days: 365") { $0.lastFundingAt = asOf.adding(days: 1) } == (.miss, 0))
        #expect(try verdict("last_funding_at", "within_days: 365") { _ in } == (.unknown, 0))
    }

    @Test("bands: edges belong to their band, a range across two bands matches none")
    func bands() throws {
        let bands = "bands:\n      - {between: [50, 200], points: 25}\n      - {between: [201, 1000], points: 15}"
        let version = try ICPFixtures.version("criteria:\n  - id: rule\n    field: employees\n    \(bands)")
        func points(_ range: NumberRange) -> (Verdict, Double)? {
            let e = Scorer(version).evaluate(ICPFixtures.lead { $0.employees = range }, asOf: ICPFixtures.asOf)
            return e.outcome("rule").map { ($0.verdict, $0.points) }
        }
        #expect(points(NumberRange(50))! == (.match, 25))
        #expect(points(NumberRange(200))! == (.match, 25))
        #expect(points(NumberRange(201))! == (.match, 15))
        #expect(points(NumberRange(1000))! == (.match, 15))
        #expect(points(NumberRange(1001))! == (.miss, 0))
        #expect(points(NumberRange(49))! == (.miss, 0))
        #expect(points(NumberRange(low: 51, high: 200))! == (.match, 25))
        #expect(points(NumberRange(low: 100, high: 500))! == (.miss, 0))
        #expect(points(NumberRange(low: 500, high: nil))! == (.miss, 0))
    }

    @Test("a disqualifier beats a perfect score; a missing value never disqualifies")
    func disqualifierBeatsPerfectScore() throws {
        let version = try ICPFixtures.version("""
            criteria:
              - {id: industry, field: industry, in: [Software], points: 60}
              - {id: region, field: country, in: [US], points: 40}
            disqualify:
              - {id: competitor, field: technologies, any: [CompetitorCRM]}
              - {id: too-small, field: employees, below: 10}
            """)
        let scorer = Scorer(version)
        let perfect = scorer.evaluate(ICPFixtures.lead { $0.industry = "Software"; $0.country = "US"; $0.technologies = ["CompetitorCRM"] }, asOf: ICPFixtures.asOf)
        #expect(perfect.score == 100)
        #expect(perfect.tier == "DQ")
        #expect(perfect.outcome("competitor")?.verdict == .match)
        let unknownSize = scorer.evaluate(ICPFixtures.lead { $0.industry = "Software"; $0.country = "US" }, asOf: ICPFixtures.asOf)
        #expect(unknownSize.tier == "A")
        #expect(unknownSize.outcome("too-small")?.verdict == .unknown)
    }

    @Test("tiers: at the threshold gets the tier, below every threshold is nil")
    func tiers() throws {
        let version = try ICPFixtures.version("criteria:\n  - {id: a, field: industry, in: [Software], points: 40}\n  - {id: b, field: country, in: [US], points: 20}")
        let scorer = Scorer(version)
        #expect(scorer.evaluate(ICPFixtures.lead { $0.industry = "Software" }, asOf: ICPFixtures.asOf).tier == "C")
        #expect(scorer.evaluate(ICPFixtures.lead { $0.industry = "Software"; $0.country = "US" }, asOf: ICPFixtures.asOf).tier == "B")
        #expect(scorer.evaluate(ICPFixtures.lead { $0.country = "US" }, asOf: ICPFixtures.asOf).tier == nil)
        #expect(version.isReviveTier("A") && version.isReviveTier("B") && !version.isReviveTier("C") && !version.isReviveTier("DQ") && !version.isReviveTier(nil))
    }

    @Test("attributes.<column> rules read the export's own columns")
    func attributes() throws {
        #expect(try verdict("attributes.Segment__c", "in: [Enterprise]") { $0.attributes["Segment__c"] = "enterprise" } == (.match, 10))
        #expect(try verdict("attributes.Seats__c", "at_least: 100") { $0.attributes["Seats__c"] = "1,200" } == (.match, 10))
        #expect(try verdict("attributes.Seats__c", "at_least: 100") { _ in } == (.unknown, 0))
    }
}

@Suite("Which version is in force")
struct InForceTests {
    func versions() throws -> [ICPVersion] {
        try ["2024-01-01", "2025-07-01"].enumerated().map { i, day in
            var v = try ICPFixtures.single("industry", "in: [Software]")
            v.label = "v\(i + 1)"
            v.effective = DateParser().parse(day)!
            return v
        }
    }

    @Test("the latest effective on or before the date; before the first, the earliest")
    func inForce() throws {
        let all = try versions()
        func at(_ day: String) -> String? { ICPVersion.inForce(among: all, at: DateParser().parse(day)!)?.label }
        #expect(at("2023-06-01") == "v1")
        #expect(at("2024-01-01") == "v1")
        #expect(at("2025-06-30") == "v1")
        #expect(at("2025-07-01") == "v2")
        #expect(at("2025-07-01T23:59:59Z") == "v2")
        #expect(at("2030-01-01") == "v2")
        #expect(ICPVersion.inForce(among: [], at: ICPFixtures.asOf) == nil)
    }
}
