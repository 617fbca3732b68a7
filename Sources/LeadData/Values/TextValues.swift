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
            let chosen: Character = text.contains(";") ? ";" : text.contains("|") ? "|" : ","
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
        if let cut = s.firstIndex(where: { "/?#:".contains($0) }) { s = String(s[..<cut]) }
        if s.hasPrefix("www.") { s = String(s.dropFirst(4)) }
        guard s.contains("."), !s.contains(" ") else { return nil }
        return s
    }

    /// A company name reduced for matching: lower case, no punctuation, no legal suffix.
    /// `Acme, Inc.` and `ACME Inc` both give `acme`.
    public static func companyKey(_ text: String) -> String? {
        // ASCII names (most of them) need no Unicode folding.
        let folded = text.utf8.allSatisfy { $0 < 0x80 } ? text.lowercased() : text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var words = folded.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        while words.count > 1, let last = words.last, legalSuffixes.contains(last) { words.removeLast() }
        let key = words.joined(separator: " ")
        return key.isEmpty ? nil : key
    }

    private static let legalSuffixes: Set<String> = [
        "inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "gmbh", "ag", "sa", "sas",
        "sarl", "bv", "nv", "plc", "pty", "srl", "spa", "ab", "as", "oy", "kg", "lp", "llp", "pte", "kk",
    ]
}
