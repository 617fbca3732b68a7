import Foundation
import LeadData
import ReevalStore

/// A streaming CSV reader over bytes: RFC 4180 plus what CRM exports do (UTF-8 BOM, CRLF or LF,
/// quoted fields holding delimiters, doubled quotes and newlines, `;` or tab delimiters sniffed
/// from the header line, blank lines). It holds one buffer of the file, never the whole file.
///
/// Each record knows the line it starts on and its raw bytes, so a bad row can be rejected
/// with both. An unclosed quote rejects only the line it opened on; reading resumes after it.
///
/// ```swift
/// let reader = try CSVReader(path: "Lead.csv")
/// while let record = try reader.next() {
///     print(record.line, record.fieldCount)
/// }
/// ```
public final class CSVReader {
    /// One record: its fields as byte ranges of one buffer.
    public struct Record: Sendable {
        /// The 1-based line of the file the record starts on.
        public let line: Int
        /// The unescaped bytes of every field, concatenated.
        public let bytes: [UInt8]
        /// `bytes[ends[i-1]..<ends[i]]` is field i.
        public let ends: [Int]
        /// The record as it stood in the file, without its line break.
        public let raw: [UInt8]
        /// True when a quote opened on this line was never closed: the record is only that line.
        public let unclosedQuote: Bool

        public var fieldCount: Int { ends.count }

        public func field(_ index: Int) -> ArraySlice<UInt8> {
            bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
        }
    }

    private let handle: FileHandle
    /// The SHA-256 of every byte read: a file is identified by what was read, on the thread that
    /// reads it, and input that cannot be read twice (standard input, pipes, `import <(…)`) the same way.
    private var hasher = SHA256()
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 1
    private let chunkSize: Int
    /// The field delimiter: `,`, `;` or tab.
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    /// Bytes consumed so far, for progress.
    public private(set) var bytesRead = 0
    /// Empty lines met between records (and after the last one): they hold no row, and are
    /// counted so that an import's counts add up to the file's lines.
    public private(set) var emptyLines = 0

    /// The previous record's size and field count: the next record's arrays start that big.
    private var lastRecordSize = 256
    private var lastFieldCount = 16

