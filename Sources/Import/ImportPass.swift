import Foundation
import LeadData
import ReevalStore

/// One reading of a file, inside its import's transaction: the `imports` row, every row through
/// the writer (or to `import_rejects`), then the checks that may still fail the whole import.
/// `Importer.importFile` opens the file and decides how to read it; a pass reads it once.
struct ImportPass {
    /// The orders and marks a column's evidence decided after the rows were read one way:
    /// the pass is rolled back and the file read again with them.
    typealias Reread = (orders: [String: DateParser.Order], marks: [String: NumberParser.DecimalMark])

    let db: Database
    let path: String
    let options: ImportOptions
    let reader: CSVReader
    let header: CSVReader.Record
    let plan: ColumnPlan
    let preset: Preset
    let encoding: TextEncoding
    /// The file's size on disk; nil for standard input and what is not a regular file.
    let size: Int?
    let started: Date
    var summary: ImportSummary
    private(set) var reread: Reread?

    /// Runs the pass in one transaction: committed unless it is a dry run, a file imported
    /// before, or a pass to be read again.
    mutating func run() throws {
        try db.transaction(.immediate) {
            let importID = try insertImport()
            let writer: RowWriter = preset.kind == .owners
                ? try OwnerWriter(db: db, source: preset.source, importID: importID)
                : try RecordWriter(db: db, kind: preset.kind, source: preset.source, object: preset.object,
                                   importID: importID, observedAt: observedAt)
            let rows = RowSink(writer: writer, importID: importID,
                               rejects: try db.cachedStatement("INSERT INTO import_rejects(import_id, line, reason, raw) VALUES (?, ?, ?, ?)"))
            guard try readRows(into: rows) else { return .rollback }
            summary.blankRows += reader.emptyLines
            if summary.rowsRead == 0 && summary.rejected == 0 { throw ImportFailure.headerOnly(path) }
            let sha = Importer.readingIdentity(fileDigest: try reader.sha256(), options)
            if let earlier = try Importer(db: db).earlierImport(sha256: sha) {
                summary = ImportSummary(file: path)
                summary.alreadyImported = earlier
                return .rollback
            }
            try db.execute("UPDATE imports SET sha256 = ?, bytes = ? WHERE id = ?", [sha, size, importID])
            try countUnreadable(importID)
            if preset.kind == .leads { try Importer.countLifecycles(db, importID: importID, preset: preset, into: &summary) }
            try writer.finish()
            summary.snapshots = writer.states
            try refuseRejects()
            try recordCounts(importID)
            if options.dryRun {
                summary.importID = nil
                return .rollback
            }
            return .commit
        }
    }

    private var observedAt: Timestamp { options.observedAt ?? Timestamp(options.now) }

