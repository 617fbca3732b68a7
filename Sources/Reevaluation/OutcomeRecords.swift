import LeadData
import ReevalStore

/// The records whose outcome is known, each on its state when it came in: what `backtest`
/// scores and `icp suggest` learns from, read by one function so both always count the same
/// records (DESIGN.md, "Evidence for an ICP").
public struct OutcomeRecord: Sendable {
    public var source: String
    public var object: String
    public var crmID: String
    public var won: Bool
    /// The newest state observed on or before its creation date, else its oldest.
    public var record: LeadRecord
    /// Its creation date, else the day its first state was observed.
    public var cameIn: Timestamp
    /// Whether `cameIn` is its creation date (false: it has none, so its first observed state).
    public var dated: Bool
}

public struct OutcomeRecords: Sendable {
    public var records: [OutcomeRecord] = []
    /// Records with no outcome, by lifecycle (`open`, `disqualified`).
    public var leftOut: [String: Int] = [:]
    /// Records without `created_at`, which came in at their first observed state.
    public var undated: Int { records.count { !$0.dated } }

    /// The records as they stood on `asOf` (a run's report): only states observed by then, each
    /// record's outcome and close date from the newest of them, so imports after the run change
    /// nothing. A record first seen later is not there; one won later is still open.
    public static func read(_ db: Database, asOf: Timestamp) throws -> OutcomeRecords {
        var result = OutcomeRecords()
        let day = asOf.dayNumber
        // Open and disqualified by the state in force then (observed by the day, superseded after it).
        for row in try db.rows("""
            SELECT s.lifecycle, count(*) FROM lead_snapshots s
            WHERE s.lifecycle IN ('open', 'disqualified') AND substr(s.observed_at, 1, 10) <= ?1
              AND (s.superseded_at IS NULL OR substr(s.superseded_at, 1, 10) > ?1)
            GROUP BY 1
            """, [asOf.isoDay]) {
            result.leftOut[row[0].string ?? ""] = row[1].int ?? 0
        }
        // Only a record won or lost in some state can have been won or lost then.
        let everClosed = """
            (l.lifecycle IN ('won', 'lost')
             OR EXISTS (SELECT 1 FROM lead_history h WHERE h.lead_id = l.id AND h.lifecycle IN ('won', 'lost')))
            """
        _ = try CandidateReader(db: db).forEachLead(where: everClosed, [:], dateColumn: "l.created_at") { c in
            var seen = c
            seen.states = c.states.filter { $0.observedAt.dayNumber <= day }
            guard let newest = seen.states.last else { return }
            let then = LeadColumns.read(c.columns, values: newest.values.values, crmID: c.crmID)
            guard then.lifecycle == .won || then.lifecycle == .lost, then.closedAt.map({ $0.dayNumber <= day }) ?? true else { return }
            // The creation date as recorded then; the first state seen, when there is none.
            seen.baselineDate = then.createdAt
            guard let (cameInState, _) = seen.records(), let first = seen.states.first else { return }
            result.records.append(OutcomeRecord(source: c.source, object: c.object, crmID: c.crmID, won: then.lifecycle == .won,
                                                record: cameInState, cameIn: then.createdAt ?? first.observedAt, dated: then.createdAt != nil))
        }
        return result
    }

    /// The won and lost records closed in [from, to] (either open-ended when nil).
    public static func read(_ db: Database, closedFrom from: Timestamp? = nil, to: Timestamp? = nil) throws -> OutcomeRecords {
        var result = OutcomeRecords()
        let numbered = "(?1 IS NULL OR l.closed_at >= ?1) AND (?2 IS NULL OR l.closed_at < ?2)"
        let window: [DatabaseValueConvertible?] = [from?.isoDay, to.map { $0.adding(days: 1).isoDay }]
        for row in try db.rows("SELECT l.lifecycle, count(*) FROM leads l WHERE l.lifecycle IN ('open', 'disqualified') AND \(numbered) GROUP BY 1",
                               window) {
            result.leftOut[row[0].string ?? ""] = row[1].int ?? 0
        }
        let bindings: [String: DatabaseValueConvertible?] = [":from": window[0], ":to": window[1]]
        _ = try CandidateReader(db: db).forEachLead(
            where: "l.lifecycle IN ('won', 'lost') AND (:from IS NULL OR l.closed_at >= :from) AND (:to IS NULL OR l.closed_at < :to)",
            bindings, dateColumn: "l.created_at") { c in
            guard let (cameInState, _) = c.records(), let first = c.states.first else { return }
            result.records.append(OutcomeRecord(source: c.source, object: c.object, crmID: c.crmID, won: c.lifecycle == .won,
                                                record: cameInState, cameIn: c.baselineDate ?? first.observedAt, dated: c.baselineDate != nil))
        }
        return result
    }
}
