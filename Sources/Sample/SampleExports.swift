import Foundation
import LeadData

/// Realistic, deterministic CRM exports for demos and benchmarks, written the way the real CRMs
/// write them: a Salesforce weekly Data Export (Lead, Account, Opportunity; API names, every field
/// quoted, `0`/`1`, `YYYY-MM-DD HH:MM:SS`, `000000000000000AAA`, with User, and a mapping overlay
/// for the org's custom fields), a HubSpot export (companies and
/// deals, label headers, `;` lists) and a Pipedrive deals export, each twice: as of 2024-06-30 and
/// a later one as of 2026-10-01 in which some companies grew, adopted tools, raised rounds, got
/// a new executive or moved into a new market, some lost deals became active again, and some
/// open deals went quiet. Two ICP files come with them.
///
/// ```swift
/// let written = try SampleExports(leads: 2000, seed: 42).write(to: "sample")
/// ```
public struct SampleExports: Sendable {
    public let leads: Int
    public let seed: UInt64

    /// The two export dates and the date the demo evaluates as of.
    public static let olderExport = Timestamp(year: 2024, month: 6, day: 30, isDateOnly: true)
    public static let newerExport = Timestamp(year: 2026, month: 10, day: 1, isDateOnly: true)
    public static let demoAsOf = Timestamp(year: 2026, month: 11, day: 22, isDateOnly: true)

    public init(leads: Int, seed: UInt64 = 42) {
        self.leads = leads
        self.seed = seed
    }

    /// The files written, relative to the output folder, with what the demo imports them as.
    public struct File: Sendable {
        public let path: String
        public let observedAt: Timestamp
        /// The mapping overlay to import it with (relative to the output folder), if any: the
        /// Salesforce org's custom fields, mapped to canonical ones as the README tells users to.
        public let mapping: String?
    }

    /// The Salesforce org's custom fields as canonical ones, added to the Salesforce preset
    /// (`reeval import … --source salesforce --mapping mappings/salesforce-custom-fields.yaml`).
    public static let salesforceMapping = "mappings/salesforce-custom-fields.yaml"
    static let salesforceMappingText = """
        # The sample org's custom fields, added to the Salesforce preset:
        #   reeval import Account.csv Lead.csv --source salesforce --mapping mappings/salesforce-custom-fields.yaml
        fields:
          technologies: Tech_Stack__c
          last_funding_at: Last_Funding_Date__c

        """

    /// Writes every file under `folder` and returns the exports in import order (accounts first).
    @discardableResult
    public func write(to folder: String) throws -> (exports: [File], icps: [String]) {
        let companies = SampleCompanies.make(count: max(leads, 10), seed: seed)
        var exports: [File] = []
        for (snapshot, date) in [(false, Self.olderExport), (true, Self.newerExport)] {
            let dir = "exports-\(date.isoDay)"
            let view = companies.map { $0.state(later: snapshot) }
            // Users rarely change: one User export (with the older one) names every owner.
            let users: [(String, String)] = snapshot ? [] : [("salesforce/User.csv", SalesforceSample.users())]
            let files: [(String, String)] = users + [
                ("salesforce/Account.csv", SalesforceSample.accounts(view)),
                ("salesforce/Lead.csv", SalesforceSample.leads(view, exportDate: date)),
                ("salesforce/Opportunity.csv", SalesforceSample.opportunities(view, exportDate: date)),
                ("hubspot/companies.csv", HubSpotSample.companies(view)),
                ("hubspot/deals.csv", HubSpotSample.deals(view, exportDate: date)),
                ("pipedrive/deals.csv", PipedriveSample.deals(view, exportDate: date)),
            ]
            for (name, text) in files {
                let relative = "\(dir)/\(name)"
                try Self.save(text, to: (folder as NSString).appendingPathComponent(relative), latin1: name.hasPrefix("salesforce"))
                exports.append(File(path: relative, observedAt: date,
                                    mapping: ["salesforce/Account.csv", "salesforce/Lead.csv"].contains(name) ? Self.salesforceMapping : nil))
            }
        }
        try Self.save(Self.salesforceMappingText, to: (folder as NSString).appendingPathComponent(Self.salesforceMapping), latin1: false)
        var icps: [String] = []
        for (name, text) in [("icp/2024-h1.yaml", SampleICP.older), ("icp/2025-q3.yaml", SampleICP.newer)] {
            try Self.save(text, to: (folder as NSString).appendingPathComponent(name), latin1: false)
            icps.append(name)
        }
        return (exports, icps)
    }

    /// Salesforce's Data Export writes ISO-8859-1; the others UTF-8 (HubSpot with a BOM).
    static func save(_ text: String, to path: String, latin1: Bool) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let data: Data
        if latin1 {
            data = Data(text.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : UInt8(ascii: "?") })
        } else if path.contains("/hubspot/") {
            data = Data([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        } else {
            data = Data(text.utf8)
        }
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw FileFailure.cannotWrite(path, "the folder may be read-only or the disk full")
        }
    }
}

/// A small deterministic generator (SplitMix64): the same seed writes the same files, and a
/// property test that draws from it replays a failing case from its seed on any machine.
public struct SampleRandom: Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    public mutating func chance(_ p: Double) -> Bool { Double(next() % 10_000) / 10_000 < p }

    public mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    /// An item chosen with the given weights.
    public mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        var roll = Int(next() % UInt64(items.reduce(0) { $0 + $1.1 }))
        for (item, weight) in items {
            if roll < weight { return item }
            roll -= weight
        }
        return items[0].0
    }
}
