import Foundation
import LeadData

/// What `reeval import` was asked to do with a file.
public struct ImportOptions: Sendable {
    /// `salesforce`, `hubspot`, `pipedrive`, or nil for auto.
    public var source: String?
    /// The CRM object, when the headers do not tell.
    public var object: String?
    public var mapping: Mapping?
    /// The date the export describes; default: `now`.
    public var observedAt: Timestamp?
    public var encoding: TextEncoding?
    public var strict = false
    public var dryRun = false
    /// The order decided for each date column (by header) of a file read once before under the
    /// per-value rule: the import reads it again with these (`DateOrderDecision`).
    var decidedDateOrders: [String: DateParser.Order] = [:]
    /// Money columns whose decimal mark a first reading decided (by header), for the second.
    var decidedDecimalMarks: [String: NumberParser.DecimalMark] = [:]
    /// The time of the import, passed in (the library never reads the clock).
    public var now: Date
    /// Reads elapsed time for the summary; the command line passes the real clock.
    public var clock: @Sendable () -> Date
    /// Called now and then with the bytes read and the file's size, for a progress bar.
    public var progress: (@Sendable (_ bytesRead: Int, _ total: Int) -> Void)?

    public init(now: Date, clock: @escaping @Sendable () -> Date = { Date(timeIntervalSince1970: 0) }) {
        self.now = now
        self.clock = clock
    }
}

/// What an import did, for the one-screen summary and `--json`.
public struct ImportSummary: Sendable {
    public var file: String
    public var preset = ""
    public var source = ""
    public var object = ""
    public var encoding = TextEncoding.utf8
    public var encodingDetected = false
    public var delimiter = ","
    public var rowsRead = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var rejected = 0
    public var deleted = 0
    public var footerLines = 0
    public var snapshots = 0
    /// Column → how many of its values could not be read (left NULL).
    public var unreadable: [String: Int] = [:]
    /// In a file read as Windows-1252, the lines that were UTF-8 and were read as UTF-8.
    public var utf8LinesInWindows1252: [Int] = []
    /// Rows whose every field was empty: skipped, counted.
    public var blankRows = 0
    /// Header lines repeated mid-file (two exports pasted together): skipped, counted.
    public var repeatedHeaders = 0
    /// Per column, the most frequent texts that could not be read, most frequent first (up to 5).
    public var unreadableExamples: [String: [(text: String, count: Int)]] = [:]
    public var seconds = 0.0
    /// The earlier import of the same file (by SHA-256), when this one was skipped.
    public var alreadyImported: (id: Int, at: String)?
    public var importID: Int?
    public var dryRun = false
    /// How each date column's slash dates were read when no value decided it (the CRM's default).
    public var dateOrderNotes: [String] = []
    /// The file's records by lifecycle (`open`, `won`, `lost`, `disqualified`), leads only.
    public var lifecycles: [String: Int] = [:]
    /// What the user should check: a mapping's lifecycle value that matches no row, a file that came in all open.
    public var warnings: [String] = []
    /// The first rejects, for the summary (all of them are in `import_rejects`).
    public var firstRejects: [(line: Int, reason: String)] = []

    public init(file: String) { self.file = file }
}
