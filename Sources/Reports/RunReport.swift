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

    /// Reads run `id` (or the latest completed run when nil).
    public static func load(_ db: Database, runID: Int?) throws -> RunReport {
        let idValue: Int?
        if let runID { idValue = runID } else {
            idValue = try db.scalar("SELECT run_id FROM latest_run")?.int
        }
        guard let id = idValue, let run = try db.rows("SELECT * FROM runs WHERE id = ? AND status = 'completed'", [id]).first else {
            throw Failure(.badData, runID.map { "no completed run #\($0) in the database; see `reeval status`" }
                          ?? "no completed run yet; run `reeval run` first")
        }
        let byReasonText: String = run["by_reason"] ?? "{}"
        let byReasonObject = (try? JSONSerialization.jsonObject(with: Data(byReasonText.utf8))) as? [String: Int] ?? [:]
        var report = RunReport(
            runID: id, asOf: run["as_of"] ?? "", since: run["since"], icpVersion: run["icp_version"] ?? "",
            baselineVersions: [], candidates: run["candidates"] ?? 0, revived: run["revived"] ?? 0, newRevived: run["new_revived"] ?? 0,
            byReason: byReasonObject.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) },
            icpChanges: [], leads: [], baselineScores: [], currentScores: [], unknownByCriterion: [])

        var excluded: [String: Int] = [:]
        try db.prepare("SELECT e.key, e.value FROM runs, json_each(runs.excluded) e WHERE runs.id = ?").forEachRow([id]) { row in
            if let key = row[0].string, let count = row[1].int { excluded[key] = count }
        }
        report.excluded = Exclusion.allCases.compactMap { cause in excluded[cause.rawValue].map { (cause, $0) } }
        report.scoresTrimmed = (run["scores_kept"] as Int?) == 0

        try db.prepare("""
            SELECT rank, source, object, crm_id, company, owner, lifecycle, dismissed_at, industry, country, employees_low, employees_high,
                   baseline_icp, baseline_score, baseline_tier, score, tier, is_new
            FROM revived_by_run WHERE run_id = ? ORDER BY rank
            """).forEachRow([id]) { row in
            // By position, in the SELECT's order: 50,000 rows × 18 columns looked up by name add up.
            report.leads.append(Lead(
                rank: row[0].int ?? 0, source: row[1].string ?? "", object: row[2].string ?? "", crmID: row[3].string ?? "",
                company: row[4].string, owner: row[5].string, lifecycle: row[6].string ?? "", dismissedAt: row[7].string,
                industry: row[8].string, country: row[9].string, employeesLow: row[10].int, employeesHigh: row[11].int,
                baselineICP: row[12].string ?? "", baselineScore: row[13].double ?? 0, baselineTier: row[14].string,
                score: row[15].double ?? 0, tier: row[16].string ?? "", isNew: row[17].int == 1, reasons: []))
        }
        // Reasons are rows, read in rank order; ranks run 1, 2, … so a lead's index is its rank − 1.
        try db.prepare("""
            SELECT r.rank, x.kind, x.id, x.points_before, x.points_after, x.detail
            FROM revival_reasons x JOIN revived_opportunities r ON r.run_id = x.run_id AND r.lead_id = x.lead_id
            WHERE x.run_id = ? ORDER BY r.rank, x.seq
            """).forEachRow([id]) { row in
            let index = (row[0].int ?? 0) - 1
            guard report.leads.indices.contains(index) else { return }
            report.leads[index].reasons.append((kind: row[1].string ?? "", id: row[2].string ?? "", before: row[3].double ?? 0,
                                                after: row[4].double ?? 0, detail: row[5].string ?? ""))
        }
        report.segments = Self.countSegments(report.leads)
        try db.prepare("""
            SELECT baseline_score, current_score FROM lead_scores WHERE run_id = ? ORDER BY lead_id
            """).forEachRow([id]) { row in
            report.baselineScores.append(row[0].double ?? 0)
            report.currentScores.append(row[1].double ?? 0)
        }
        report.baselineVersions = try db.rows("""
            SELECT DISTINCT baseline_icp FROM lead_scores WHERE run_id = ? ORDER BY 1
            """, [id]).compactMap { $0[0].string }
        if report.baselineVersions.isEmpty {
            report.baselineVersions = Array(Set(report.leads.map(\.baselineICP))).sorted()
        }
        report.enrichByField = try db.rows("""
            SELECT e.key, e.value FROM runs, json_each(runs.enrich) e WHERE runs.id = ? ORDER BY e.value DESC, e.key
            """, [id]).map { ($0[0].string ?? "", $0[1].int ?? 0) }
        // The company as the run saw it: the state of the stretch holding the run.
        report.worthEnriching = try db.rows("""
            SELECT CASE WHEN l.state_id = h.current_state_id THEN l.company WHEN lh.state_id IS NOT NULL THEN lh.company
                        ELSE coalesce(l.company, a.company) END, l.crm_id, w.fields, w.gain, w.tier
            FROM worth_enriching w JOIN leads l ON l.id = w.lead_id LEFT JOIN accounts a ON a.id = l.account_id
            LEFT JOIN score_history h ON h.lead_id = w.lead_id
                 AND h.first_run_id = (SELECT max(h2.first_run_id) FROM score_history h2 WHERE h2.lead_id = w.lead_id AND h2.first_run_id <= w.run_id)
            LEFT JOIN lead_history lh ON lh.lead_id = w.lead_id AND lh.state_id = h.current_state_id AND l.state_id != h.current_state_id
            WHERE w.run_id = ? ORDER BY w.rank LIMIT 20
            """, [id]).map { ($0[0].string, $0[1].string ?? "", $0[2].string ?? "", $0[3].double ?? 0, $0[4].string ?? "") }
        var grouped: [String: [(text: String, count: Int)]] = [:]
        // The unreadable values the run saw (`runs.unreadable`, written by the run); a run made
        // before reeval kept them shows today's.
        let recorded = (run["unreadable"] as String?) != nil
        try db.prepare(recorded ? """
            SELECT c.key, json_extract(e.value, '$[0]'), json_extract(e.value, '$[1]')
            FROM runs, json_each(runs.unreadable) c, json_each(c.value) e WHERE runs.id = ? ORDER BY c.key, e.key
            """ : """
            SELECT u.key, u.value, count(*) FROM (SELECT unreadable FROM leads WHERE unreadable != '{}'
                                                  UNION ALL SELECT unreadable FROM accounts WHERE unreadable != '{}') t, json_each(t.unreadable) u
            WHERE ? IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2
            """).forEachRow([id]) { row in
            let column = row[0].string ?? ""
            if grouped[column, default: []].count < 5 { grouped[column, default: []].append((row[1].string ?? "", row[2].int ?? 0)) }
        }
        report.unreadableValues = grouped.keys.sorted().map { ($0, grouped[$0] ?? []) }
        // The accounts of this run's revived leads, by the one definition the `revived_accounts` view filters.
        try db.prepare("""
            SELECT source, account_crm_id, company, revived_leads, best_score, best_tier,
                   (SELECT group_concat(k.value, ',') FROM json_each(reason_kinds) k)
            FROM revived_accounts_by_run WHERE run_id = ? ORDER BY best_score DESC, revived_leads DESC, best_rank
            """).forEachRow([id]) { row in
            report.accounts.append(Account(source: row[0].string ?? "", crmID: row[1].string ?? "", company: row[2].string,
                                           revivedLeads: row[3].int ?? 0, bestScore: row[4].double ?? 0, bestTier: row[5].string,
                                           reasonKinds: (row[6].string ?? "").split(separator: ",").map(String.init)))
        }
        let versions = (try? ICPRegistry(db: db).all().map(\.version)) ?? []
        // Per rule, the candidates the run could not judge for lack of data (`runs.unknown_by_criterion`).
        let rules = versions.first { $0.label == report.icpVersion }.map { $0.criteria + $0.triggers + $0.disqualifiers } ?? []
        report.unknownByCriterion = try db.rows("""
            SELECT u.key, u.value FROM runs, json_each(runs.unknown_by_criterion) u WHERE runs.id = ? ORDER BY u.value DESC, u.key
            """, [id]).map { row in
            let ruleID = row[0].string ?? ""
            return (ruleID, rules.first { $0.id == ruleID }?.field.description ?? "", row[1].int ?? 0)
        }
        if let current = versions.first(where: { $0.label == report.icpVersion }) {
            let asOf = DateParser(order: .yearMonthDay).parse(report.asOf) ?? Timestamp(year: 2000, month: 1, day: 1)
            let backtest = try Backtest(db: db).run(current, on: try OutcomeRecords.read(db, asOf: asOf))
            if backtest.records > 0 { report.backtest = backtest }
            for label in report.baselineVersions where label != report.icpVersion {
                guard let old = versions.first(where: { $0.label == label }) else { continue }
                report.icpChanges.append((label, ICPDiff.changes(from: old, to: current).map(\.text)))
            }
        }
        return report
    }
}
