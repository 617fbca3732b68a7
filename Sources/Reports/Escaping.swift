import LeadData

/// Escaping of CRM values as `String`s, for the short pieces of markup (headings, charts)
/// that are built by interpolation; bulk rows use ``ReportBuffer``'s escaping appends.
public enum Escaping {
    /// HTML text and attribute values: `& < > " '`, and the characters of ``UnsafeCharacters``.
    public static func html(_ text: String) -> String {
        // Most values have nothing to escape; the check covers what `appendHTML` replaces.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
                || UnsafeCharacters.mayContain(text.utf8) else { return text }
        var out = ReportBuffer(capacity: text.utf8.count + 16)
        out.appendHTML(text)
        return String(decoding: out.bytes, as: UTF8.self)
    }
}