    /// Opens `path` (`-` is standard input). The delimiter is sniffed from the header line unless
    /// given; every byte read goes into `sha256()`.
    public init(path: String, delimiter: UInt8? = nil, chunkSize: Int = 1 << 20) throws {
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw FileFailure.missing(path) }
            guard !isFolder.boolValue else { throw FileFailure.isFolder(path) }
            guard let handle = FileHandle(forReadingAtPath: path) else { throw FileFailure.cannotRead(path) }
            self.handle = handle
        }
        self.chunkSize = chunkSize
        try fill()
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
            position = 3
            bytesRead = 3
        }
        self.delimiter = delimiter ?? sniffDelimiter()
    }

    deinit { try? handle.close() }

    /// The first bytes of the file after any BOM (up to 64 KiB), for encoding detection.
    public func prefix(_ count: Int = 65_536) -> ArraySlice<UInt8> {
        buffer[position..<min(buffer.count, position + count)]
    }

    /// Whether the prefix ends inside the file (not at its end), so a cut character is expected.
    public var prefixIsPartial: Bool { !atEnd || buffer.count - position > 65_536 }

    /// The next non-blank record, or nil at the end of the file.
    public func next() throws -> Record? {
        while true {
            if position >= buffer.count {
                if atEnd { return nil }
                try fill()
                continue
            }
            // Blank lines (a trailing one, or between footer lines) carry no data.
            let byte = buffer[position]
            if byte == 0x0A || byte == 0x0D {
                if byte == 0x0D, position + 1 >= buffer.count, !atEnd { try fill(); continue }
                let width = (byte == 0x0D && position + 1 < buffer.count && buffer[position + 1] == 0x0A) ? 2 : 1
                position += width
                bytesRead += width
                line += 1
                emptyLines += 1
                continue
            }
            if let record = parseRecord() { return record }
            // The record runs past the buffer: read more and parse it again from its start.
            if atEnd { return unclosedQuoteRecord() }
            try fill()
        }
    }

    /// Parses one record starting at `position`; nil when the buffer ends before the record does.
    private func parseRecord() -> Record? {
        // Locals, not properties, inside the loop: a class property pays an exclusivity check
        // on every byte appended.
        var fieldBytes: [UInt8] = []
        fieldBytes.reserveCapacity(lastRecordSize)
        var fieldEnds: [Int] = []
        fieldEnds.reserveCapacity(lastFieldCount)
        let start = position, delimiter = self.delimiter, atEnd = self.atEnd
        let scanned = buffer.withUnsafeBufferPointer {
            Self.scan($0, from: start, delimiter: delimiter, atEnd: atEnd, bytes: &fieldBytes, ends: &fieldEnds)
        }
        guard let ended = scanned else { return nil }
        lastRecordSize = fieldBytes.count
        lastFieldCount = fieldEnds.count
        let record = Record(line: line, bytes: fieldBytes, ends: fieldEnds, raw: Array(buffer[start..<ended.rawEnd]), unclosedQuote: false)
        position = ended.next
        bytesRead += ended.next - start
        line += ended.newlines + 1
        return record
    }

    /// Scans the record starting at `start` byte by byte (RFC 4180: quotes open a field, `""`
    /// inside them is a quote, line breaks inside them belong to the value), appending its
    /// values' bytes and each value's end. Returns where its raw text ends, where the next
    /// record begins and how many line feeds its quotes held; nil when the buffer ends first.
    @inline(__always)
    private static func scan(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8, atEnd: Bool,
                             bytes fieldBytes: inout [UInt8], ends fieldEnds: inout [Int]) -> (rawEnd: Int, next: Int, newlines: Int)? {
        let count = buf.count
        var i = start
        var newlines = 0
        var inQuotes = false
        var fieldStart = true
        while i < count {
            let byte = buf[i]
            if inQuotes {
                if byte == 0x22 {
                    if i + 1 >= count {
                        guard atEnd else { return nil }
                        inQuotes = false
                        i += 1
                        continue
                    }
                    if buf[i + 1] == 0x22 { fieldBytes.append(0x22); i += 2; continue }
                    inQuotes = false
                    i += 1
                    continue
                }
                if byte == 0x0A { newlines += 1 }
                fieldBytes.append(byte)
                i += 1
                continue
            }
            switch byte {
            case 0x22 where fieldStart:
                inQuotes = true
                fieldStart = false
                i += 1
            case delimiter:
                fieldEnds.append(fieldBytes.count)
                fieldStart = true
                i += 1
            case 0x0A, 0x0D:
                var next = i + 1
                if byte == 0x0D {
                    if next >= count, !atEnd { return nil }
                    if next < count, buf[next] == 0x0A { next += 1 }
                }
                fieldEnds.append(fieldBytes.count)
                return (i, next, newlines)
            default:
                fieldBytes.append(byte)
                fieldStart = false
                i += 1
            }
        }
        guard !inQuotes, atEnd else { return nil }
        fieldEnds.append(fieldBytes.count)
        return (count, count, newlines)
    }

    /// At the end of the file inside an open quote: reject the line the record started on and
    /// resume reading after it, so the rows below are not swallowed.
    private func unclosedQuoteRecord() -> Record? {
        let start = position
        var end = start
        while end < buffer.count, buffer[end] != 0x0A, buffer[end] != 0x0D { end += 1 }
        var next = end
        if next < buffer.count, buffer[next] == 0x0D { next += 1 }
        if next < buffer.count, buffer[next] == 0x0A { next += 1 }
        let record = Record(line: line, bytes: [], ends: [], raw: Array(buffer[start..<end]), unclosedQuote: true)
        position = next
        bytesRead += next - start
        line += 1
        return record
    }

    private func fill() throws {
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        let want = max(chunkSize, buffer.count)
        let chunk: Data
        do {
            chunk = try handle.read(upToCount: want) ?? Data()
        } catch {
            throw Failure(.io, "cannot read the file: \(error.localizedDescription)")
        }
        if chunk.isEmpty { atEnd = true } else {
            chunk.withUnsafeBytes { hasher.update($0) }
            buffer.append(contentsOf: chunk)
        }
    }

    /// The SHA-256 (lowercase hex) of every byte of the input, once it has been read to its end.
    public func sha256() throws -> String {
        while !atEnd { try fill() }
        return Checksum.hex(hasher.finalize())
    }

    /// The delimiter that splits the header line into the most fields, outside quotes.
    private func sniffDelimiter() -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09]
        var counts = [0, 0, 0]
        var inQuotes = false
        var i = position
        while i < buffer.count {
            let byte = buffer[i]
            if byte == 0x22 { inQuotes.toggle() }
            else if !inQuotes, byte == 0x0A || byte == 0x0D { break }
            else if !inQuotes, let k = candidates.firstIndex(of: byte) { counts[k] += 1 }
            i += 1
        }
        var best = 0
        for k in 1..<3 where counts[k] > counts[best] { best = k }
        return candidates[best]
    }
}
