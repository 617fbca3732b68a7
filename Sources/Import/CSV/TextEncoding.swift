import Foundation

/// The character encodings CRM exports come in.
///
/// UTF-8 unless told otherwise or the first 64 KiB are not valid UTF-8; then Windows-1252, a
/// superset of the ISO-8859-1 that Salesforce's Data Export often writes.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"

    /// Reads `--encoding`: `utf-8`, `utf8`, `windows-1252`, `cp1252`, `iso-8859-1`, `latin1`.
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "windows-1252", "cp1252", "iso-8859-1", "iso8859-1", "latin1", "latin-1": self = .windows1252
        default: return nil
        }
    }

    /// UTF-8 when `prefix` is valid UTF-8 (a character cut at its end is forgiven), else Windows-1252.
    public static func detect(prefix: ArraySlice<UInt8>, isPartial: Bool) -> TextEncoding {
        var bytes = prefix
        if isPartial {
            // Drop a multi-byte character the 64 KiB cut in half.
            var back = 0
            while back < 4, let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast(); back += 1 }
            if let last = bytes.last, last >= 0xC0 { bytes.removeLast() }
        }
        return isValidUTF8(bytes) ? .utf8 : .windows1252
    }

    public static func isValidUTF8(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// The text of `bytes`, or nil when they are not valid in this encoding.
    public func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        switch self {
        case .utf8:
            // Fast path: ASCII is valid UTF-8.
            if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
            return String(validating: bytes, as: UTF8.self)
        case .windows1252:
            var scalars = String.UnicodeScalarView()
            for byte in bytes {
                if byte >= 0x80 && byte < 0xA0 {
                    scalars.append(Unicode.Scalar(TextEncoding.windows1252High[Int(byte - 0x80)]) ?? "\u{FFFD}")
                } else {
                    scalars.append(Unicode.Scalar(byte))
                }
            }
            return String(scalars)
        }
    }

    /// Windows-1252's characters for 0x80–0x9F (undefined positions map to themselves, as in Windows).
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
}
