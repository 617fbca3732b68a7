import Foundation

/// Escaping of CRM values for each output format: nothing a CRM user typed can become markup,
/// a formula, or a broken table.
public enum Escaping {
    /// HTML text and attribute values: `& < > " '`.
    public static func html(_ text: String) -> String {
        // Most values have nothing to escape.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A Markdown table cell: one line, and Markdown and HTML characters backslash-escaped or
    /// written as entities, so a value renders as the text it is.
    public static func markdown(_ text: String) -> String {
        guard text.utf8.contains(where: { markdownSpecial.contains($0) }) else { return text }
        var out = ""
        for ch in text.unicodeScalars {
            switch ch {
            case "\n", "\r", "\t": out += " "
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "#", "!", "~": out += "\\" + String(ch)
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    private static let markdownSpecial: Set<UInt8> = Set("\n\r\t<>&\\`*_[]|#!~".utf8)

    /// A CSV cell, always quoted; a cell a spreadsheet would run as a formula (starting with
    /// `= + - @`, tab or carriage return) gets a leading `'` (OWASP CSV injection).
    public static func csv(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            value = "'" + value
        }
        guard value.utf8.contains(0x22) else { return "\"" + value + "\"" }
        var out = "\""
        for ch in value.unicodeScalars {
            if ch == "\"" { out += "\"\"" } else { out.unicodeScalars.append(ch) }
        }
        return out + "\""
    }
}
