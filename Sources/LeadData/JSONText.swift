import Foundation

/// JSON string and number text, written by hand for speed on the import path.
public enum JSONText {
    /// Appends `s` as a JSON string literal. Escaping works on bytes: every character it
    /// replaces is ASCII, and no byte of a multi-byte UTF-8 character is.
    /// With `escapingUnsafe` (reports, not storage: stored text keeps its bytes, and its
    /// hashes), the non-ASCII characters of ``UnsafeCharacters`` are escaped as `\uXXXX` too.
    public static func append(_ s: String, to out: inout [UInt8], escapingUnsafe: Bool = false) {
        out.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            var clean = 0
            var i = 0
            while i < utf8.count {
                let byte = utf8[i]
                defer { i += 1 }
                if escapingUnsafe, byte == 0xC2 || byte == 0xE2, let (length, _) = UnsafeCharacters.at(utf8, i) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<i]))
                    let scalar = String(decoding: UnsafeBufferPointer(rebasing: utf8[i..<(i + length)]), as: UTF8.self).unicodeScalars.first!.value
                    out.append(contentsOf: [0x5C, 0x75])
                    for shift in [12, 8, 4, 0] { out.append(hexDigits[Int((scalar >> UInt32(shift)) & 0xF)]) }
                    i += length - 1
                    clean = i + 1
                    continue
                }
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C || (escapingUnsafe && byte == 0x7F) else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<i]))
                clean = i + 1
                out.append(0x5C)
                switch byte {
                case 0x22, 0x5C: out.append(byte)
                case 0x0A: out.append(0x6E)
                case 0x0D: out.append(0x72)
                case 0x09: out.append(0x74)
                default:
                    out.append(contentsOf: [0x75, 0x30, 0x30])
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0xF)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
        }
        out.append(0x22)
    }

    public static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    public static func append(_ s: String, to out: inout String) {
        // Most values need no escaping: copy them whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += "\""
            out += s
            out += "\""
            return
        }
        var bytes: [UInt8] = []
        append(s, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// `["a","b"]`.
    public static func appendArray(_ list: [String], to out: inout [UInt8]) {
        out.append(0x5B)
        for (i, item) in list.enumerated() {
            if i > 0 { out.append(0x2C) }
            append(item, to: &out)
        }
        out.append(0x5D)
    }

    /// `{"k":"v",…}` with keys sorted, so equal maps give equal text.
    public static func appendObject(_ map: [String: String], to out: inout [UInt8]) {
        out.append(0x7B)
        for (i, key) in map.keys.sorted().enumerated() {
            if i > 0 { out.append(0x2C) }
            append(key, to: &out)
            out.append(0x3A)
            append(map[key]!, to: &out)
        }
        out.append(0x7D)
    }

    /// `{"key":count,…}` with the keys sorted and escaped: the counts columns (`imports.unreadable`,
    /// `runs.by_reason`, `runs.excluded`, …), whose keys may be export columns or ICP rule ids.
    public static func counts(_ counts: [String: Int]) -> String {
        "{" + counts.keys.sorted().map { quoted($0) + ":" + String(counts[$0]!) }.joined(separator: ",") + "}"
    }

    public static func quoted(_ s: String) -> String {
        var out = ""
        append(s, to: &out)
        return out
    }

    public static func number(_ v: Double) -> String {
        var out: [UInt8] = []
        appendNumber(v, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends a number's JSON text: whole numbers (below 9e15) without a fraction, written digit
    /// by digit, the common case; others as Swift prints them.
    public static func appendNumber(_ v: Double, to out: inout [UInt8]) {
        guard v == v.rounded(), abs(v) < 9e15 else {
            out.append(contentsOf: Array(String(v).utf8))
            return
        }
        var n = Int64(v)
        if n < 0 {
            out.append(0x2D)
            n = -n
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var i = buffer.count
            repeat {
                i -= 1
                buffer[i] = 0x30 + UInt8(n % 10)
                n /= 10
            } while n > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[i...]))
        }
    }


}
