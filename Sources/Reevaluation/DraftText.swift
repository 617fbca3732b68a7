import ICP
import LeadData

/// How a drafted ICP is written: YAML whose every name and value is quoted (a column `Seg #1`
/// or `Plan: Tier`, a value with a line feed, stay what they are), and comments that stay on
/// their line.
enum DraftText {
    /// A YAML double-quoted scalar: backslash, quote, every character of ``UnsafeCharacters``
    /// and the byte-order mark escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let v = scalar.value
                if UnsafeCharacters.replacement(v) != nil || v == 0xFEFF {
                    let hex = String(v, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Text for a `#` comment: one line, every character of ``UnsafeCharacters`` a space.
    static func comment(_ text: String) -> String {
        guard UnsafeCharacters.mayContain(text.utf8) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { UnsafeCharacters.replacement($0.value) == nil ? $0 : " " }))
    }

    static func percent(_ v: Double) -> String { Figures.percent(v, digits: 0) }

    /// A group as the draft's comments and warnings name it.
    static func groupName(_ g: ScorecardFeature.Group) -> String {
        switch g {
        case .value(_, let shown): return shown
        case .other: return "any other value"
        case .missing: return "missing"
        case .band(let low, let high):
            if high >= ICPLimits.magnitude { return Figures.number(low) + "+" }
            return Figures.number(low) + "–" + Figures.number(high)
        case .unbanded: return "a range across bands"
        case .has(let v): return "has " + v
        case .hasNot(let v): return "without " + v
        case .present: return "known"
        }
    }

    /// An ICP id from a field name: `attributes.Seg #1` → `seg-1`.
    static func id(_ field: String) -> String {
        let base = field.hasPrefix("attributes.") ? String(field.dropFirst("attributes.".count)) : field
        var out = ""
        for c in base.lowercased() {
            if c.isLetter || c.isNumber { out.append(c) } else if !out.hasSuffix("-") { out.append("-") }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "column" : out
    }
}
