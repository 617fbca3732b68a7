import Foundation
import Testing

/// The revival rule of DESIGN.md on a custom CRM's two exports (2024-06-01 and 2026-10-01), judged
/// at dismissal by the example ICP 2024-h1 and now by 2025-q3 (both `revive_at: B`):
/// - L-BA was B (75) when lost and is A (90) now: it already fit, so it is not revived;
/// - L-CA was C (55, Germany) and is A (90) now: revived;
/// - L-BAR was B and is A, and its lost reason "No SSO" is resolved since: revived;
/// - L-DQB was DQ (5 employees) and is B (75): revived;
/// - L-NODATE has no date at all: not judged, counted;
/// - L-OLD was lost in 2022: left out by `--since 2023-01`, counted.
@Suite("the revival rule, end to end")
struct RevivalRuleTests {
    static let fixtures = RunCommandTests.repo.appendingPathComponent("Tests/EndToEndTests/Fixtures/revival-rule")

    static func scenario() throws -> Workspace {
        try Workspace.imported([("leads-2024-06-01.csv", "2024-06-01"), ("leads-2026-10-01.csv", "2026-10-01")], from: fixtures,
                               mapping: "acme-leads.yaml",
                               icps: ["2024-h1", "2025-q3"].map { RunCommandTests.repo.appendingPathComponent("examples/icp/\($0).yaml") })
    }

