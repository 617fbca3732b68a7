import CRMImport
import Foundation
import Testing

@Suite("CSV reader")
struct CSVReaderTests {
    /// Every record of `bytes` as decoded fields with their line numbers.
    func read(_ bytes: [UInt8], chunkSize: Int = 1 << 20) throws -> [(line: Int, fields: [String], unclosed: Bool)] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let reader = try CSVReader(path: file.path, chunkSize: chunkSize)
        var out: [(Int, [String], Bool)] = []
        while let r = try reader.next() {
            out.append((r.line, (0..<r.fieldCount).map { String(decoding: r.field($0), as: UTF8.self) }, r.unclosedQuote))
        }
        return out
    }

    func read(_ text: String, chunkSize: Int = 1 << 20) throws -> [(line: Int, fields: [String], unclosed: Bool)] {
        try read(Array(text.utf8), chunkSize: chunkSize)
    }

    @Test("a BOM is skipped, CRLF ends rows, and quoted fields keep commas, doubled quotes and newlines")
    func rfc4180PlusBOM() throws {
        let rows = try read([0xEF, 0xBB, 0xBF] + Array("\"Id\",\"Name\",\"Description\"\r\n\"1\",\"Acme, Inc.\",\"said \"\"hi\"\"\r\nthen left\"\r\n2,Beta,\r\n".utf8))
        #expect(rows.map(\.fields) == [["Id", "Name", "Description"], ["1", "Acme, Inc.", "said \"hi\"\r\nthen left"], ["2", "Beta", ""]])
        #expect(rows.map(\.line) == [1, 2, 4])
    }

    @Test("the delimiter is sniffed from the header line only, not from values holding `;`")
    func sniffsDelimiter() throws {
        #expect(try read("Id;Name;Tech\n1;Acme;\"Salesforce, HubSpot\"\n").map(\.fields)[1] == ["1", "Acme", "Salesforce, HubSpot"])
        #expect(try read("Id\tName\n1\tFood; drink\n").map(\.fields)[1] == ["1", "Food; drink"])
        #expect(try read("Id,Industry\n1,\"Food; drink; tobacco\"\n").map(\.fields)[1] == ["1", "Food; drink; tobacco"])
    }

    @Test("blank lines, a trailing one included, are not records; a missing final newline is fine")
    func blankLines() throws {
        let rows = try read("a,b\n1,2\n\n3,4\n\n\n")
        #expect(rows.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(rows.map(\.line) == [1, 2, 4])
        #expect(try read("a,b\n1,2").map(\.fields).last == ["1", "2"])
    }

    @Test("a trailing comma gives an unnamed last column")
    func trailingComma() throws {
        #expect(try read("Id,Name,\n1,Acme,\n").map(\.fields) == [["Id", "Name", ""], ["1", "Acme", ""]])
    }

    @Test("an unclosed quote rejects only its own line, and the rows below it are still read")
    func unclosedQuote() throws {
        let rows = try read("Id,Name\n1,\"Acme\n2,Beta\n3,Gamma\n")
        // The quote swallows to the end of file, so its line alone is given back as unclosed.
        #expect(rows[1].unclosed)
        #expect(rows[1].line == 2)
        #expect(rows.dropFirst(2).map(\.fields) == [["2", "Beta"], ["3", "Gamma"]])
        #expect(rows.dropFirst(2).map(\.line) == [3, 4])
    }

    @Test("records that straddle buffer boundaries read the same as with one big buffer")
    func bufferBoundaries() throws {
        var text = "Id,Notes,Amount\r\n"
        for i in 0..<300 { text += "\(i),\"line one\r\nline \"\"two\"\", with comma\",\"$1,\(i)00.00\"\r\n" }
        let small = try read(text, chunkSize: 7)
        let big = try read(text)
        #expect(small.map(\.fields) == big.map(\.fields))
        #expect(small.map(\.line) == big.map(\.line))
        #expect(big.count == 301)
        #expect(big.last?.line == 1 + 299 * 2 + 1)
    }
}
