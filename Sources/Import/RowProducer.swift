import Foundation
import LeadData

/// What the parsing thread hands the writer: rows already read, decoded and normalised.
enum ImportItem: Sendable {
    /// A record with its line, raw text (kept should the id prove a duplicate) and `LineHash`.
    case record(line: Int, raw: [UInt8], PreparedRecord, lineHash: Int64)
    /// A row of a re-import, not normalised yet: the writer skips it when its hash matches the
    /// stored record's, and normalises it (`RowReading.normalise`) only when it does not.
    case unread(CSVReader.Record, crmID: String, lineHash: Int64)
    /// A row whose every field is empty: skipped and counted.
    case blank
    case reject(line: Int, reason: String, raw: String)
    case deleted
    case footer
    /// The header line again, mid-file (two exports pasted together): skipped and counted.
    case repeatedHeader
    case missingID(line: Int, raw: String, column: String)
    case progress(bytesRead: Int)
    case finished(utf8Lines: [Int], dates: ColumnEvidence, marks: ColumnEvidence)
    case failed(any Error)
}

/// How one file's rows become records: decoding, normalising, the id check and the row hash.
/// The parsing thread uses it for every row of a first import; the writer, for the rows of a
/// re-import whose hash says they changed.
struct RowReading: Sendable {
    let plan: ColumnPlan
    let encoding: TextEncoding
    let lineHash: LineHash

    /// The encoding of one row. A file read as Windows-1252 (its first 64 KiB are not UTF-8) may
    /// hold UTF-8 rows further on, as exports appended to by another tool do: a row whose bytes
    /// are valid UTF-8 and hold a multi-byte character is read as UTF-8. Windows-1252 text almost
    /// never forms valid UTF-8 by chance (it would need `Ã©`-like pairs throughout), so the
    /// choice is unambiguous.
    func encoding(of record: CSVReader.Record) -> TextEncoding {
        if encoding == .windows1252, record.raw.contains(where: { $0 >= 0x80 }), TextEncoding.isValidUTF8(record.raw) { return .utf8 }
        return encoding
    }

    /// The row as it stood in the file, decoded in its encoding (`encoding(of:)`).
    func rawText(_ record: CSVReader.Record, _ encoding: TextEncoding) -> String {
        encoding.decode(record.raw[...]) ?? String(decoding: record.raw, as: UTF8.self)
    }

    /// The row's field count; a trailing delimiter on data rows but not on the header adds one
    /// empty field, which does not count.
    func fieldCount(_ record: CSVReader.Record) -> Int {
        var count = record.fieldCount
        if count == plan.headers.count + 1, record.field(count - 1).isEmpty { count -= 1 }
        return count
    }

    /// The row's CRM id as `normalise` reads it, or nil when only normalising can tell what is wrong.
    func crmID(_ record: CSVReader.Record, _ encoding: TextEncoding) -> String? {
        encoding.decode(record.field(plan.idIndex)).flatMap(plan.crmID)
    }

    /// Decodes and normalises a row whose shape was checked (`fieldCount` matches the header),
    /// in its encoding (`encoding(of:)`).
    func normalise(_ record: CSVReader.Record, _ encoding: TextEncoding, values: inout [String]) -> ImportItem {
        // A NUL byte is no text any CRM writes, and SQLite's shell cuts a value at it: the row is
        // refused, as a row with any other invalid byte is (the first 64 KiB are checked whole).
        if record.raw.contains(0) {
            return .reject(line: record.line, reason: "a NUL byte (0x00) in the row; the file may be damaged: re-export it", raw: rawText(record, encoding).replacingOccurrences(of: "\u{0}", with: "\u{FFFD}"))
        }
        for i in 0..<plan.headers.count {
            guard let text = encoding.decode(record.field(i)) else {
                return .reject(line: record.line, reason: "invalid UTF-8 in column \(plan.headers[i]); re-export as UTF-8 or pass --encoding windows-1252", raw: rawText(record, encoding))
            }
            values[i] = text
        }
        if values.allSatisfy({ $0.trimmed.isEmpty }) { return .blank }
        if plan.isHeader(values) { return .repeatedHeader }
        if plan.isDeleted(values) { return .deleted }
        guard let lead = plan.record(values) else {
            return .missingID(line: record.line, raw: rawText(record, encoding), column: plan.headers[plan.idIndex])
        }
        if let problem = RecordID.problem(lead.crmID, source: plan.preset.mappedColumns.isEmpty ? plan.preset.source : nil) {
            return .reject(line: record.line, reason: "\(problem) in column \(plan.headers[plan.idIndex])", raw: rawText(record, encoding))
        }
        return .record(line: record.line, raw: record.raw, PreparedRecord(lead, kind: plan.preset.kind), lineHash: lineHash.hash(record.raw))
    }
}

