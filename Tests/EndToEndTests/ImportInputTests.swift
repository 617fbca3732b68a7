import Foundation
import ReevalStore
import Testing

@Suite("reeval import, what it reads: files, folders, pipes and standard input")
struct ImportInputTests {
    @Test("a missing file exits 66 naming it, and nothing is created")
    func missingFile() throws {
        let ws = try Workspace()
        let result = try ws.reeval.run(["import", "nope.csv"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("nope.csv"))
        #expect(!FileManager.default.fileExists(atPath: ws.path("reeval.sqlite")))
    }

    @Test("a path that cannot be read (a folder) exits 74 naming it")
    func unreadablePath() throws {
        let ws = try Workspace()
        try FileManager.default.createDirectory(at: ws.url.appendingPathComponent("exports.csv"), withIntermediateDirectories: true)
        let result = try ws.reeval.run(["import", "exports.csv"])
        #expect(result.status == 74)
        #expect(result.stderr.contains("exports.csv: cannot be read: it is a folder, not a file; name its exports"))
        #expect(!result.stderr.contains("permissions"))
        let dot = try ws.reeval.run(["import", "."])
        #expect(dot.status == 74)
        #expect(dot.stderr.contains(".: cannot be read: it is a folder, not a file"), "\(dot.stderr)")
    }

    @Test("files that cannot be imported exit 65 with one line naming the file", arguments: [
        ("empty.csv", "", "empty"),
        ("header-only.csv", "Record ID,Deal Name,Deal Stage\r\n", "no rows"),
        ("unknown.csv", "Foo,Bar\n1,2\n", "matches no known export"),
        ("photo.csv", "\u{89}PNG\r\n\u{1A}\n", "matches no known export"),
    ])
    func unreadableFiles(name: String, content: String, says: String) throws {
        let ws = try Workspace()
        try ws.write(name, content)
        let result = try ws.reeval.run(["import", name])
        #expect(result.status == 65)
        #expect(result.stderr.contains(name))
        #expect(result.stderr.contains(says))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try ws.reeval.sql("SELECT count(*) FROM imports") == ["0"])
    }

    @Test("- reads the export from standard input once; the same bytes again are recognised as imported before")
    func standardInput() throws {
        let ws = try Workspace()
        let first = try ws.reeval.run(["import", "-"], stdin: ImportCommandTests.hubspotDeals)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("rows read 2: inserted 2"))
        #expect(try ws.reeval.sql("SELECT file_name, inserted, length(sha256) FROM imports") == ["-|2|64"])
        // The digest is that of the bytes, as for a file on disk.
        try ws.write("deals.csv", ImportCommandTests.hubspotDeals)
        let again = try ws.reeval.run(["import", "deals.csv"])
        #expect(again.stdout.contains("already imported as #1"))
        let piped = try ws.reeval.run(["import", "-"], stdin: ImportCommandTests.hubspotDeals)
        #expect(piped.stdout.contains("already imported as #1"))
        #expect(try ws.reeval.sql("SELECT count(*) FROM imports") == ["1"])
    }

    @Test("a named pipe (import <(…)) is read once, not found empty")
    func namedPipe() throws {
        let ws = try Workspace()
        #expect(mkfifo(ws.path("deals.fifo"), 0o600) == 0)
        let text = ImportCommandTests.hubspotDeals
        let path = ws.path("deals.fifo")
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            handle.write(Data(text.utf8))
            try? handle.close()
        }
        writer.start()
        let result = try ws.reeval.run(["import", "deals.fifo"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("rows read 2: inserted 2"))
    }

    @Test("gzip, Excel, UTF-16 and binary input are named for what they are", arguments: [
        ([0x1F, 0x8B, 0x08, 0x00], "this is a gzip file; unpack it first"),
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], "this is a ZIP archive or an Excel workbook"),
        ([0xFF, 0xFE, 0x49, 0x00, 0x64, 0x00], "this is UTF-16 text; export it again as CSV UTF-8"),
        ([0x49, 0x00, 0x64, 0x00, 0x2C, 0x00, 0x4E, 0x00], "this is UTF-16 text without a byte order mark"),
        ([0x49, 0x64, 0x2C, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A], "this is binary data (it holds NUL bytes)"),
    ] as [([UInt8], String)])
    func notCSV(bytes: [UInt8], message: String) throws {
        let ws = try Workspace()
        try ws.write(bytes: bytes, "export.csv")
        let result = try ws.reeval.run(["import", "export.csv"])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("reeval: export.csv: \(message)"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.count < 160)
    }
}
