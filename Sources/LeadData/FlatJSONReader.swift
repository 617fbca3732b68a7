/// Reads the flat JSON this program writes into its `technologies`, `attributes` and
/// `unreadable` columns, straight from UTF-8 bytes: one object of strings, numbers and arrays of
/// strings. A run decodes two states per candidate; Foundation's `JSONSerialization` was a
/// quarter of the run's time on Linux. Text outside that shape reads as false: reeval wrote it,
/// so it is a damaged column, and the caller reads it as empty.
///
/// ```swift
/// var reader = FlatJSONReader(#"{"Segment":"Mid","Seats":"40"}"#)
/// _ = reader.read { key, value in print(key, value) }
/// ```
public struct FlatJSONReader {
    public enum Value: Sendable, Equatable {
        case string(String)
        case number(Double)
        case strings([String])
        case object([String: String])
        case null
    }

    private let bytes: [UInt8]
    private var i = 0

    public init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// Hands each member of the top-level object to `visit`, in order, without building a
    /// dictionary; false if the text is not in the expected shape (members seen so far were
    /// already handed over).
    public mutating func read(_ visit: (String, Value) -> Void) -> Bool {
        guard object(visit) else { return false }
        skipSpaces()
        return i == bytes.count
    }

    /// Reads one flat object, handing each member to `visit` in order; false if it is not one.
    private mutating func object(_ visit: (String, Value) -> Void) -> Bool {
        guard take(0x7B) else { return false }
        if take(0x7D) { return true }
        repeat {
            guard let key = string(), take(0x3A) else { return false }
            skipSpaces()
            guard i < bytes.count else { return false }
            switch bytes[i] {
            case 0x22:
                guard let s = string() else { return false }
                visit(key, .string(s))
            case 0x5B:
                i += 1
                var items: [String] = []
                if !take(0x5D) {
                    repeat {
                        guard let s = string() else { return false }
                        items.append(s)
                    } while take(0x2C)
                    guard take(0x5D) else { return false }
                }
                visit(key, .strings(items))
            case 0x7B:
                i += 1
                var members: [String: String] = [:]
                if !take(0x7D) {
                    repeat {
                        guard let k = string(), take(0x3A), let v = string() else { return false }
                        members[k] = v
                    } while take(0x2C)
                    guard take(0x7D) else { return false }
                }
                visit(key, .object(members))
            case 0x6E:
                guard i + 4 <= bytes.count, bytes[i + 1] == 0x75, bytes[i + 2] == 0x6C, bytes[i + 3] == 0x6C else { return false }
                i += 4
                visit(key, .null)
            default:
                guard let n = number() else { return false }
                visit(key, .number(n))
            }
        } while take(0x2C)
        return take(0x7D)
    }

    private mutating func skipSpaces() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        skipSpaces()
        guard i < bytes.count, bytes[i] == byte else { return false }
        i += 1
        return true
    }

    private mutating func number() -> Double? {
        let start = i
        while i < bytes.count, (bytes[i] >= 0x30 && bytes[i] <= 0x39) || bytes[i] == 0x2D || bytes[i] == 0x2B || bytes[i] == 0x2E
            || bytes[i] == 0x65 || bytes[i] == 0x45 { i += 1 }
        return Double(String(decoding: bytes[start..<i], as: UTF8.self))
    }

    private mutating func string() -> String? {
        guard take(0x22) else { return nil }
        let start = i
        // Fast path: no escapes.
        while i < bytes.count, bytes[i] != 0x22, bytes[i] != 0x5C { i += 1 }
        guard i < bytes.count else { return nil }
        if bytes[i] == 0x22 {
            defer { i += 1 }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
        var out = Array(bytes[start..<i])
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x22 { i += 1; return String(decoding: out, as: UTF8.self) }
            guard b == 0x5C else { out.append(b); i += 1; continue }
            guard i + 1 < bytes.count else { return nil }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case 0x22, 0x5C, 0x2F: out.append(e)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x75:
                guard var code = hex4() else { return nil }
                if (0xD800...0xDBFF).contains(code), i + 1 < bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 {
                    i += 2
                    guard let low = hex4() else { return nil }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { return nil }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: return nil
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else { return nil }
        i += 4
        return v
    }
}
