import Foundation
import ICP
import LeadData

/// What a re-evaluation run was asked to do.
public struct RunOptions: Sendable {
    /// The evaluation date (the command line's `--as-of`, default now).
    public var asOf: Timestamp
    /// Keep dismissals on or after this date.
    public var since: Timestamp?
    /// A registered label to apply now instead of the one in force.
    public var icpLabel: String?
    /// An unregistered ICP to preview: everything is evaluated, nothing stored.
    public var previewICP: ICPVersion?
    public var dormantAfterDays = 90
    public var inbox: String?
    public var dryRun = false
    public var keepRuns = 30
    /// The wall clock, for bookkeeping columns and timings only; never used in scoring.
    public var clock: @Sendable () -> Date

    public init(asOf: Timestamp, clock: @escaping @Sendable () -> Date) {
        self.asOf = asOf
        self.clock = clock
    }

    /// Whether nothing is stored.
    public var storesNothing: Bool { dryRun || previewICP != nil }
}

/// What a run found, for the summary line, `--json` and reports.
public struct RunSummary: Sendable {
    public var runID: Int?
    public var asOf: Timestamp
    public var since: Timestamp?
    public var icpVersion: String
    public var baselineVersions: [String] = []
    public var candidates = 0
    public var evaluated = 0
    public var revived = 0
    public var newRevived = 0
    public var byReason: [String: Int] = [:]
    /// Dismissed leads not judged, by cause (`Exclusion` raw values): stored as `runs.excluded`.
    public var excluded: [String: Int] = [:]
    /// Candidates worth enriching, by missing field: stored as `runs.enrich`.
    public var enrich: [String: Int] = [:]
    public var seconds = 0.0
    public var preview = false
    public var dryRun = false
    public var inboxImports: [String] = []
    /// The revived leads in rank order (only kept for previews and dry runs, which store nothing).
    public var revivedLeads: [RevivedLead] = []
}

/// One revived lead as ranked in a run.
public struct RevivedLead: Sendable {
    public var leadID: Int64
    public var crmID: String
    public var company: String?
    public var rank: Int
    public var baselineICP: String
    public var baselineScore: Double
    public var baselineTier: String?
    public var score: Double
    public var tier: String
    public var reasons: [Reason]
    public var isNew: Bool
}
