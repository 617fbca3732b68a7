import Foundation
import ICP
import Testing

/// Each file in BrokenICPs/ starts with `# expect: LINE: TEXT`: the problem it must report.
@Suite("Broken ICP files")
struct BrokenICPTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BrokenICPs")
    static let files: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()

    @Test("the corpus holds at least 20 kinds of mistake")
    func corpusSize() {
        #expect(Self.files.count >= 20)
    }

    @Test("each broken file is refused with its message on the right line", arguments: files)
    func refused(name: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        let expectation = try #require(text.split(separator: "\n").first?.dropFirst("# expect: ".count))
        let parts = expectation.split(separator: ":", maxSplits: 1)
        let line = try #require(Int(parts[0]))
        let message = parts[1].trimmingCharacters(in: .whitespaces)
        let error = try #require(throws: InvalidICP.self) { try ICPParser.parse(text, file: name) }
        let found = error.problems.contains { $0.line == line && $0.message.contains(message) }
        #expect(found, "expected line \(line): \(message); got \(error.problems)")
        #expect(error.message.contains("\(name):\(line):"))
    }
}
