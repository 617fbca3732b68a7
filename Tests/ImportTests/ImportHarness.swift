import CRMImport
import Foundation
import LeadData
import ReevalStore

/// A temporary database and folder to import fixture files into.
final class ImportHarness {
    let folder: URL
    let db: Database
    static let now = Date(timeIntervalSince1970: 1_790_000_000) // 2026-09-21

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("reeval-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        db = try Database.openMigrated(path: folder.appendingPathComponent("t.sqlite").path, now: Self.now)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    func options(source: String? = nil, object: String? = nil, observedAt: String? = nil, mapping: Mapping? = nil) -> ImportOptions {
        var options = ImportOptions(now: Self.now)
        options.source = source
        options.object = object
        options.mapping = mapping
        options.observedAt = observedAt.flatMap { DateParser().parse($0) }
        return options
    }

    @discardableResult
    func importFile(_ path: String, _ options: ImportOptions? = nil) throws -> ImportSummary {
        try Importer(db: db).importFile(path, options: options ?? self.options())
    }

    func strings(_ sql: String, _ values: [DatabaseValueConvertible?] = []) throws -> [String] {
        try db.rows(sql, values).map { $0.values.map { $0.string ?? "NULL" }.joined(separator: "|") }
    }

    func count(_ table: String) throws -> Int {
        try db.scalar("SELECT count(*) FROM \(table)")?.int ?? -1
    }
}

/// Windows-1252 bytes of a string (what Salesforce's ISO-8859-1 Data Export writes).
func latin1(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : UInt8(ascii: "?") }
}

/// The real header line of a Salesforce Data Export object from ../shared/datasets, or nil.
func realSalesforceHeader(_ object: String) -> String? {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/datasets/salesforce-dataexport-headers/\(object).header.csv").standardizedFileURL
    return (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .newlines)
}

/// The shared datasets folder, or nil outside this workplace.
let sharedDatasets: URL? = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/datasets").standardizedFileURL
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
}()
