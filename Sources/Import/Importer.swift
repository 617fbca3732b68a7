import Foundation
import LeadData
import ReevalStore

/// Imports one CRM export into the database: one file, one transaction.
///
/// ```swift
/// let db = try Database.openMigrated(path: "reeval.sqlite", now: now)
/// var options = ImportOptions(now: now)
/// options.source = "salesforce"
/// let summary = try Importer(db: db).importFile("Lead.csv", options: options)
/// print(summary.inserted, summary.rejected)
/// ```
/// Unreadable rows go to `import_rejects` with their line, reason and raw text and the import
/// goes on; under `strict` any reject fails the import and the database stays as it was.
public struct Importer {
    let db: Database

    public init(db: Database) {
        self.db = db
    }

    public func importFile(_ path: String, options: ImportOptions) throws -> ImportSummary {
        let started = options.clock()
        var summary = ImportSummary(file: path)
        summary.dryRun = options.dryRun
        // The reader hashes every byte it reads, on the parsing thread, so the digest costs the
        // writer nothing; a file imported before is found once it is read and the import is
        // rolled back as a no-op. A file on disk of the same size as one imported before (the
        // nightly inbox still holds last night's export) is hashed first instead, so that it
        // costs one read and no parse.
        let size = path == "-" ? nil : (try? FileManager.default.attributesOfItem(atPath: path)).flatMap { attributes in
            attributes[.type] as? FileAttributeType == .typeRegular ? (attributes[.size] as? Int) : nil
        }
        if let size, try db.scalar("SELECT EXISTS (SELECT 1 FROM imports WHERE bytes = ?)", [size])?.int == 1,
           let earlier = try earlierImport(sha256: Self.readingIdentity(fileDigest: try Checksum.sha256(fileAt: path), options)) {
            summary.alreadyImported = earlier
            return summary
        }
        var pass = try open(path, options: options, size: size, started: started, summary: summary)
        try pass.run()
        if let reread = pass.reread {
            // A day-first column's ambiguous dates were read month first, or a money column's
            // ambiguous numbers before its decimal mark was known: read the file again, with the
            // order and mark decided for the whole column (the first reading is rolled back).
            guard path != "-", size != nil, options.decidedDateOrders.isEmpty, options.decidedDecimalMarks.isEmpty else {
                if let column = reread.orders.keys.sorted().first { throw ImportFailure.datesNeedFormat(file: path, column: column) }
                throw ImportFailure.marksNeedFile(file: path, column: reread.marks.keys.sorted().first ?? "")
            }
            var again = options
            again.decidedDateOrders = reread.orders
            again.decidedDecimalMarks = reread.marks
            return try importFile(path, options: again)
        }
        return pass.summary
    }

    /// The pass that reads `path`: its reader, encoding and header, the preset that header picks,
    /// and the plan of its columns.
    private func open(_ path: String, options: ImportOptions, size: Int?, started: Date, summary: ImportSummary) throws -> ImportPass {
        var summary = summary
        let reader = try CSVReader(path: path)
        try Self.refuseNonCSV(reader.prefix(), file: path)
        summary.delimiter = reader.delimiter == 0x09 ? "tab" : String(UnicodeScalar(reader.delimiter))
        let encoding = options.encoding ?? TextEncoding.detect(prefix: reader.prefix(), isPartial: reader.prefixIsPartial)
        summary.encoding = encoding
        summary.encodingDetected = options.encoding == nil

        guard let headerRecord = try reader.next() else { throw ImportFailure.emptyFile(path) }
        let rawHeaders = (0..<headerRecord.fieldCount).map { encoding.decode(headerRecord.field($0)) ?? "" }
        let preset = try choosePreset(headers: rawHeaders, options: options, file: path)
        let plan = try ColumnPlan(rawHeaders: rawHeaders, preset: preset, file: path, mappingFile: options.mapping?.file,
                                  dateOrders: options.decidedDateOrders, decimalMarks: options.decidedDecimalMarks)
        summary.preset = options.mapping.map { options.source == nil ? "mapping \($0.file)" : "\(preset.name) + mapping \($0.file)" } ?? preset.name
        if !preset.decidedBy.isEmpty { summary.preset += " (picked by its columns \(preset.decidedBy.joined(separator: ", ")))" }
        summary.source = preset.source
        summary.object = preset.object
        return ImportPass(db: db, path: path, options: options, reader: reader, header: headerRecord, plan: plan, preset: preset,
                          encoding: encoding, size: size, started: started, summary: summary)
    }

    /// What `imports.sha256` identifies: a file read one way. Read by its headers alone it is the
    /// file's SHA-256, so a file imported before is a no-op; read with a mapping, or with
    /// `--source` or `--object` named, it is the SHA-256 of the file's digest and that reading, so
    /// the same file with a corrected mapping is read again.
    static func readingIdentity(fileDigest: String, _ options: ImportOptions) -> String {
        guard options.mapping != nil || options.source != nil || options.object != nil else { return fileDigest }
        return Checksum.sha256("\(fileDigest) \(reading(options))")
    }