/// Reads and checks rows on a thread of its own, so that parsing runs on one core while SQLite
/// writes on the other; for a first import it normalises them too. Batches travel through a
/// bounded queue: memory stays flat.
final class RowProducer: @unchecked Sendable {
    // The reader moves to the producer thread when `start` is called and is never touched by
    // the caller again; that single hand-over is why this class can be @unchecked Sendable.
    private let reader: CSVReader
    private let reading: RowReading
    /// Whether every row is normalised here (a first import, where every row is new), or rows
    /// travel unread for the writer to skip when unchanged (a re-import).
    private let normalisesEveryRow: Bool
    let queue = BatchQueue(capacity: 8)

    init(reader: CSVReader, reading: RowReading, normalisesEveryRow: Bool) {
        self.reader = reader
        self.reading = reading
        self.normalisesEveryRow = normalisesEveryRow
    }

    /// Parses on a Dispatch worker, as the run judges and the report renders: one style of
    /// concurrency (queues, groups and `OrderedResults`) throughout.
    func start() {
        DispatchQueue.global(qos: .userInitiated).async { [self] in produce() }
    }

    private func produce() {
        var batch: [ImportItem] = []
        batch.reserveCapacity(512)
        var values = [String](repeating: "", count: reading.plan.headers.count)
        var rowsSinceProgress = 0
        func flush() -> Bool {
            defer { batch.removeAll(keepingCapacity: true) }
            return queue.push(batch)
        }
        do {
            while let record = try reader.next() {
                if let item = item(for: record, values: &values) { batch.append(item) }
                rowsSinceProgress += 1
                if rowsSinceProgress == 10_000 {
                    rowsSinceProgress = 0
                    batch.append(.progress(bytesRead: reader.bytesRead))
                }
                if batch.count >= 512, !flush() { return }
            }
            batch.append(.finished(utf8Lines: mixedEncodingLines, dates: dateEvidence, marks: markEvidence))
        } catch {
            batch.append(.failed(error))
        }
        _ = flush()
        queue.close()
    }

    /// What every row's date columns say of their order, rows skipped by line hash included.
    private var dateEvidence = ColumnEvidence()
    private var markEvidence = ColumnEvidence()

    /// The lines of a Windows-1252 file that were read as UTF-8, for the summary.
    private var mixedEncodingLines: [Int] = []

    /// The line of the last record whose quote never closed, to explain the row after it.
    private var lastUnclosedQuoteLine: Int?
    /// Whether a report's footer has begun (its later one-field lines are footer too).
    private var inFooter = false

    private func item(for record: CSVReader.Record, values: inout [String]) -> ImportItem? {
        let encoding = reading.encoding(of: record)
        if encoding != reading.encoding { mixedEncodingLines.append(record.line) }
        if record.unclosedQuote {
            lastUnclosedQuoteLine = record.line
            return .reject(line: record.line, reason: "a quote opened on this line is never closed; the rows after it were read from the next line", raw: reading.rawText(record, encoding))
        }
        if (inFooter && Footer.isSingleField(record)) || Footer.isFooter(record, encoding: encoding) {
            inFooter = true
            return .footer
        }
        let headers = reading.plan.headers.count
        guard reading.fieldCount(record) == headers else {
            // Right after an unclosed quote, a short row is most likely the rest of that field.
            let cause = lastUnclosedQuoteLine.map { record.line == $0 + 1 ? " (likely the rest of the unclosed quote on line \($0))" : "" } ?? ""
            return .reject(line: record.line, reason: "expected \(headers) fields, found \(record.fieldCount)\(cause)", raw: reading.rawText(record, encoding))
        }
        if !reading.plan.undecidedMoneyColumns.isEmpty {
            DecimalMarkEvidence.observe(record, columns: reading.plan.undecidedMoneyColumns, encoding: encoding, into: &markEvidence)
        }
        if !reading.plan.undecidedDateColumns.isEmpty {
            DateEvidence.observe(record, columns: reading.plan.undecidedDateColumns, encoding: encoding, into: &dateEvidence)
        }
        guard !normalisesEveryRow, let crmID = reading.crmID(record, encoding) else { return reading.normalise(record, encoding, values: &values) }
        return .unread(record, crmID: crmID, lineHash: reading.lineHash.hash(record.raw))
    }
}

/// A bounded, closable queue of batches between one producer and one consumer thread.
final class BatchQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [[ImportItem]] = []
    private var closed = false
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Blocks while full; false once the consumer has cancelled.
    func push(_ batch: [ImportItem]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// Blocks while empty; nil when the producer is done and everything was taken.
    func pop() -> [ImportItem]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !closed { condition.wait() }
        if batches.isEmpty { return nil }
        let batch = batches.removeFirst()
        condition.broadcast()
        return batch
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the producer (the writer failed): it returns at its next push.
    func cancel() {
        condition.lock()
        cancelled = true
        batches.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
