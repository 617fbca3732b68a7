/// The characters no CRM value may carry raw into anything reeval shows: the one definition that
/// every output's sanitiser (terminal, Markdown, HTML, CSV, the reports' JSON) applies.
///
/// - C0 controls and DEL: an escape sequence (`ESC [2J`) clears a terminal or retitles it, BEL rings.
/// - C1 controls (U+0080–U+009F), NEXT LINE (U+0085) among them.
/// - Line breaks inside a value: LF, CR, VT, FF, U+0085, LINE and PARAGRAPH SEPARATOR
///   (U+2028, U+2029): a value that breaks its line forges lines in a preview, a summary or a CSV.
/// - The bidirectional overrides and isolates U+202A–U+202E and U+2066–U+2069: a company
///   `RTL<U+202E>evil.exe<U+202C> Corp` shows as `RTLexe.live Corp`.
///
/// A line break becomes a space, a tab a space, anything else U+FFFD (visibly something was
/// there); JSON keeps the value exact by escaping them as `\uXXXX`.
public enum UnsafeCharacters {
    public enum Replacement: Equatable {
        case space, replacementCharacter
    }

    /// What `scalar` becomes in an output, or nil when it is safe.
    @inline(__always)
    public static func replacement(_ v: UInt32) -> Replacement? {
        if v >= 0x20 && v < 0x7F { return nil }
        switch v {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return .space
        case 0..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return .replacementCharacter
        default: return nil
        }
    }

    /// Whether an unsafe character may start at this UTF-8 byte: any byte below 0x20, DEL, or the
    /// lead byte of C1 (0xC2) or of the U+20xx separators and bidi controls (0xE2). Most values
    /// have none of these, and are written as they are.
    @inlinable
    public static func mayStart(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2
    }

    /// Whether the UTF-8 bytes may hold an unsafe character (``mayStart(_:)`` of any of them).
    @inlinable
    public static func mayContain(_ utf8: some Sequence<UInt8>) -> Bool {
        utf8.contains(where: mayStart)
    }

    /// `text` safe for one line of any output: line breaks and tabs as spaces, every other
    /// unsafe character as U+FFFD.
    public static func oneLine(_ text: String) -> String {
        guard mayContain(text.utf8) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch replacement(scalar.value) {
            case nil: out.append(scalar)
            case .space?: out.append(" ")
            case .replacementCharacter?: out.append("\u{FFFD}")
            }
        }
        return String(out)
    }

    /// The length of the unsafe character starting at `bytes[i]` (a valid UTF-8 sequence), and
    /// what it becomes; nil when the character there is safe.
    @inline(__always)
    public static func at(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (length: Int, Replacement)? {
        let b = bytes[i]
        if b < 0x80 { return replacement(UInt32(b)).map { (1, $0) } }
        if b == 0xC2, i + 1 < bytes.count {
            let v = UInt32(bytes[i + 1] & 0x3F) | 0x80
            return replacement(v).map { (2, $0) }
        }
        if b == 0xE2, i + 2 < bytes.count {
            let v = 0x2000 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            return replacement(v).map { (3, $0) }
        }
        return nil
    }
}
