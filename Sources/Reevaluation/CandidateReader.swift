import LeadData
import ReevalStore

/// Reads candidates with their states in one pass, one lead at a time, so memory holds one
/// lead's history, not the database: the candidates' current states from `leads` in id order,
/// merged with `lead_history` read in the same order (empty after a first import).
struct CandidateReader {
    let db: Database

    /// Lost and disqualified leads, and open leads with no activity for `dormantAfterDays`
    /// (a lead last active exactly that many days before `asOf` is dormant); `since` keeps
    /// dismissals on or after it.
    /// Only `columns` of each state are read: a run's results depend on no other.
    ///
    /// Returns the dismissed leads the run does not judge, by cause (the keys of `runs.excluded`):
    /// those with no date at all to dismiss them by (`no_dismissal_date`: an open one cannot even
    /// be told dormant), and dismissals before `since` (`before_since`); causes with no lead are
    /// left out. They are counted in the same pass over `leads` as the candidates are read.
    func forEach(asOf: Timestamp, since: Timestamp?, dormantAfterDays: Int, columns: [LeadColumn], _ body: (Candidate) throws -> Void) throws -> [String: Int] {
        try forEachLead(where: """
            l.lifecycle IN ('lost', 'disqualified') OR (l.lifecycle = 'open' AND (l.dismissed_at IS NULL OR l.dismissed_at < :cutoff))
            """, [":cutoff": Self.dormancyCutoff(asOf: asOf, dormantAfterDays: dormantAfterDays), ":since": since?.isoDay],
            dateColumn: "l.dismissed_at", columns: columns, excludedBy: """
            CASE WHEN l.dismissed_at IS NULL THEN '\(Exclusion.noDismissalDate.rawValue)'
                 WHEN :since IS NOT NULL AND l.dismissed_at < :since THEN '\(Exclusion.beforeSince.rawValue)' END
            """, body)
    }

    /// Every lead that `condition` (over `leads l`, with named `bindings`) keeps, with all its
    /// states, in id order; `dateColumn` is the date its baseline state is chosen by. A lead for
    /// which `excludedBy` (an SQL expression) is not NULL is not read, only counted under that
    /// value; the counts are returned.
    @discardableResult
    func forEachLead(where condition: String, _ bindings: [String: DatabaseValueConvertible?], dateColumn: String,
                     columns: [LeadColumn] = LeadColumns.lead, excludedBy: String = "NULL",
                     _ body: (Candidate) throws -> Void) throws -> [String: Int] {
        // `NOT INDEXED`: scanning leads in id order, as the history below is read; through
        // an index SQLite would sort the rows in a temporary B-tree.
        let leads = try db.prepare("""
            SELECT l.id, l.source, l.object, l.crm_id, \(dateColumn), l.state_id, l.observed_at, l.lifecycle, l.lost_reason,
                   \(excludedBy), \(LeadColumns.names(columns, alias: "l"))
            FROM leads l NOT INDEXED
            WHERE \(condition)
            ORDER BY l.id
            """)
        try leads.bind(bindings)
        let history = try db.prepare("""
            SELECT lead_id, state_id, observed_at, \(LeadColumns.names(columns)) FROM lead_history ORDER BY lead_id, observed_at, state_id
            """)
        var excluded: [String: Int] = [:]
        var historyRow = try history.step()
        while try leads.step() {
            if let cause = leads.column(9).string {
                excluded[cause, default: 0] += 1
                continue
            }
            let id = leads.column(0).int64 ?? 0
            let crmID = leads.column(3).string ?? ""
            var states: [(stateID: Int64, observedAt: Timestamp, values: StoredValues)] = []
            // A state whose date cannot be read cannot be placed in the lead's history: the lead
            // is left out and counted (`unreadable_state`), never a candidate that is not judged.
            var unreadable = false
            while historyRow, let historyLead = history.column(0).int64, historyLead <= id {
                if historyLead == id {
                    if let observed = history.timestamp(at: 2) {
                        states.append((history.column(1).int64 ?? 0, observed, StoredValues(from: history, at: 3, count: columns.count)))
                    } else {
                        unreadable = true
                    }
                }
                historyRow = try history.step()
            }
            if let observed = leads.timestamp(at: 6) {
                states.append((leads.column(5).int64 ?? 0, observed, StoredValues(from: leads, at: 10, count: columns.count)))
            } else {
                unreadable = true
            }
            if unreadable {
                excluded[Exclusion.unreadableState.rawValue, default: 0] += 1
                continue
            }
            try body(Candidate(
                leadID: id, source: leads.column(1).string ?? "", object: leads.column(2).string ?? "", crmID: crmID,
                lifecycle: leads.column(7).string.flatMap(Lifecycle.init(rawValue:)) ?? .open,
                baselineDate: leads.timestamp(at: 4), lostReason: leads.column(8).string, states: states,
                columns: columns))
        }
        leads.reset()
        history.reset()
        return excluded
    }

    /// Open leads last active before this day are dormant (one last active exactly
    /// `dormantAfterDays` before `asOf` is).
    static func dormancyCutoff(asOf: Timestamp, dormantAfterDays: Int) -> String {
        asOf.startOfDay.adding(days: -dormantAfterDays + 1).isoDay
    }
}

/// Why a dismissed lead was not judged: the keys of `runs.excluded`.
public enum Exclusion: String, Sendable, CaseIterable {
    case noDismissalDate = "no_dismissal_date"
    case beforeSince = "before_since"
    /// A stored state whose `observed_at` cannot be read (the database was edited by hand).
    case unreadableState = "unreadable_state"

    /// How the summary line and the report say it, for `count` leads.
    public func phrase(_ count: Int) -> String {
        let leads = count == 1 ? "1 lead" : "\(count) leads"
        switch self {
        case .noDismissalDate: return "\(leads) \(count == 1 ? "has" : "have") no dismissal date and \(count == 1 ? "was" : "were") not judged"
        case .beforeSince: return "\(leads) dismissed before --since \(count == 1 ? "was" : "were") left out"
        case .unreadableState:
            return "\(leads) \(count == 1 ? "has" : "have") a stored state whose observed_at cannot be read and \(count == 1 ? "was" : "were") not judged "
                + "(SELECT lead_id, state_id, observed_at FROM lead_snapshots WHERE observed_at NOT GLOB '[0-9][0-9][0-9][0-9]-*')"
        }
    }
}