    /// How the options say to read a file: its mapping (by SHA-256), `--source` and `--object`.
    /// Part of a file's identity, and of the seed of its rows' `LineHash`.
    static func reading(_ options: ImportOptions) -> String {
        "mapping:\(options.mapping?.sha256 ?? "") source:\(options.source ?? "") object:\(options.object ?? "")"
            + options.decidedDateOrders.sorted { $0.key < $1.key }.map { " dates:\($0.key)=\($0.value.rawValue)" }.joined()
            + options.decidedDecimalMarks.sorted { $0.key < $1.key }.map { " decimal:\($0.key)=\($0.value.rawValue)" }.joined()
    }

    func earlierImport(sha256: String) throws -> (id: Int, at: String)? {
        try db.rows("SELECT id, imported_at FROM imports WHERE sha256 = ?", [sha256]).first.map { ($0["id"] ?? 0, $0["imported_at"] ?? "") }
    }

    /// Refuses input that is plainly not a CSV, saying what it is: a compressed or Excel file, a
    /// UTF-16 export, binary data. Without this, such input got a 750-character "matches no
    /// known export" listing every preset's headers.
    static func refuseNonCSV(_ prefix: ArraySlice<UInt8>, file: String) throws {
        let head = Array(prefix.prefix(8))
        func starts(_ magic: [UInt8]) -> Bool { head.starts(with: magic) }
        let what: String?
        if starts([0x1F, 0x8B]) { what = "a gzip file; unpack it first (gunzip)" }
        else if starts([0x50, 0x4B, 0x03, 0x04]) { what = "a ZIP archive or an Excel workbook; unpack it, or save the sheet as CSV (UTF-8)" }
        else if starts([0xD0, 0xCF, 0x11, 0xE0]) { what = "an old Excel workbook (.xls); save the sheet as CSV (UTF-8)" }
        else if starts([0xFF, 0xFE]) || starts([0xFE, 0xFF]) { what = "UTF-16 text; export it again as CSV UTF-8 (or convert it: iconv -f UTF-16 -t UTF-8)" }
        else if starts([0x25, 0x50, 0x44, 0x46]) { what = "a PDF; export the report as CSV instead" }
        else if prefix.prefix(4096).contains(0) {
            let nulls = prefix.prefix(4096).filter { $0 == 0 }.count
            what = nulls * 3 >= min(prefix.count, 4096) ? "UTF-16 text without a byte order mark; export it again as CSV UTF-8"
                : "binary data (it holds NUL bytes), not a CSV export"
        } else { what = nil }
        if let what { throw Failure(.badData, "\(file): this is \(what)") }
    }

    private func choosePreset(headers: [String], options: ImportOptions, file: String) throws -> Preset {
        if let source = options.source, source != "auto", !PresetCatalog.sources.contains(source) {
            throw ImportFailure.unknownSource(source)
        }
        let source = options.source == "auto" ? nil : options.source
        if let mapping = options.mapping {
            guard source != nil || options.object != nil else { return try mapping.standalonePreset() }
            return mapping.applied(to: try PresetCatalog.choose(headers: headers, source: source, object: options.object, file: file))
        }
        return try PresetCatalog.choose(headers: headers, source: source, object: options.object, file: file)
    }

    /// The records of this file by lifecycle, and what a mapping's lifecycle values did: a
    /// value no row has (a typo turns every won record into `open` without a word), and a file
    /// that came in all open.
    static func countLifecycles(_ db: Database, importID: Int64, preset: Preset, into summary: inout ImportSummary) throws {
        let these = "(t.last_import_id = ?1 OR t.id IN (\(RecordWriter.seenRows)))"
        var statuses: Set<String> = []
        try db.prepare("SELECT t.lifecycle, count(*) FROM leads t WHERE \(these) GROUP BY 1").forEachRow([importID]) { row in
            summary.lifecycles[row[0].string ?? "", default: 0] += row[1].int ?? 0
        }
        if case .mapped(let column, let won, let lost, let disqualified) = preset.lifecycle {
            try db.prepare("SELECT DISTINCT lower(trim(t.status)) FROM leads t WHERE \(these)").forEachRow([importID]) { row in
                if let status = row[0].string { statuses.insert(status) }
            }
            for (name, values) in [("won", won), ("lost", lost), ("disqualified", disqualified)] {
                for value in values where !statuses.contains(value.trimmed.lowercased()) {
                    summary.warnings.append("lifecycle \(name) value \"\(value)\" matches no row's \(column); check its spelling against the export's values")
                }
            }
        }
        let total = summary.lifecycles.values.reduce(0, +)
        if total > 0, summary.lifecycles["open"] == total, preset.lifecycle != .alwaysOpen {
            summary.warnings.append("every row came in open: none is won, lost or disqualified, so none is a candidate until dormant; "
                                    + "check the lifecycle values of the mapping or the preset's status column")
        }
    }
}
