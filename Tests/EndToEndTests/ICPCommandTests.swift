import Foundation
import Testing

@Suite("reeval icp, end to end")
struct ICPCommandTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
    static let broken = repo.appendingPathComponent("Tests/ICPTests/BrokenICPs")
    static let brokenFiles = ((try? FileManager.default.contentsOfDirectory(atPath: broken.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()

    @Test("the broken-file corpus is found: a parameterised test over no files would pass without testing anything")
    func corpusFound() {
        #expect(Self.brokenFiles.count >= 20, "no broken ICP files under \(Self.broken.path)")
    }

    @Test("icp check exits 65 for every broken file, naming file and line, and adding it leaves the database untouched", arguments: brokenFiles)
    func brokenFilesExit65(name: String) throws {
        let ws = try Workspace()
        let path = Self.broken.appendingPathComponent(name).path
        let check = try ws.reeval.run(["icp", "check", path])
        #expect(check.status == 65)
        #expect(check.stderr.contains("\(name):"))
        #expect(try ws.reeval.run(["init", "--quiet"]).status == 0)
        let add = try ws.reeval.run(["icp", "add", path])
        #expect(add.status == 65)
        #expect(try ws.reeval.sql("SELECT count(*) FROM icp_versions") == ["0"])
    }

    @Test("icp list --as-of a date before every version says none was in force and the earliest is used, as a run does")
    func listBeforeEveryVersion() throws {
        let ws = try Workspace()
        let add = try ws.reeval.run(["icp", "add", Self.repo.appendingPathComponent("examples/icp/2024-h1.yaml").path,
                                     Self.repo.appendingPathComponent("examples/icp/2025-q3.yaml").path, "--quiet"])
        #expect(add.status == 0, "\(add.stderr)")
        let early = try ws.reeval.run(["icp", "list", "--as-of", "1900"])
        #expect(early.stdout.contains("2024-h1  effective 2024-01-01  Mid-market software companies in North America  ← none in force on 1900-01-01, the earliest is used"), "\(early.stdout)")
        #expect(!early.stdout.contains("← in force on 1900"))
        let json = try ws.reeval.run(["icp", "list", "--as-of", "1900", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["in_force_as_of"] is NSNull)
        #expect(object["used_as_of"] as? String == "2024-h1")
        #expect(try ws.reeval.run(["icp", "list", "--as-of", "2025-01"]).stdout.contains("← in force on 2025-01-01"))
    }

    @Test("add, list, show and diff the example versions; a changed file under a registered label is refused")
    func registry() throws {
        let ws = try Workspace()
        let old = Self.repo.appendingPathComponent("examples/icp/2024-h1.yaml").path
        let new = Self.repo.appendingPathComponent("examples/icp/2025-q3.yaml").path
        #expect(try ws.reeval.run(["icp", "add", old, new]).status == 0)
        #expect(try ws.reeval.run(["icp", "add", old]).stdout.contains("already registered"))
        let list = try ws.reeval.run(["icp", "list", "--as-of", "2025-06-30"])
        #expect(list.stdout.contains("2024-h1  effective 2024-01-01"))
        #expect(list.stdout.split(separator: "\n").first { $0.hasPrefix("2024-h1") }?.contains("in force on 2025-06-30") == true)
        let show = try ws.reeval.run(["icp", "show", "2024-h1"])
        #expect(show.stdout == (try String(contentsOfFile: old, encoding: .utf8)))
        let diff = try ws.reeval.run(["icp", "diff", "2024-h1", "2025-q3"])
        #expect(diff.stdout.contains("employees band 201-1000 now gives 15 points (was 0)"))
        #expect(diff.stdout.contains("industry now also includes Financial Services"))
        #expect(diff.stdout.contains("deals lost for 'No SSO' are worth another call"))

        var edited = try String(contentsOfFile: old, encoding: .utf8)
        edited = edited.replacingOccurrences(of: "points: 30", with: "points: 35")
        try ws.write("edited.yaml", edited)
        let refused = try ws.reeval.run(["icp", "add", "edited.yaml"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("new label"))
        #expect(try ws.reeval.sql("SELECT count(*) FROM icp_versions") == ["2"])
    }
}
