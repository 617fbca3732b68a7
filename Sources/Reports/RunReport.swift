import Foundation
import ICP
import ICPRegistry
import LeadData
import ReevalStore

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
    /// What changed from each baseline version to the current one, in words.
    public var icpChanges: [(from: String, changes: [String])]
    public var leads: [Lead]
    /// Candidates' baseline and current scores, for the distribution chart.
    public var baselineScores: [Double]
    public var currentScores: [Double]
    /// Criterion id → candidates whose value was unknown (what to enrich next).
    public var unknownByCriterion: [(id: String, field: String, count: Int)]

    /// Revived leads per segment value, largest first.
    public func segments(_ key: (Lead) -> String) -> [(String, Int)] {
        var counts: [String: Int] = [:]
        for lead in leads { counts[key(lead), default: 0] += 1 }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
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
            idValue = try db.scalar("SELECT max(id) FROM runs WHERE status = 'completed'")?.int
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

        try db.prepare("""
            SELECT r.rank, l.source, l.object, l.crm_id, coalesce(l.company, a.company) AS company, l.owner, l.lifecycle,
                   l.dismissed_at, coalesce(l.industry, a.industry) AS industry, coalesce(l.country, a.country) AS country,
                   coalesce(l.employees_low, a.employees_low) AS employees_low, coalesce(l.employees_high, a.employees_high) AS employees_high,
                   r.baseline_icp, r.baseline_score, r.baseline_tier, r.score, r.tier, r.is_new
            FROM revived_opportunities r JOIN leads l ON l.id = r.lead_id LEFT JOIN accounts a ON a.id = l.account_id
            WHERE r.run_id = ? ORDER BY r.rank
            """).forEachRow([id]) { row in
            report.leads.append(Lead(
                rank: row["rank"] ?? 0, source: row["source"] ?? "", object: row["object"] ?? "", crmID: row["crm_id"] ?? "",
                company: row["company"], owner: row["owner"], lifecycle: row["lifecycle"] ?? "", dismissedAt: row["dismissed_at"],
                industry: row["industry"], country: row["country"], employeesLow: row["employees_low"], employeesHigh: row["employees_high"],
                baselineICP: row["baseline_icp"] ?? "", baselineScore: row["baseline_score"] ?? 0, baselineTier: row["baseline_tier"],
                score: row["score"] ?? 0, tier: row["tier"] ?? "", isNew: (row["is_new"] as Int?) == 1, reasons: []))
        }
        // SQLite's JSON functions read the reasons far faster than Foundation would; rows come in rank order.
        try db.prepare("""
            SELECT r.rank, json_extract(j.value, '$.kind'), json_extract(j.value, '$.id'), json_extract(j.value, '$.points_before'),
                   json_extract(j.value, '$.points_after'), json_extract(j.value, '$.detail')
            FROM revived_opportunities r, json_each(r.reasons) j WHERE r.run_id = ? ORDER BY r.rank, j.key
            """).forEachRow([id]) { row in
            guard let rank = row[0].int, rank >= 1, rank <= report.leads.count, report.leads[rank - 1].rank == rank else { return }
            report.leads[rank - 1].reasons.append((kind: row[1].string ?? "", id: row[2].string ?? "", before: row[3].double ?? 0,
                                                   after: row[4].double ?? 0, detail: row[5].string ?? ""))
        }
        try db.prepare("SELECT baseline_score, current_score FROM lead_scores WHERE run_id = ? ORDER BY lead_id").forEachRow([id]) { row in
            report.baselineScores.append(row[0].double ?? 0)
            report.currentScores.append(row[1].double ?? 0)
        }
        report.baselineVersions = try db.rows("SELECT DISTINCT baseline_icp FROM lead_scores WHERE run_id = ? ORDER BY 1", [id]).compactMap { $0[0].string }
        if report.baselineVersions.isEmpty {
            report.baselineVersions = Array(Set(report.leads.map(\.baselineICP))).sorted()
        }
        report.unknownByCriterion = try db.rows("""
            SELECT json_extract(o.value, '$.id'), json_extract(o.value, '$.field'), count(*)
            FROM lead_scores s, json_each(s.current_explanation, '$.outcomes') o
            WHERE s.run_id = ? AND json_extract(o.value, '$.verdict') = 'unknown'
            GROUP BY 1, 2 ORDER BY 3 DESC, 1
            """, [id]).map { ($0[0].string ?? "", $0[1].string ?? "", $0[2].int ?? 0) }

        let versions = (try? ICPRegistry(db: db).all().map(\.version)) ?? []
        if let current = versions.first(where: { $0.label == report.icpVersion }) {
            for label in report.baselineVersions where label != report.icpVersion {
                guard let old = versions.first(where: { $0.label == label }) else { continue }
                report.icpChanges.append((label, ICPDiff.changes(from: old, to: current).map(\.text)))
            }
        }
        return report
    }
}
