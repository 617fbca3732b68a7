import CRMImport
import ICP
import ICPRegistry
import LeadData
import ReevalStore

/// One lead's baseline and current evaluation in a stored run, recomputed exactly as that run saw
/// them: the same states (by the state ids in `score_history`), the same immutable ICP versions
/// and the same dates. Explanations are not stored; scoring is a pure function of these, so the
/// recomputed scores are the stored ones.
///
/// ```swift
/// let explanation = try Explanation.load(db, crmID: "OPP-B", runID: nil)
/// print(explanation.current.score, explanation.current.outcomes.map(\.id))
/// ```
public struct Explanation: Sendable {
    public var leadID: Int64
    public var source: String
    public var object: String
    public var crmID: String
    public var runID: Int
    public var dismissedAt: Timestamp?
    public var baselineAsOf: Timestamp
    public var currentAsOf: Timestamp
    public var baseline: Evaluation
    public var current: Evaluation
    /// The stored scores, which the recomputed ones equal.
    public var storedBaselineScore: Double
    public var storedCurrentScore: Double
    /// The run's reasons when it revived the lead; empty otherwise.
    public var reasons: [Reason]
    public var revived: Bool

    /// Loads and recomputes the lead `crmID` (narrowed by `source` and `object` when it names
    /// several records) in run `runID`, or in the latest completed run when nil.
    public static func load(_ db: Database, crmID: String, runID: Int?, source: String? = nil, object: String? = nil) throws -> Explanation {
        let leads = try db.rows("""
            SELECT id, source, object, crm_id FROM leads WHERE (crm_id = ? OR (source = 'salesforce' AND crm_id = ?))
              AND (? IS NULL OR lower(source) = lower(?)) AND (? IS NULL OR lower(object) = lower(?)) ORDER BY id
            """, [crmID, SalesforceID.full(crmID), source, source, object, object])
        guard let lead = leads.first else {
            throw Failure(.badData, "no lead with CRM id \(crmID)\(source.map { " from \($0)" } ?? "")\(object.map { " (\($0))" } ?? "") was imported")
        }
        guard leads.count == 1 else {
            let names = leads.map { "\($0["source"] ?? "") \($0["object"] ?? "")" as String }.joined(separator: ", ")
            throw Failure(.usage, "CRM id \(crmID) names \(leads.count) records (\(names)); pass --source and --object")
        }
        let leadID: Int64 = lead["id"] ?? 0
        // As stored: a Salesforce id asked for in its 15-character form is stored in its 18.
        let crmID: String = lead["crm_id"] ?? crmID
        let (run, asOf) = try completedRun(db, runID)
        guard let row = try db.rows("""
            SELECT dismissed_at, baseline_icp, baseline_state_id, baseline_score, current_icp, current_state_id, current_score
            FROM lead_scores WHERE lead_id = ? AND run_id = ?
            """, [leadID, run]).first else {
            throw Failure(.badData, "\(crmID) was not a candidate in run #\(run) (it was open and active, won, or left out); see `reeval status`")
        }
        let dates = DateParser(order: .yearMonthDay)
        let dismissedAt = (row["dismissed_at"] as String?).flatMap { dates.parse($0) }
        let registry = ICPRegistry(db: db)
        let baselineVersion = try registry.entry(row["baseline_icp"] ?? "").version
        let currentVersion = try registry.entry(row["current_icp"] ?? "").version
        func state(_ column: String) throws -> LeadRecord {
            try storedState(db, leadID: leadID, stateID: row[column], crmID: crmID, run: run)
        }
        let baselineAsOf = dismissedAt ?? asOf
        let baselineState = try state("baseline_state_id")
        let then = dismissedAt.map { DismissalState(record: baselineState, dismissedAt: $0) }
        var explanation = Explanation(
            leadID: leadID, source: lead["source"] ?? "", object: lead["object"] ?? "", crmID: crmID, runID: run, dismissedAt: dismissedAt,
            baselineAsOf: baselineAsOf, currentAsOf: asOf,
            baseline: Scorer(baselineVersion).evaluate(baselineState, asOf: baselineAsOf),
            current: Scorer(currentVersion).evaluate(try state("current_state_id"), asOf: asOf, since: then),
            storedBaselineScore: row["baseline_score"] ?? 0, storedCurrentScore: row["current_score"] ?? 0, reasons: [], revived: false)
        explanation.revived = try db.scalar("SELECT 1 FROM revived_opportunities WHERE run_id = ? AND lead_id = ?", [run, leadID]) != nil
        explanation.reasons = try reasons(db, run: run, leadID: leadID)
        return explanation
    }

    /// Run `runID`, or the latest completed one when nil, and its as-of date; refused when it is
    /// not a completed run or its scores were trimmed.
    private static func completedRun(_ db: Database, _ runID: Int?) throws -> (Int, Timestamp) {
        let run: Int
        if let runID { run = runID } else {
            guard let latest = try db.scalar("SELECT run_id FROM latest_run")?.int else {
                throw Failure(.badData, "no completed run yet; run `reeval run` first")
            }
            run = latest
        }
        guard let runRow = try db.rows("SELECT as_of, scores_kept FROM runs WHERE id = ? AND status = 'completed'", [run]).first,
              let asOf = (runRow["as_of"] as String?).flatMap({ DateParser(order: .yearMonthDay).parse($0) }) else {
            throw Failure(.badData, "no completed run #\(run) in the database; see `reeval status`")
        }
        guard (runRow["scores_kept"] as Int?) != 0 else {
            throw Failure(.badData, "the scores of run #\(run) were trimmed by --keep-runs; explain a kept run (see `reeval status`)")
        }
        return (run, asOf)
    }

    /// A state of the lead as the run judged it, from `leads` or `lead_history`.
    private static func storedState(_ db: Database, leadID: Int64, stateID: Int?, crmID: String, run: Int) throws -> LeadRecord {
        let names = LeadColumns.names(LeadColumns.lead)
        guard let id = stateID,
              let stored = try db.rows("SELECT \(names) FROM leads WHERE id = ? AND state_id = ?", [leadID, id]).first
                ?? db.rows("SELECT \(names) FROM lead_history WHERE lead_id = ? AND state_id = ?", [leadID, id]).first else {
            throw Failure(.badData, "the state run #\(run) judged \(crmID) on is no longer stored; run `reeval run` again and explain that run")
        }
        return LeadColumns.read(LeadColumns.lead, from: stored, crmID: crmID)
    }

    /// The run's reasons for reviving the lead, in their order.
    private static func reasons(_ db: Database, run: Int, leadID: Int64) throws -> [Reason] {
        try db.rows("""
            SELECT kind, id, field, points_before, points_after, value_before, value_after, detail FROM revival_reasons
            WHERE run_id = ? AND lead_id = ? ORDER BY seq
            """, [run, leadID]).map { r in
            Reason(kind: Reason.Kind(rawValue: r["kind"] ?? "") ?? .dataChange, id: r["id"] ?? "", field: r["field"],
                   pointsBefore: r.value("points_before").double ?? 0, pointsAfter: r.value("points_after").double ?? 0,
                   valueBefore: r["value_before"], valueAfter: r["value_after"], detail: r["detail"] ?? "")
        }
    }
}
