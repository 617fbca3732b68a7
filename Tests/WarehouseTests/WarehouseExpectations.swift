import ICP
import LeadData
import ReevalStore
import Testing
import Warehouse

/// The target's one assertion: the compiled script, run in SQLite over `reeval_states`, scores
/// every state under every version as the Swift scorer does (score, tier, each rule's points and
/// verdict). Returns how many evaluations it compared.
@discardableResult
func expectScriptScoresLikeScorer(_ db: Database, versions: [ICPVersion], asOf: Timestamp,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
    let columns = LeadColumns.lead
    let states = try db.prepare("SELECT lead_id, state_id, \(LeadColumns.names(columns)) FROM reeval_states ORDER BY lead_id, state_id")
    var records: [String: LeadRecord] = [:]
    while try states.step() {
        let key = "\(states.column(0).int64 ?? 0)/\(states.column(1).int64 ?? 0)"
        records[key] = LeadColumns.read(columns, from: states, at: 2, crmID: "")
    }
    var compared = 0
    for version in versions {
        let scorer = Scorer(version)
        let rules = version.criteria + version.triggers + version.disqualifiers
        let rows = try db.rows("SELECT * FROM reeval_scores WHERE icp = ?", [version.label])
        #expect(rows.count == records.count, "\(version.label): one score per state", sourceLocation: sourceLocation)
        for row in rows {
            let key = "\(row.value("lead_id").int64 ?? 0)/\(row.value("state_id").int64 ?? 0)"
            guard let record = records[key] else { Issue.record("no state \(key)", sourceLocation: sourceLocation); continue }
            let evaluation = scorer.evaluate(record, asOf: asOf)
            let shown = "\(version.label) state \(key)"
            #expect(row.value("score").double == evaluation.score, "\(shown): score", sourceLocation: sourceLocation)
            #expect(row.value("tier").string == evaluation.tier, "\(shown): tier", sourceLocation: sourceLocation)
            for rule in rules {
                let outcome = evaluation.outcome(rule.id)
                let said = "\(shown): \(rule.id) (\(rule.rule.name) on \(rule.field), read \(outcome?.value.map { "'\($0)'" } ?? "nothing"))"
                #expect(row.value(rule.id + "_verdict").string == outcome?.verdict.rawValue, "\(said) verdict", sourceLocation: sourceLocation)
                #expect(row.value(rule.id + "_points").double == outcome?.points, "\(said) points", sourceLocation: sourceLocation)
            }
            compared += 1
        }
    }
    return compared
}
