import Foundation

/// Small readers for booleans, lists, domains and company names.
public enum TextValues {
    /// `1`/`0`, `true`/`false`, `yes`/`no`, `y`/`n`, `x`, `checked`; nil for anything else.
    public static func boolean(_ text: String) -> Bool? {
        switch text.trimmed.lowercased() {
        case "1", "true", "t", "yes", "y", "x", "checked", "on", "wahr", "oui", "ja", "si", "sí": return true
        case "0", "false", "f", "no", "n", "unchecked", "off", "falsch", "non", "nein": return false
        default: return nil
        }
    }

    /// A list split on `;` (HubSpot, Salesforce multi-picklists), `|`, or `,`, trimmed, blanks dropped.
    /// `separator` forces one (a mapping's `list_separator`).
    public static func list(_ text: String, separator: String? = nil) -> [String] {
        let parts: [String]
        if let separator, !separator.isEmpty {
            parts = text.components(separatedBy: separator)
        } else {
            let chosen: Character = text.utf8.contains(0x3B) ? ";" : text.utf8.contains(0x7C) ? "|" : ","
            parts = text.split(separator: chosen, omittingEmptySubsequences: false).map(String.init)
        }
        return parts.map { $0.trimmed }.filter { !$0.isEmpty && !Placeholder.isEmpty($0) }
    }

    /// The bare host of a website or e-mail: `https://www.Acme.com/about` → `acme.com`.
    public static func domain(_ text: String) -> String? {
        var s = text.trimmed.lowercased()
        guard !s.isEmpty, !Placeholder.isEmpty(s) else { return nil }
        if let at = s.lastIndex(of: "@") { s = String(s[s.index(after: at)...]) }
        for scheme in ["https://", "http://", "//"] where s.hasPrefix(scheme) { s = String(s.dropFirst(scheme.count)) }
        if let cut = s.utf8.firstIndex(where: { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 || $0 == 0x3A }) { s = String(s[..<cut]) }
        if s.hasPrefix("www.") { s = String(s.dropFirst(4)) }
        guard s.utf8.contains(0x2E), !s.utf8.contains(0x20) else { return nil }
        return s
    }

    /// A company name reduced for matching: lower case, no punctuation, no legal suffix.
    /// `Acme, Inc.` and `ACME Inc` both give `acme`.
    public static func companyKey(_ text: String) -> String? {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiCompanyKey(text) }
        // ASCII names (most of them) need no Unicode folding.
        let folded = text.utf8.allSatisfy { $0 < 0x80 } ? text.lowercased() : text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var words = folded.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        while words.count > 1, let last = words.last, legalSuffixes.contains(last) { words.removeLast() }
        let key = words.joined(separator: " ")
        return key.isEmpty ? nil : key
    }

    /// ``companyKey(_:)`` for ASCII text, on bytes: it runs for every imported row.
    private static func asciiCompanyKey(_ text: String) -> String? {
        var words: [[UInt8]] = []
        var word: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte | 0x20)
            default:
                if !word.isEmpty { words.append(word); word.removeAll(keepingCapacity: true) }
            }
        }
        if !word.isEmpty { words.append(word) }
        while words.count > 1, let last = words.last, legalSuffixes.contains(String(decoding: last, as: UTF8.self)) { words.removeLast() }
        guard !words.isEmpty else { return nil }
        var key: [UInt8] = []
        for (i, w) in words.enumerated() {
            if i > 0 { key.append(0x20) }
            key.append(contentsOf: w)
        }
        return String(decoding: key, as: UTF8.self)
    }

    private static let legalSuffixes: Set<String> = [
        "inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "gmbh", "ag", "sa", "sas",
        "sarl", "bv", "nv", "plc", "pty", "srl", "spa", "ab", "as", "oy", "kg", "lp", "llp", "pte", "kk",
    ]
}
