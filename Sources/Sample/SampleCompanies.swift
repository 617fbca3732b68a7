import LeadData

/// One sample company and its deal or lead, in both export states.
struct SampleCompany: Sendable {
    enum CRM: Sendable { case salesforceLead, salesforceOpportunity, hubspot, pipedrive }

    var index: Int
    var crm: CRM
    var name: String
    /// The contact's title (Salesforce leads carry it).
    var title: String
    var domain: String
    var industry: String
    var country: String?          // as the CRM user typed it
    var employees: Int?
    var employeesText: String?    // a band instead of a number, sometimes
    var revenue: Int?
    var tools: [String]
    var fundingDate: Timestamp?
    var owner: String
    var lifecycle: Lifecycle
    var lostReason: String?
    var created: Timestamp
    var closed: Timestamp?
    var lastActivity: Timestamp?
    var amount: Int
    var broken: Bool              // a row the export mangled

    /// What changed by the later export.
    var grownTo: Int?
    var addedTool: String?
    var raisedOn: Timestamp?
    var newActivity: Timestamp?
    /// A new executive in the contact's seat by the later export (a new title).
    var newTitle: String?
    /// A country the company moved into (its headquarters) by the later export.
    var enteredCountry: String?
    /// Whether the record exists in the older export at all.
    var inOlderExport: Bool

    /// The company as the older or the later export shows it.
    func state(later: Bool) -> SampleCompany? {
        if !later && !inOlderExport { return nil }
        guard later else {
            // The older export shows what was true on its date.
            var c = self
            let day = SampleExports.olderExport.dayNumber
            if let closed, closed.dayNumber > day { c.closed = nil; c.lifecycle = .open; c.lostReason = nil }
            if let f = fundingDate, f.dayNumber > day { c.fundingDate = nil }
            if let a = lastActivity, a.dayNumber > day { c.lastActivity = SampleExports.olderExport.adding(days: -3) }
            return c
        }
        var c = self
        if let grownTo { c.employees = grownTo; c.employeesText = nil }
        if let addedTool, !c.tools.contains(addedTool) { c.tools.append(addedTool) }
        if let raisedOn { c.fundingDate = raisedOn }
        if let newActivity { c.lastActivity = newActivity }
        if let newTitle { c.title = newTitle }
        if let enteredCountry { c.country = enteredCountry }
        c.broken = false
        return c
    }
}

/// The population: believable distributions of industries, sizes, countries, stacks, funding,
/// statuses, lost reasons and dates over four years, with the gaps real CRMs have.
enum SampleCompanies {
    static let industries: [(String, Int)] = [
        ("Software", 26), ("Financial Services", 14), ("Retail", 10), ("Manufacturing", 10), ("Healthcare", 9),
        ("Education", 6), ("Media", 6), ("Logistics", 6), ("Consulting", 7), ("Telecommunications", 6),
    ]
    static let countries: [(String?, Int)] = [
        ("United States", 18), ("USA", 8), ("U.S.", 3), ("US", 5), ("Canada", 8), ("United Kingdom", 8), ("UK", 5),
        ("Germany", 6), ("Deutschland", 3), ("France", 6), ("Spain", 3), ("Australia", 4), ("Netherlands", 3), (nil, 6),
    ]
    static let tools = ["Salesforce", "HubSpot", "Slack", "Zendesk", "Intercom", "Snowflake", "Segment", "Marketo", "CompetitorCRM"]
    static let lostReasons: [(String, Int)] = [
        ("No SSO", 12), ("Missing HubSpot integration", 8), ("Too expensive", 18), ("Chose competitor", 14), ("No budget", 16),
        ("Bad timing", 14), ("Not a fit", 10), ("No decision", 8),
    ]
    static let titles = ["Head of Operations", "Operations Manager", "Director of Sales", "IT Manager", "Founder"]
    static let owners = ["Ana Souza", "Ben Carter", "Chloé Martin", "Dmitri Ivanov", "Emma Schultz", "Farah Khan"]
    static let prefixes = ["North", "Blue", "Bright", "Vertex", "Summit", "Harbor", "Quantum", "Maple", "Atlas", "Nimbus", "Cobalt",
                           "Granite", "Silver", "Lumen", "Pioneer", "Zenith", "Orbit", "Willow", "Crimson", "Aurora"]
    static let suffixes = ["Labs", "Systems", "Analytics", "Partners", "Works", "Health", "Logistics", "Capital", "Media", "Retail",
                           "Software", "Networks", "Foods", "Energy", "Robotics"]
    static let legal = ["", " Inc.", " LLC", " Ltd", " GmbH", ", Inc.", " S.A.", " Corp."]

