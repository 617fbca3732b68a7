import Foundation
import Testing

/// The rules over history (DESIGN.md, "What changed since the lead was dropped") end to end: a
/// custom CRM's two exports (2024-06-01 and 2026-10-01) of leads lost on 2024-05-10, judged by an
/// ICP whose every Software lead scores 40 (C) and becomes B when one trigger over history fires.
/// Each operator has a lead that matches (`-MATCH`), one that misses (`-MISS`) and one whose value
/// is missing on one side (`-UNK`); `G-RANGE` grew from 51-200 to 201-500, which is not certain growth.
@Suite("triggers over history, end to end")
struct HistoryTriggerTests {
    static let fixtures = RunCommandTests.repo.appendingPathComponent("Tests/EndToEndTests/Fixtures/history")

    static func scenario() throws -> Workspace {
        let ws = try Workspace.imported([("leads-2024-06-01.csv", "2024-06-01"), ("leads-2026-10-01.csv", "2026-10-01")], from: fixtures,
                                        mapping: "acme-leads.yaml", icps: [fixtures.appendingPathComponent("history.yaml")])
        let run = try ws.reeval.run(["--as-of", "2026-11-22", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        return ws
    }

    /// The verdict and points of `trigger` in a lead's baseline and current evaluation, from `explain --json`.
    static func verdicts(_ ws: Workspace, _ crmID: String, _ trigger: String) throws -> [String] {
        let result = try ws.reeval.run(["explain", crmID, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try ["baseline", "current"].map { side in
            let evaluation = try #require(object[side] as? [String: Any])
            let outcomes = try #require(evaluation["outcomes"] as? [[String: Any]])
            let outcome = try #require(outcomes.first { $0["id"] as? String == trigger })
            let then = outcome["value_then"].map { ($0 as? String) ?? "unknown" } ?? "-"
            return "\(outcome["verdict"] ?? "") \(outcome["points"] ?? "") then=\(then) now=\((outcome["value"] as? String) ?? "unknown")"
        }
    }

    @Test("each operator revives the lead it matches, with a trigger reason naming both values and the dismissal date")
    func revived() throws {
        let ws = try Self.scenario()
        #expect(try ws.reeval.sql("SELECT crm_id, baseline_tier, tier FROM revived_latest ORDER BY crm_id") == [
            "A-MATCH|C|B", "B-MATCH|C|B", "C-MATCH|C|B", "G-MATCH|C|B", "T-MATCH|C|B",
        ])
        #expect(try ws.reeval.sql("""
            SELECT l.crm_id, r.kind, r.id, r.points_before, r.points_after, r.value_before, r.value_after, r.detail
            FROM revival_reasons r JOIN leads l ON l.id = r.lead_id ORDER BY l.crm_id, r.seq
            """) == [
            "A-MATCH|trigger|adopted|0|20|Salesforce|Salesforce; Snowflake|technologies Salesforce → Salesforce; Snowflake since 2024-05-10: adopted +20",
            "B-MATCH|trigger|came-back|0|20|2024-05-10|2026-09-15|last_activity_at 2026-09-15, after the dismissal on 2024-05-10: came-back +20",
            "C-MATCH|trigger|new-market|0|20|US|DE|country US → DE since 2024-05-10: new-market +20",
            "G-MATCH|trigger|grew|0|20|100|150|employees 100 → 150 since 2024-05-10, +50%: grew +20",
            "T-MATCH|trigger|new-exec|0|20|Sales Manager|VP Sales|title Sales Manager → VP Sales since 2024-05-10: new-exec +20",
        ])
    }

    @Test("grew_by: 100 → 150 matches, 100 → 120 misses, 51-200 → 201-500 is not certain growth, none → 150 is unknown",
          arguments: [("G-MATCH", "match 20 then=100 now=150"), ("G-MISS", "miss 0 then=100 now=120"),
                      ("G-RANGE", "miss 0 then=51-200 now=201-500"), ("G-UNK", "unknown 0 then=unknown now=150")])
    func grewBy(crmID: String, current: String) throws {
        try expectVerdicts(crmID, "grew", current)
    }

    @Test("changed: a new title matches, the same title in other case and spacing misses, a title where there was none is unknown",
          arguments: [("T-MATCH", "match 20 then=Sales Manager now=VP Sales"), ("T-MISS", "miss 0 then=VP Sales now=vp  sales"),
                      ("T-UNK", "unknown 0 then=unknown now=VP Sales")])
    func changed(crmID: String, current: String) throws {
        try expectVerdicts(crmID, "new-exec", current)
    }

    @Test("entered: United States → Germany matches, Germany → DE misses (already there), none → France is unknown",
          arguments: [("C-MATCH", "match 20 then=US now=DE"), ("C-MISS", "miss 0 then=DE now=DE"),
                      ("C-UNK", "unknown 0 then=unknown now=FR")])
    func entered(crmID: String, current: String) throws {
        try expectVerdicts(crmID, "new-market", current)
    }

    @Test("added: Salesforce → +Snowflake matches, Snowflake → snowflake; Looker misses, none → Snowflake is unknown",
          arguments: [("A-MATCH", "match 20 then=Salesforce now=Salesforce; Snowflake"), ("A-MISS", "miss 0 then=Snowflake now=snowflake; Looker"),
                      ("A-UNK", "unknown 0 then=unknown now=Snowflake")])
    func added(crmID: String, current: String) throws {
        try expectVerdicts(crmID, "adopted", current)
    }

    @Test("after_dismissal: activity after the loss matches, the same activity as before misses, no activity date is unknown",
          arguments: [("B-MATCH", "match 20 then=2024-05-10 now=2026-09-15"), ("B-MISS", "miss 0 then=2024-05-10 now=2024-05-01"),
                      ("B-UNK", "unknown 0 then=2024-05-10 now=unknown")])
    func afterDismissal(crmID: String, current: String) throws {
        try expectVerdicts(crmID, "came-back", current)
    }

    /// At baseline a rule over history is unknown with 0 points and no value then; now it is `current`.
    private func expectVerdicts(_ crmID: String, _ trigger: String, _ current: String) throws {
        let ws = try Self.scenario()
        let found = try Self.verdicts(ws, crmID, trigger)
        #expect(found.first?.hasPrefix("unknown 0 then=-") == true, "\(crmID) baseline: \(found)")
        #expect(found.last == current, "\(crmID) current: \(found)")
    }

    @Test("a lead whose only unknowns are triggers over history is not worth enriching: today's data cannot fill the past")
    func notWorthEnriching() throws {
        let ws = try Self.scenario()
        #expect(try ws.reeval.sql("SELECT count(*) FROM worth_enriching") == ["0"])
    }

    @Test("icp check and icp diff say the triggers over history in words")
    func inWords() throws {
        let ws = try Workspace()
        let file = Self.fixtures.appendingPathComponent("history.yaml").path
        let check = try ws.reeval.run(["icp", "check", file])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("trigger grew: employees grew 30% or more since dismissal: +20"), "\(check.stdout)")
        #expect(check.stdout.contains("trigger came-back: last_activity_at after the dismissal date: +20"))
        let diff = try ws.reeval.run(["icp", "diff", RunCommandTests.repo.appendingPathComponent("examples/icp/2024-h1.yaml").path, file])
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("+ new trigger grew: employees grew 30% or more since dismissal: +20"), "\(diff.stdout)")
        #expect(diff.stdout.contains("+ new trigger new-market: country became one of DE, FR since dismissal: +20"))
        #expect(diff.stdout.contains("+ new trigger adopted: technologies gained any of Snowflake, dbt since dismissal: +20"))
    }
}
