import ICP
import ICPRegistry
import LeadData
import ReevalStore
import Reevaluation

/// Reading a stored run back, section by section: what the run wrote (its leads, reasons,
/// scores and counts) and, for the backtest, the outcomes as of the run's date.
extension RunReport {
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
        var report = RunReport(
            runID: id, asOf: run["as_of"] ?? "", since: run["since"], icpVersion: run["icp_version"] ?? "",
            baselineVersions: [], candidates: run["candidates"] ?? 0, revived: run["revived"] ?? 0, newRevived: run["new_revived"] ?? 0,
            byReason: [], icpChanges: [], leads: [], baselineScores: [], currentScores: [], unknownByCriterion: [])
        report.scoresTrimmed = (run["scores_kept"] as Int?) == 0
        try report.readCounts(db)
        try report.readLeads(db)
        try report.readScores(db)
        try report.readEnriching(db)
        try report.readUnreadable(db, recordedByRun: (run["unreadable"] as String?) != nil)
        try report.readAccounts(db)
        try report.readICP(db)
        return report
    }

    /// The counts by reason and by cause of exclusion, as `runs` keeps them.
    private mutating func readCounts(_ db: Database) throws {
        byReason = try db.rows("""
            SELECT e.key, e.value FROM runs, json_each(runs.by_reason) e WHERE runs.id = ? ORDER BY e.value DESC, e.key
            """, [runID]).map { ($0[0].string ?? "", $0[1].int ?? 0) }
        var counts: [String: Int] = [:]
        try db.prepare("SELECT e.key, e.value FROM runs, json_each(runs.excluded) e WHERE runs.id = ?").forEachRow([runID]) { row in
            if let key = row[0].string, let count = row[1].int { counts[key] = count }
        }
        excluded = Exclusion.allCases.compactMap { cause in counts[cause.rawValue].map { (cause, $0) } }
    }

    /// The revived leads in rank order, each with its reasons, and their segments.
    private mutating func readLeads(_ db: Database) throws {
        try db.prepare("""
            SELECT rank, source, object, crm_id, company, owner, lifecycle, dismissed_at, industry, country, employees_low, employees_high,
                   baseline_icp, baseline_score, baseline_tier, score, tier, is_new
            FROM revived_by_run WHERE run_id = ? ORDER BY rank
            """).forEachRow([runID]) { row in
            // By position, in the SELECT's order: 50,000 rows × 18 columns looked up by name add up.
            leads.append(Lead(
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
            """).forEachRow([runID]) { row in
            let index = (row[0].int ?? 0) - 1
            guard leads.indices.contains(index) else { return }
            leads[index].reasons.append((kind: row[1].string ?? "", id: row[2].string ?? "", before: row[3].double ?? 0,
                                                after: row[4].double ?? 0, detail: row[5].string ?? ""))
        }
        segments = Self.countSegments(leads)
    }

    /// Every candidate's baseline and current score (the chart), and the baselines' versions.
    private mutating func readScores(_ db: Database) throws {
        try db.prepare("""
            SELECT baseline_score, current_score FROM lead_scores WHERE run_id = ? ORDER BY lead_id
            """).forEachRow([runID]) { row in
            baselineScores.append(row[0].double ?? 0)
            currentScores.append(row[1].double ?? 0)
        }
        baselineVersions = try db.rows("""
            SELECT DISTINCT baseline_icp FROM lead_scores WHERE run_id = ? ORDER BY 1
            """, [runID]).compactMap { $0[0].string }
        if baselineVersions.isEmpty {
            baselineVersions = Array(Set(leads.map(\.baselineICP))).sorted()
        }
    }

    private mutating func readEnriching(_ db: Database) throws {
        enrichByField = try db.rows("""
            SELECT e.key, e.value FROM runs, json_each(runs.enrich) e WHERE runs.id = ? ORDER BY e.value DESC, e.key
            """, [runID]).map { ($0[0].string ?? "", $0[1].int ?? 0) }
        // The company as the run saw it: the state of the stretch holding the run.
        worthEnriching = try db.rows("""
            SELECT CASE WHEN l.state_id = h.current_state_id THEN l.company WHEN lh.state_id IS NOT NULL THEN lh.company
                        ELSE coalesce(l.company, a.company) END, l.crm_id, w.fields, w.gain, w.tier
            FROM worth_enriching w JOIN leads l ON l.id = w.lead_id LEFT JOIN accounts a ON a.id = l.account_id
            LEFT JOIN score_history h ON h.lead_id = w.lead_id
                 AND h.first_run_id = (SELECT max(h2.first_run_id) FROM score_history h2 WHERE h2.lead_id = w.lead_id AND h2.first_run_id <= w.run_id)
            LEFT JOIN lead_history lh ON lh.lead_id = w.lead_id AND lh.state_id = h.current_state_id AND l.state_id != h.current_state_id
            WHERE w.run_id = ? ORDER BY w.rank LIMIT 20
            """, [runID]).map { ($0[0].string, $0[1].string ?? "", $0[2].string ?? "", $0[3].double ?? 0, $0[4].string ?? "") }
    }

    /// The unreadable values the run saw (`runs.unreadable`, written by the run); a run made
    /// before reeval kept them shows today's.
    private mutating func readUnreadable(_ db: Database, recordedByRun recorded: Bool) throws {
        var grouped: [String: [(text: String, count: Int)]] = [:]
        try db.prepare(recorded ? """
            SELECT c.key, json_extract(e.value, '$[0]'), json_extract(e.value, '$[1]')
            FROM runs, json_each(runs.unreadable) c, json_each(c.value) e WHERE runs.id = ? ORDER BY c.key, e.key
            """ : """
            SELECT u.key, u.value, count(*) FROM (SELECT unreadable FROM leads WHERE unreadable != '{}'
                                                  UNION ALL SELECT unreadable FROM accounts WHERE unreadable != '{}') t, json_each(t.unreadable) u
            WHERE ? IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2
            """).forEachRow([runID]) { row in
            let column = row[0].string ?? ""
            if grouped[column, default: []].count < 5 { grouped[column, default: []].append((row[1].string ?? "", row[2].int ?? 0)) }
        }
        unreadableValues = grouped.keys.sorted().map { ($0, grouped[$0] ?? []) }
    }

    private mutating func readAccounts(_ db: Database) throws {
        // The accounts of this run's revived leads, by the one definition the `revived_accounts` view filters.
        try db.prepare("""
            SELECT source, account_crm_id, company, revived_leads, best_score, best_tier,
                   (SELECT group_concat(k.value, ',') FROM json_each(reason_kinds) k)
            FROM revived_accounts_by_run WHERE run_id = ? ORDER BY best_score DESC, revived_leads DESC, best_rank
            """).forEachRow([runID]) { row in
            accounts.append(Account(source: row[0].string ?? "", crmID: row[1].string ?? "", company: row[2].string,
                                           revivedLeads: row[3].int ?? 0, bestScore: row[4].double ?? 0, bestTier: row[5].string,
                                           reasonKinds: (row[6].string ?? "").split(separator: ",").map(String.init)))
        }
    }

    /// What needs the versions: the unknown values by rule, the backtest as of the run's date
    /// and what changed since each baseline version.
    private mutating func readICP(_ db: Database) throws {
        let versions = (try? ICPRegistry(db: db).all().map(\.version)) ?? []
        // Per rule, the candidates the run could not judge for lack of data (`runs.unknown_by_criterion`).
        let rules = versions.first { $0.label == icpVersion }.map { $0.criteria + $0.triggers + $0.disqualifiers } ?? []
        unknownByCriterion = try db.rows("""
            SELECT u.key, u.value FROM runs, json_each(runs.unknown_by_criterion) u WHERE runs.id = ? ORDER BY u.value DESC, u.key
            """, [runID]).map { row in
            let ruleID = row[0].string ?? ""
            return (ruleID, rules.first { $0.id == ruleID }?.field.description ?? "", row[1].int ?? 0)
        }
        if let current = versions.first(where: { $0.label == icpVersion }) {
            let day = DateParser(order: .yearMonthDay).parse(asOf) ?? Timestamp(year: 2000, month: 1, day: 1)
            let result = try Backtest(db: db).run(current, on: try OutcomeRecords.read(db, asOf: day))
            if result.records > 0 { backtest = result }
            for label in baselineVersions where label != icpVersion {
                guard let old = versions.first(where: { $0.label == label }) else { continue }
                icpChanges.append((label, ICPDiff.changes(from: old, to: current).map(\.text)))
            }
        }
    }
}
