#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LeadData

/// The UTF-8 bytes of one report file, built by appending; every append of a CRM value says
/// which escaping it needs.
///
/// Reports of 50,000 leads are built from millions of small pieces: appending bytes to one
/// growing array, and escaping byte by byte, is several times faster than joining `String`s.
/// Escaping works on bytes safely because every character it replaces is ASCII, and no byte of
/// a multi-byte UTF-8 character is.
///
/// A buffer made with a file descriptor writes its bytes out whenever 256 KiB have gathered, so
/// a big report never sits whole in memory; one made without keeps them all in `bytes`.
///
/// ```swift
/// var out = ReportBuffer()
/// out.append("<td>")
/// out.appendHTML(lead.company ?? "")
/// out.append("</td>")
/// let bytes = out.bytes
/// ```
public struct ReportBuffer: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Where full chunks go, when streaming.
    private let descriptor: Int32?
    /// Why writing to `descriptor` failed, if it did; later writes are skipped.
    public private(set) var failure: String?
    private static let chunk = 1 << 18

    public init(capacity: Int = 1 << 16) {
        descriptor = nil
        bytes.reserveCapacity(capacity)
    }

    /// A buffer that streams to `descriptor` (which the caller opened and closes).
    public init(streamingTo descriptor: Int32) {
        self.descriptor = descriptor
        bytes.reserveCapacity(Self.chunk + (1 << 14))
    }

    /// Text written as is: markup, numbers, and values known to need no escaping.
    public mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        flushIfFull()
    }

    /// Bytes written as they are.
    public mutating func append(bytes more: [UInt8]) {
        bytes.append(contentsOf: more)
        flushIfFull()
    }

    /// Streams a full chunk out; a buffer without a descriptor keeps growing.
    private mutating func flushIfFull() {
        if bytes.count >= Self.chunk, descriptor != nil { flush() }
    }

    /// Writes what has gathered to the descriptor (when streaming); the failure, if any.
    @discardableResult
    public mutating func flush() -> String? {
        guard let descriptor, failure == nil else { return failure }
        if let reason = writeAll(bytes, to: descriptor) { failure = reason }
        bytes.removeAll(keepingCapacity: true)
        return failure
    }

    public mutating func append(_ number: Int) {
        append(String(number))
    }

    /// HTML text and attribute values: `& < > " '` become entities, unsafe characters are made safe.
    public mutating func appendHTML(_ text: String) {
        appendEscaped(text, table: Self.htmlTable)
    }

    /// A Markdown table cell on one line: line breaks become spaces, `< > &` entities, and
    /// Markdown's own characters are backslash-escaped, so a value renders as the text it is.
    /// Unsafe characters (``UnsafeCharacters``) are made safe.
    public mutating func appendMarkdown(_ text: String) {
        appendEscaped(text, table: Self.markdownTable)
    }

    /// A JSON string, quotes included; unsafe characters escaped as `\\uXXXX`, so the value
    /// stays exact and no viewer shows them raw.
    public mutating func appendJSON(_ text: String) {
        JSONText.append(text, to: &bytes, escapingUnsafe: true)
        flushIfFull()
    }

    /// A JSON string, or `null`.
    public mutating func appendJSON(_ text: String?) {
        if let text { appendJSON(text) } else { append("null") }
    }

    /// A CSV cell, always quoted, on one line; a cell a spreadsheet would run as a formula
    /// (starting with `= + - @`, tab or carriage return) gets a leading `'` (OWASP CSV
    /// injection). Unsafe characters, line feeds among them, are made safe.
    public mutating func appendCSV(_ text: String) {
        bytes.append(0x22)
        if let first = text.utf8.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D {
            bytes.append(0x27)
        }
        appendEscaped(text, table: Self.csvTable)
        bytes.append(0x22)
    }

    /// Appends `text` with the output's own replacements (`table`, ASCII only) and every
    /// character of ``UnsafeCharacters`` made safe: a line break or tab a space, anything else
    /// U+FFFD. One pass over the bytes; a value with nothing to replace is copied whole.
    private mutating func appendEscaped(_ text: String, table: [[UInt8]?]) {
        var text = text
        text.withUTF8 { utf8 in
            var clean = 0
            var i = 0
            while i < utf8.count {
                let byte = utf8[i]
                if let replacement = table[Int(byte)] {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<i]))
                    bytes.append(contentsOf: replacement)
                    i += 1
                    clean = i
                } else if UnsafeCharacters.mayStart(byte), let (length, replacement) = UnsafeCharacters.at(utf8, i) {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<i]))
                    bytes.append(contentsOf: replacement == .space ? [0x20] : [0xEF, 0xBF, 0xBD])
                    i += length
                    clean = i
                } else {
                    i += 1
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
        }
        flushIfFull()
    }

    /// A replacement per byte value; nil leaves the byte as it is.
    private static func table(_ replacements: [UInt8: String]) -> [[UInt8]?] {
        (0..<256).map { replacements[UInt8($0)].map { Array($0.utf8) } }
    }

    private static let htmlTable = table([0x26: "&amp;", 0x3C: "&lt;", 0x3E: "&gt;", 0x22: "&quot;", 0x27: "&#39;"])

    private static let markdownTable: [[UInt8]?] = {
        var replacements: [UInt8: String] = [0x3C: "&lt;", 0x3E: "&gt;", 0x26: "&amp;"]
        for byte in "\\`*_[]|#!~".utf8 { replacements[byte] = "\\" + String(UnicodeScalar(byte)) }
        return table(replacements)
    }()

    private static let csvTable = table([0x22: "\"\""])
}

/// Writes all of `bytes` to `descriptor`; the reason on failure.
func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> String? {
    var failure: String?
    bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let n = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno == ENOSPC ? "the disk is full" : String(cString: strerror(errno))
                return
            }
            offset += n
        }
    }
    return failure
}