    @Test("fits now and did not then: B → A is not revived; C → A, B → A with a resolved lost reason, and DQ → B are")
    func rule() throws {
        let ws = try Self.scenario()
        let result = try ws.reeval.run(["--since", "2023-01", "--as-of", "2026-11-22"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try ws.reeval.sql("SELECT crm_id, baseline_tier, tier FROM revived_latest ORDER BY crm_id") == [
            "L-BAR|B|A", "L-CA|C|A", "L-DQB|DQ|B",
        ])
        #expect(try ws.reeval.sql("""
            SELECT r.crm_id, group_concat(j.value ->> 'kind', ',') FROM revived_latest r, json_each(r.reasons) j GROUP BY r.crm_id ORDER BY r.crm_id
            """) == ["L-BAR|data_change,lost_reason_resolved", "L-CA|data_change,data_change", "L-DQB|data_change,data_change"])
        // L-BA was judged (it is a candidate with a score) and fitted then.
        #expect(try ws.reeval.sql("""
            SELECT s.baseline_tier, s.current_tier FROM lead_scores s JOIN leads l ON l.id = s.lead_id WHERE l.crm_id = 'L-BA'
            """) == ["B|A"])
    }

    @Test("leads with no dismissal date and leads before --since are counted in runs.excluded, the summary, --json and the report")
    func excluded() throws {
        let ws = try Self.scenario()
        let result = try ws.reeval.run(["--since", "2023-01", "--as-of", "2026-11-22", "--report-dir", "reports"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            run #1 as of 2026-11-22, ICP 2025-q3, since 2023-01-01: 4 candidates, 3 revived (3 new); \
            data_change 3, lost_reason_resolved 1; 1 lead has no dismissal date and was not judged; \
            1 lead dismissed before --since was left out; report in reports

            """)
        #expect(try ws.reeval.sql("SELECT candidates, excluded FROM runs") == [#"4|{"before_since":1,"no_dismissal_date":1}"#])
        let json = try ws.reeval.run(["--as-of", "2026-11-23", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["excluded"] as? [String: Int] == ["no_dismissal_date": 1])
        #expect(object["candidates"] as? Int == 5)
        let markdown = try String(contentsOfFile: ws.path("reports/report.md"), encoding: .utf8)
        #expect(markdown.contains("""
            ## Left out

            These dismissed leads were not judged (fill in their dates in the CRM, or widen `--since`):
            - 1 lead has no dismissal date and was not judged
            - 1 lead dismissed before --since was left out
            """))
        let html = try String(contentsOfFile: ws.path("reports/report.html"), encoding: .utf8)
        #expect(html.contains("<h2>Left out</h2>") && html.contains("<li>1 lead has no dismissal date and was not judged</li>"))
        let runJSON = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ws.path("reports/run.json")))) as? [String: Any])
        #expect(runJSON["excluded"] as? [String: Int] == ["before_since": 1, "no_dismissal_date": 1])
    }

    @Test("a run repeated for the same night keeps is_new; the next night's run sets it against the earlier night")
    func isNewAgainstEarlierNight() throws {
        let ws = try Self.scenario()
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--quiet"]).status == 0)
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--quiet"]).status == 0)
        #expect(try ws.reeval.sql("SELECT DISTINCT run_id, is_new FROM revived_latest") == ["2|1"])
        #expect(try ws.reeval.run(["--as-of", "2026-11-23", "--quiet"]).status == 0)
        #expect(try ws.reeval.sql("SELECT DISTINCT run_id, is_new FROM revived_latest") == ["3|0"])
        #expect(try ws.reeval.sql("SELECT id, new_revived FROM runs ORDER BY id") == ["1|4", "2|4", "3|0"])
    }

    @Test("explain --source and --object ignore case, as the CRM's name is typed")
    func explainIgnoresCase() throws {
        let ws = try Self.scenario()
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--quiet"]).status == 0)
        let result = try ws.reeval.run(["explain", "L-CA", "--source", "ACME", "--object", "Leads"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("acme leads L-CA, run #1: revived"))
    }

    @Test("a re-run of an earlier night (a backfill) is not 'latest' and changes no later night's is_new")
    func backfill() throws {
        let ws = try Self.scenario()
        #expect(try ws.reeval.run(["--as-of", "2026-11-11", "--quiet"]).status == 0)
        // A backfill of an earlier night, under the ICP then in force: it revives one lead fewer.
        #expect(try ws.reeval.run(["--as-of", "2025-03-03", "--quiet"]).status == 0)
        // Between the two, this morning's list is still the 11th's, and so is the default report.
        #expect(try ws.reeval.sql("SELECT DISTINCT run_id FROM revived_latest") == ["1"])
        let report = try ws.reeval.run(["report", "--out", "reports", "--format", "md"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try String(contentsOfFile: ws.path("reports/report.md"), encoding: .utf8).contains("run #1"))
        #expect(try ws.reeval.run(["--as-of", "2026-11-12", "--quiet"]).status == 0)
        // The 12th is compared with the 11th, the latest earlier night, not with the backfill.
        #expect(try ws.reeval.sql("SELECT id, as_of, new_revived FROM runs ORDER BY id") == [
            "1|2026-11-11|4", "2|2025-03-03|3", "3|2026-11-12|0",
        ])
        #expect(try ws.reeval.sql("SELECT DISTINCT run_id, is_new FROM revived_latest") == ["3|0"])
    }

    @Test("a lead one unknown criterion away from revive_at is worth enriching, by field; one that could not reach it is not")
    func worthEnriching() throws {
        let ws = try Workspace()
        try ws.write("leads.csv", """
            Lead ID,Company,Industry,Employees,Country,Tech,Stage,Why Lost,Closed,Modified,Created
            E-1,Almost Fit,Software,,United States,,Lost,Not a fit,2025-08-10,2025-08-10,2025-01-01
            E-2,Far Off,Retail,,Germany,,Lost,Not a fit,2025-08-10,2025-08-10,2025-01-01

            """)
        #expect(try ws.reeval.run(["import", "leads.csv", "--mapping", Self.fixtures.appendingPathComponent("acme-leads.yaml").path, "--quiet"]).status == 0)
        #expect(try ws.reeval.run(["icp", "add", RunCommandTests.repo.appendingPathComponent("examples/icp/2025-q3.yaml").path, "--quiet"]).status == 0)
        let result = try ws.reeval.run(["--as-of", "2026-11-22", "--report-dir", "reports", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        // E-1 scores 50 (C); its unknown size (+25), stack (+15) and funding trigger (+15) could make it A.
        // E-2 scores 0: even with all of them it would reach 55, below B.
        #expect(object["enrich"] as? [String: Int] == ["employees": 1, "technologies": 1, "last_funding_at": 1])
        #expect(try ws.reeval.sql("SELECT l.crm_id, w.fields, w.gain, w.tier FROM worth_enriching w JOIN leads l ON l.id = w.lead_id")
                == ["E-1|employees, technologies, last_funding_at|55|A"])
        let markdown = try String(contentsOfFile: ws.path("reports/report.md"), encoding: .utf8)
        #expect(markdown.contains("- Almost Fit \\[E-1\\]: employees, technologies, last\\_funding\\_at unknown: +55 would make it A"), "\(markdown)")
    }
}
