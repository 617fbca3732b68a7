import LeadData

/// A dismissed lead to re-evaluate: lost, disqualified, or open and dormant.
public struct Candidate: Sendable {
    public var leadID: Int64
    public var source: String
    public var object: String
    public var crmID: String
    public var lifecycle: Lifecycle
    /// When it was dropped (close date, else last activity, else last modified); nil if unknown.
    public var dismissedAt: Timestamp?
    public var lostReason: String?
    /// Its snapshots, oldest first: what was known of it over time.
    public var snapshots: [(observedAt: Timestamp, record: LeadRecord)]

    public init(leadID: Int64, source: String, object: String, crmID: String, lifecycle: Lifecycle, dismissedAt: Timestamp?,
                lostReason: String?, snapshots: [(observedAt: Timestamp, record: LeadRecord)]) {
        self.leadID = leadID
        self.source = source
        self.object = object
        self.crmID = crmID
        self.lifecycle = lifecycle
        self.dismissedAt = dismissedAt
        self.lostReason = lostReason
        self.snapshots = snapshots
    }

    /// What was known on the dismissal day: the newest snapshot observed on or before it,
    /// else the oldest.
    public var baselineRecord: LeadRecord? {
        guard let dismissedAt else { return snapshots.first?.record }
        let day = dismissedAt.dayNumber
        return snapshots.last { $0.observedAt.dayNumber <= day }?.record ?? snapshots.first?.record
    }

    /// What is known now: the newest snapshot.
    public var currentRecord: LeadRecord? { snapshots.last?.record }
}
