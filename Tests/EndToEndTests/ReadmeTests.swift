import Foundation
import Testing

@Suite("The README")
struct ReadmeTests {
    static let readme = (try? String(contentsOf: RunCommandTests.repo.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    /// The SQL blocks of the README that start with `-- qN:`.
    static var queries: [(name: String, sql: String)] {
        readme.components(separatedBy: "```sql\n").dropFirst().compactMap { block in
            let sql = block.components(separatedBy: "```").first ?? ""
            guard sql.hasPrefix("-- q") else { return nil }
            return (String(sql.prefix { $0 != ":" }.dropFirst(3)), sql)
        }
    }

    @Test("the command reference names every subcommand that --help lists")
    func commandReference() throws {
        let ws = try Workspace()
        let help = try ws.reeval.run(["--help"]).stdout
        // Subcommand lines are indented two spaces; wrapped descriptions are indented further.
        let subcommands = (help.components(separatedBy: "SUBCOMMANDS:").last ?? "").split(separator: "\n")
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") && !$0.contains("See '") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(subcommands.count >= 8)
        for name in subcommands { #expect(Self.readme.contains("`reeval \(name)"), "README lacks reeval \(name)") }
        for name in ["add", "list", "show", "diff", "check"] { #expect(Self.readme.contains("`reeval icp \(name)")) }
    }

    @Test("the README's ten analyst queries run on a real run and return rows")
    func analystQueries() throws {
        #expect(Self.queries.count == 10)
        let ws = try RunCommandTests.scenario()
        #expect(try ws.reeval.run(["--as-of", "2026-11-22", "--quiet"]).status == 0)
        for (name, sql) in Self.queries {
            let rows = try ws.reeval.sql(sql)
            #expect(!rows.isEmpty, "query \(name) returned nothing: \(sql)")
        }
        let byKind = try ws.reeval.sql(Self.queries.first { $0.name == "q3" }!.sql)
        #expect(Set(byKind) == ["data_change|2", "icp_change|1", "trigger|1", "lost_reason_resolved|1"])
        let grew = try ws.reeval.sql(Self.queries.first { $0.name == "q6" }!.sql)
        #expect(Set(grew) == ["Tinyco|5|60", "Growco Software Inc.|40|250"])
    }
}
