import LeadData
import ReevalStore

/// A dismissed lead to re-evaluate: lost, disqualified, or open and dormant.
public struct Candidate: Sendable {
    public var leadID: Int64
    public var source: String
    public var object: String
    public var crmID: String
    public var lifecycle: Lifecycle
    /// The date its baseline state is picked by: for a run, when it was dropped (close date,
    /// else last activity, else last modified); for a backtest, when it came in (its creation
    /// date). Nil if unknown: the oldest state is the baseline.
    public var baselineDate: Timestamp?
    public var lostReason: String?
    /// Its states, oldest first: what was known of it over time, each with its state id, the
    /// date it was first seen and its stored values of `columns`, as SQLite returned them (only
    /// the two a judgement needs are ever decoded, on a judging thread).
    public var states: [(stateID: Int64, observedAt: Timestamp, values: StoredValues)]
    /// The columns the states hold: all of `LeadColumns.lead`, or for a run only those its ICP
    /// versions read (the fields left out stay empty in `records()`).
    public var columns: [LeadColumn]

    public init(leadID: Int64, source: String, object: String, crmID: String, lifecycle: Lifecycle, baselineDate: Timestamp?,
                lostReason: String?, states: [(stateID: Int64, observedAt: Timestamp, values: StoredValues)],
                columns: [LeadColumn] = LeadColumns.lead) {
        self.leadID = leadID
        self.source = source
        self.object = object
        self.crmID = crmID
        self.lifecycle = lifecycle
        self.baselineDate = baselineDate
        self.lostReason = lostReason
        self.states = states
        self.columns = columns
    }

    /// Which state was known on the baseline day: the newest observed on or before it, else the oldest.
    public var baselineIndex: Int? {
        guard !states.isEmpty else { return nil }
        guard let baselineDate else { return 0 }
        let day = baselineDate.dayNumber
        return states.lastIndex { $0.observedAt.dayNumber <= day } ?? 0
    }

    /// The state ids of the baseline and current (newest) states.
    public var stateIDs: (baseline: Int64, current: Int64)? {
        guard let b = baselineIndex else { return nil }
        return (states[b].stateID, states[states.count - 1].stateID)
    }

    /// The baseline and current (newest) records, each decoded once.
    public func records() -> (baseline: LeadRecord, current: LeadRecord)? {
        guard let b = baselineIndex else { return nil }
        let current = LeadColumns.read(columns, values: states[states.count - 1].values.values, crmID: crmID)
        if b == states.count - 1 { return (current, current) }
        return (LeadColumns.read(columns, values: states[b].values.values, crmID: crmID), current)
    }
}
