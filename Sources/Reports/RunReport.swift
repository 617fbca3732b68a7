import Foundation
import ICP
import ICPRegistry
import LeadData
import ReevalStore
import Reevaluation

/// Everything a report shows about one stored run, read once from the database and rendered
/// the same way in every format. It holds no clock time: rendering a run twice gives the same bytes.
public struct RunReport: Sendable {
    public struct Lead: Sendable {
        public var rank: Int
        public var source: String
        public var object: String
        public var crmID: String
        public var company: String?
        public var owner: String?
        public var lifecycle: String
        public var dismissedAt: String?
        public var industry: String?
        public var country: String?
        public var employeesLow: Int?
        public var employeesHigh: Int?
        public var baselineICP: String
        public var baselineScore: Double
        public var baselineTier: String?
        public var score: Double
        public var tier: String
        public var isNew: Bool
        public var reasons: [(kind: String, id: String, before: Double, after: Double, detail: String)]
    }

    public var runID: Int
    public var asOf: String
    public var since: String?
    public var icpVersion: String
    public var baselineVersions: [String]
    public var candidates: Int
    public var revived: Int
    public var newRevived: Int
    public var byReason: [(kind: String, count: Int)]
    /// Per export column, the values imports could not read, most frequent first (up to 5 each).
    public var unreadableValues: [(column: String, values: [(text: String, count: Int)])] = []
    /// Whether `--keep-runs` trimmed this run's scores: its chart is gone and its leads' details
    /// are today's, which the report says.
    public var scoresTrimmed = false
    /// Is the ICP right: the run's ICP tested on the won and lost records as they stood on the
    /// run's as-of date (`reeval backtest`, records seen by then).
    public var backtest: Backtest.Result?
    /// Candidates worth enriching: by missing field (`runs.enrich`), and the top ones.
    public var enrichByField: [(field: String, count: Int)] = []
    public var worthEnriching: [(company: String?, crmID: String, fields: String, gain: Double, tier: String)] = []
    /// The accounts with revived leads in this run, best first (`revived_accounts`).
    public var accounts: [Account] = []

    public struct Account: Sendable {
        public var source: String
        public var crmID: String
        public var company: String?
        public var revivedLeads: Int
        public var bestScore: Double
        public var bestTier: String?
        public var reasonKinds: [String]
    }

    /// Dismissed leads the run did not judge, by cause (`runs.excluded`), in `Exclusion` order.
    public var excluded: [(cause: Exclusion, count: Int)] = []
    /// What changed from each baseline version to the current one, in words.
    public var icpChanges: [(from: String, changes: [String])]
    public var leads: [Lead]
    /// Candidates' baseline and current scores, for the distribution chart.
    public var baselineScores: [Double]
    public var currentScores: [Double]
    /// Criterion id → candidates whose value was unknown (what to enrich next).
    public var unknownByCriterion: [(id: String, field: String, count: Int)]

    /// Revived leads per industry, size band and country, each largest first: counted once at
    /// load, as every format shows them.
    public var segments: [Segment] = []

    public struct Segment: Sendable {
        /// The key in `run.json`: `industry`, `size`, `country`.
        public var name: String
        /// The column title in the Markdown and HTML tables.
        public var title: String
        public var counts: [(value: String, count: Int)]
    }

    static func countSegments(_ leads: [Lead]) -> [Segment] {
        var industry: [String: Int] = [:], size: [String: Int] = [:], country: [String: Int] = [:]
        for i in leads.indices {
            industry[leads[i].industry ?? "unknown", default: 0] += 1
            size[sizeBand(leads[i]), default: 0] += 1
            country[leads[i].country ?? "unknown", default: 0] += 1
        }
        func ranked(_ counts: [String: Int]) -> [(value: String, count: Int)] {
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        return [Segment(name: "industry", title: "industry", counts: ranked(industry)),
                Segment(name: "size", title: "size (employees)", counts: ranked(size)),
                Segment(name: "country", title: "country", counts: ranked(country))]
    }

    public static func sizeBand(_ lead: Lead) -> String {
        guard let low = lead.employeesLow else { return "unknown" }
        switch low {
        case ..<50: return "1-49"
        case ..<201: return "50-200"
        case ..<1001: return "201-1000"
        case ..<5001: return "1001-5000"
        default: return "5000+"
        }
    }
}