    static func make(count: Int, seed: UInt64) -> [SampleCompany] {
        var rng = SampleRandom(seed: seed)
        let start = Timestamp(year: 2022, month: 1, day: 3, isDateOnly: true)
        let older = SampleExports.olderExport, newer = SampleExports.newerExport
        return (0..<count).map { i in
            let crm = rng.weighted([(SampleCompany.CRM.salesforceLead, 30), (.salesforceOpportunity, 20), (.hubspot, 30), (.pipedrive, 20)])
            let name = "\(rng.pick(prefixes)) \(rng.pick(suffixes))\(rng.pick(legal))" + (i >= prefixes.count * suffixes.count ? " \(i)" : "")
            let slug = name.lowercased().filter { $0.isLetter || $0.isNumber }
            let sizeClass = rng.weighted([(0, 12), (1, 30), (2, 30), (3, 18), (4, 10)])
            let employees: Int = [rng.int(2...45), rng.int(50...200), rng.int(201...1000), rng.int(1001...5000), rng.int(5001...40000)][sizeClass]
            let created = start.adding(days: rng.int(0...1600))
            let lifecycle: Lifecycle = rng.weighted([(.lost, 38), (.disqualified, crm == .salesforceLead ? 14 : 0), (.open, 30), (.won, 18)])
            let closed = lifecycle == .open ? nil : created.adding(days: rng.int(20...200))
            let lastActivity: Timestamp? = rng.chance(0.15) ? nil : (closed ?? created).adding(days: -rng.int(0...15))
            var tools = Array(Set((0..<rng.int(0...3)).map { _ in rng.pick(Self.tools) })).sorted()
            if rng.chance(0.25) { tools = [] }
            var c = SampleCompany(
                index: i, crm: crm, name: name, title: rng.pick(titles), domain: "\(slug).example", industry: rng.weighted(industries),
                country: rng.weighted(countries), employees: rng.chance(0.18) ? nil : employees, employeesText: nil,
                revenue: rng.chance(0.4) ? nil : employees * rng.int(80...250) * 1000, tools: tools,
                fundingDate: rng.chance(0.2) ? created.adding(days: -rng.int(30...900)) : nil, owner: rng.pick(owners),
                lifecycle: lifecycle, lostReason: lifecycle == .lost ? rng.weighted(lostReasons) : nil, created: created, closed: closed,
                lastActivity: lastActivity, amount: rng.int(5...120) * 1000, broken: i % 331 == 17,
                grownTo: nil, addedTool: nil, raisedOn: nil, newActivity: nil, newTitle: nil, enteredCountry: nil,
                inOlderExport: created.dayNumber <= older.dayNumber)
            // Who buys follows the newer ICP (2025-q3), as a real CRM's history would if the ICP is
            // right: the more of its industries, sizes and countries a closed deal has, the more
            // likely it was won. `reeval backtest` then tells the two versions apart.
            if lifecycle == .won || lifecycle == .lost {
                var fit = 0
                if ["Software", "Financial Services"].contains(c.industry) { fit += 1 }
                if let e = c.employees, (50...1000).contains(e) { fit += 1 }
                if let country = c.country, ["United States", "USA", "U.S.", "US", "Canada", "United Kingdom", "UK"].contains(country) { fit += 1 }
                c.lifecycle = rng.chance([0.12, 0.22, 0.45, 0.75][fit]) ? .won : .lost
                c.lostReason = c.lifecycle == .lost ? (c.lostReason ?? rng.weighted(lostReasons)) : nil
            }
            if c.employees != nil, crm == .hubspot, rng.chance(0.2) {
                c.employeesText = ["51-200", "201-1000", "1,001-5,000", "10,000+"][min(3, max(0, sizeClass - 1))]
            }
            // What happens before the later export.
            if let e = c.employees, rng.chance(0.16) { c.grownTo = e * rng.int(2...6) + rng.int(0...30) }
            if rng.chance(0.12) { c.addedTool = rng.pick(["Salesforce", "HubSpot", "HubSpot", "Salesforce", "Snowflake"]) }
            if rng.chance(0.1) { c.raisedOn = newer.adding(days: -rng.int(10...300)) }
            if lifecycle == .open {
                // Most open deals stay active; some went quiet long ago.
                c.newActivity = rng.chance(0.55) ? newer.adding(days: -rng.int(1...60)) : nil
            }
            // The buying signals the rules over history read: a new executive, a move into a new
            // market, and a lost deal whose company is active again (only where the export has a
            // close date, so the dismissal date stays put when the activity date moves).
            if rng.chance(0.08) { c.newTitle = rng.pick(["VP Sales", "VP Revenue Operations", "Chief Revenue Officer"]) }
            if rng.chance(0.06) { c.enteredCountry = rng.pick(["United Kingdom", "Canada", "Germany"]) }
            if c.lifecycle == .lost, crm != .salesforceLead, let closed = c.closed, closed.dayNumber < newer.dayNumber - 90, rng.chance(0.1) {
                c.newActivity = newer.adding(days: -rng.int(5...90))
            }
            return c
        }
    }
}
