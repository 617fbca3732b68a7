import Foundation
import Testing

@Suite("The README and its reference in docs/")
struct ReadmeTests {
    static func page(_ name: String) -> String {
        (try? String(contentsOf: RunCommandTests.repo.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }
    /// The command reference, moved from the README so that it stays a five-minute read.
    static let commands = page("docs/commands.md")
    static let readme = page("README.md")

    /// The SQL blocks of the data model page that start with `-- qN:`.
    static var queries: [(name: String, sql: String)] {
        page("docs/data-model.md").components(separatedBy: "```sql\n").dropFirst().compactMap { block in
            let sql = block.components(separatedBy: "```").first ?? ""
            guard sql.hasPrefix("-- q") else { return nil }
            return (String(sql.prefix { $0 != ":" }.dropFirst(3)), sql)
        }
    }

    @Test("the command reference in docs/commands.md names every subcommand that --help lists")
    func commandReference() throws {
        let ws = try Workspace()
        let help = try ws.reeval.run(["--help"]).stdout
        // Subcommand lines are indented two spaces; wrapped descriptions are indented further.
        let subcommands = (help.components(separatedBy: "SUBCOMMANDS:").last ?? "").split(separator: "\n")
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") && !$0.contains("See '") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(subcommands.count >= 8)
        for name in subcommands { #expect(Self.commands.contains("`reeval \(name)"), "docs/commands.md lacks reeval \(name)") }
        for name in ["add", "list", "show", "diff", "check"] { #expect(Self.commands.contains("`reeval icp \(name)")) }
    }

    @Test("the ten analyst queries of docs/data-model.md run on a real run and return rows")
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

    @Test("the README stays a five-minute read (at most 250 lines) and links the reference it moved to docs/")
    func readmeLength() {
        #expect(Self.readme.split(separator: "\n", omittingEmptySubsequences: false).count <= 250)
        for page in ["docs/commands.md", "docs/rules.md", "docs/data-model.md", "docs/evidence.md", "docs/performance.md", "docs/dependencies.md"] {
            #expect(Self.readme.contains("](\(page))"), "README does not link \(page)")
            #expect(!Self.page(page).isEmpty, "\(page) is missing")
        }
    }
}