    /// The `imports` row, under a placeholder identity until the file's digest is known.
    private mutating func insertImport() throws -> Int64 {
        try db.execute("""
            INSERT INTO imports(file_name, sha256, preset, source, object, kind, encoding, observed_at, imported_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [path, "reading-\(ProcessInfo.processInfo.processIdentifier)-\(path)", summary.preset, preset.source, preset.object,
                  preset.kind.rawValue, encoding.rawValue, observedAt.iso, ISODate.string(options.now)])
        let importID = db.lastInsertedRowID
        summary.importID = Int(importID)
        return importID
    }

    /// Every row of the file, to the writer or to `import_rejects`. False when the columns'
    /// evidence asks for a second reading (`reread`).
    private mutating func readRows(into rows: RowSink) throws -> Bool {
        let reading = RowReading(plan: plan, encoding: encoding,
                                 lineHash: LineHash(reading: "\(Importer.reading(options)) preset:\(preset.name) encoding:\(encoding.rawValue)",
                                                    header: header.raw))
        var values = [String](repeating: "", count: plan.headers.count)
        // Parsing (and for a first import, normalising) runs on another thread; this one writes,
        // and normalises only the rows of a re-import that changed.
        let producer = RowProducer(reader: reader, reading: reading, normalisesEveryRow: !rows.writer.skipsUnchangedRows)
        producer.start()
        defer { producer.queue.cancel() }
        while let batch = producer.queue.pop() {
            for var item in batch {
                if case .unread(let record, let crmID, let lineHash) = item {
                    let rowEncoding = reading.encoding(of: record)
                    if let outcome = try rows.writer.skipIfUnchanged(crmID: crmID, lineHash: lineHash, line: record.line) {
                        try rows.count(outcome, crmID: crmID, line: record.line, raw: reading.rawText(record, rowEncoding), into: &summary)
                        continue
                    }
                    item = reading.normalise(record, rowEncoding, values: &values)
                }
                if case .finished(let utf8Lines, let dates, let marks) = item {
                    return try decide(utf8Lines: utf8Lines, dates: dates, marks: marks)
                }
                try take(item, into: rows)
            }
        }
        throw Failure(.bug, "\(path): the parsing thread stopped before the end of the file")
    }

    /// One row's outcome, counted.
    private mutating func take(_ item: ImportItem, into rows: RowSink) throws {
        switch item {
        case .record(let line, let raw, let lead, let lineHash):
            try rows.count(try rows.writer.write(lead, lineHash: lineHash, line: line), crmID: lead.record.crmID, line: line,
                           raw: encoding.decode(raw[...]) ?? String(decoding: raw, as: UTF8.self), into: &summary)
        case .reject(let line, let reason, let raw): try rows.reject(line, reason, raw, into: &summary)
        case .missingID(let line, let raw, let column): try rows.reject(line, "no CRM id in column \(column)", raw, into: &summary)
        case .blank: summary.blankRows += 1
        case .deleted:
            summary.rowsRead += 1
            summary.deleted += 1
        case .footer: summary.footerLines += 1
        case .repeatedHeader: summary.repeatedHeaders += 1
        case .progress(let bytesRead): options.progress?(bytesRead, size ?? 0)
        case .unread: throw Failure(.bug, "\(path): a row was left unread")
        case .finished: throw Failure(.bug, "\(path): the end of the file was reported twice")
        case .failed(let error): throw error
        }
    }

    /// The end of the file: each column's date order and decimal mark decided from all its
    /// values. True when the rows as read stand; false when they must be read again.
    private mutating func decide(utf8Lines: [Int], dates: ColumnEvidence, marks: ColumnEvidence) throws -> Bool {
        summary.utf8LinesInWindows1252 = utf8Lines
        let decided = try DateOrderDecision.decide(dates, plan: plan, file: path)
        let decimalMarks = try DecimalMarkDecision.decide(marks, plan: plan, file: path)
        summary.dateOrderNotes = decided.notes
        guard decided.reread.isEmpty && decimalMarks.isEmpty else {
            reread = (decided.reread, decimalMarks)
            return false
        }
        return true
    }

    /// The texts that could not be read, as the records of this file keep them (those it wrote
    /// and those it found unchanged), for the summary. Users keep none: their export's only
    /// values are id, name and email.
    private mutating func countUnreadable(_ importID: Int64) throws {
        guard let table = preset.kind == .leads ? "leads" : preset.kind == .accounts ? "accounts" : nil else { return }
        try db.prepare("""
            SELECT u.key, u.value, count(*) FROM \(table) t, json_each(t.unreadable) u
            WHERE t.unreadable != '{}' AND (t.last_import_id = ? OR t.id IN (\(RecordWriter.seenRows)))
            GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2
            """).forEachRow([importID]) { row in
            let column = row[0].string ?? "", count = row[2].int ?? 0
            summary.unreadable[column, default: 0] += count
            if summary.unreadableExamples[column, default: []].count < 5 {
                summary.unreadableExamples[column, default: []].append((row[1].string ?? "", count))
            }
        }
    }

    /// Fails the import under `--strict` when a row was rejected, and whenever every data row
    /// was, so cron (`run --inbox --quiet`) hears of it; a file with no data rows is only empty.
    private func refuseRejects() throws {
        if options.strict, summary.rejected > 0, let first = summary.firstRejects.first {
            throw ImportFailure.strictRejects(file: path, count: summary.rejected, firstLine: first.line, firstReason: first.reason)
        }
        if summary.rejected > 0, summary.inserted + summary.updated + summary.unchanged + summary.deleted == 0 {
            throw ImportFailure.everyRowRejected(file: path, count: summary.rejected, firstReasons: summary.firstRejects.prefix(3)
                .map { "line \($0.line): \($0.reason)" }.joined(separator: "; "))
        }
    }

    private mutating func recordCounts(_ importID: Int64) throws {
        summary.seconds = options.clock().timeIntervalSince(started)
        try db.execute("""
            UPDATE imports SET rows_read = ?, inserted = ?, updated = ?, unchanged = ?, rejected = ?, deleted = ?,
                               snapshots = ?, unreadable = ?, seconds = ? WHERE id = ?
            """, [summary.rowsRead, summary.inserted, summary.updated, summary.unchanged, summary.rejected, summary.deleted,
                  summary.snapshots, JSONText.counts(summary.unreadable), summary.seconds, importID])
    }
}

/// Where a pass's rows go: the writer, or `import_rejects`; each outcome counted in the summary.
struct RowSink {
    let writer: RowWriter
    let importID: Int64
    let rejects: Statement

    func reject(_ line: Int, _ reason: String, _ raw: String, into summary: inout ImportSummary) throws {
        summary.rowsRead += 1
        summary.rejected += 1
        if summary.firstRejects.count < 5 { summary.firstRejects.append((line, reason)) }
        try rejects.execute([importID, line, reason, raw])
    }

    func count(_ outcome: RecordWriter.Outcome, crmID: String, line: Int, raw: @autoclosure () -> String,
               into summary: inout ImportSummary) throws {
        switch outcome {
        case .inserted: summary.inserted += 1
        case .updated: summary.updated += 1
        case .unchanged: summary.unchanged += 1
        case .duplicate(let first):
            // An id the file repeats: the later row is rejected, naming the first.
            try reject(line, "duplicate id \(crmID), first on line \(first)", raw(), into: &summary)
            return
        }
        summary.rowsRead += 1
    }
}
