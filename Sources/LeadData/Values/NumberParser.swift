import Foundation

/// Reads employee counts and money the way CRMs write them.
///
/// ```swift
/// NumberParser.employees("10,000+")        // 10000+
/// NumberParser.employees("501 to 1000")    // 501-1000
/// NumberParser.money("€2m")                // 2000000
/// NumberParser.money("1 500 000,00")       // 1500000
/// NumberParser.money("$1M-$5M")            // 1000000-5000000
/// ```
public enum NumberParser {
    /// An employee count or band; nil for anything that is not clearly one. A head count is
    /// never fractional, so a dot or comma followed by exactly three digits groups thousands
    /// (`10.000` and `10,000` are ten thousand, as German and US exports write them), and any
    /// other fraction (`10.5`) is not a head count.
    public static func employees(_ text: String) -> NumberRange? {
        guard let range = range(text, allowSuffixes: true, style: .wholeNumbers), range.isWithin(maximumEmployees) else { return nil }
        guard range.low >= 0, range.low == range.low.rounded(), range.high.map({ $0 == $0.rounded() }) ?? true else { return nil }
        return range
    }

    /// An amount of money or a band of amounts; the currency is dropped (it is in its own column).
    /// `1.500` is refused as ambiguous (1.5 in a US export, 1,500 in a German one): it is kept
    /// as unreadable text and named in the import summary, never guessed.
    /// With the column's decimal mark decided (``DecimalMark/evidence(_:)`` over its values),
    /// `1.500` and `1,500` read by it.
    public static func money(_ text: String, decimalMark: DecimalMark? = nil) -> NumberRange? {
        guard let range = range(text, allowSuffixes: true, style: .money(decimalMark)), range.isWithin(maximumMoney) else { return nil }
        return range
    }

    /// The decimal mark of a column of money: a dot (`1,500.00`, US CRMs) or a comma
    /// (`1.500,00`, German exports).
    public enum DecimalMark: String, Sendable {
        case dot, comma

        /// What one value says of its column's mark: decided (`2.5`, `1,500.00`, `1.234.567`), or
        /// only ambiguous (`1.500`, `1,500`: a lone mark followed by exactly three digits).
        public static func evidence(_ text: String) -> (mark: DecimalMark?, ambiguous: Bool) {
            let marks = text.unicodeScalars.filter { $0 == "." || $0 == "," || ($0 >= "0" && $0 <= "9") }
            let commas = marks.filter { $0 == "," }.count, dots = marks.filter { $0 == "." }.count
            if commas > 0 && dots > 0 { return (marks.lastIndex(of: ",")! > marks.lastIndex(of: ".")! ? .comma : .dot, false) }
            guard commas + dots > 0 else { return (nil, false) }
            if commas > 1 { return (.dot, false) }
            if dots > 1 { return (.comma, false) }
            let mark: Unicode.Scalar = commas == 1 ? "," : "."
            let after = marks.distance(from: marks.lastIndex(of: mark)!, to: marks.endIndex) - 1
            if after == 3 { return (nil, true) }
            return (commas == 1 ? .comma : .dot, false)
        }
    }

    /// How a lone separator followed by exactly three digits (`1.500`, `1,500`) reads.
    enum Style: Equatable {
        /// Head counts: it groups thousands, whichever the mark.
        case wholeNumbers
        /// Money: by the column's decimal mark; undecided, a comma groups thousands (`1,500`) and a
        /// dot is ambiguous and refused.
        case money(DecimalMark?)
    }

    /// Whether `text` is digits with one dot followed by exactly three digits (`10.000`).
    static func dotThenThreeDigits(_ text: Substring.UTF8View) -> Bool {
        guard let dot = text.firstIndex(of: 0x2E), dot != text.startIndex else { return false }
        let after = text[text.index(after: dot)...]
        return after.count == 3 && after.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && text[..<dot].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The largest employee count read as one: a billion people (the largest employers have a few
    /// million). Anything beyond is a typo or a spreadsheet's artefact, kept as unreadable.
    public static let maximumEmployees = 1e9
    /// The largest amount read as one: a quadrillion. Beyond it a Double no longer holds every
    /// whole number, and no company's revenue comes near.
    public static let maximumMoney = 1e15

    /// `A-B`, `A to B`, `A – B`, `A+`, `>A`, or a single number, each side with optional
    /// currency, thousands separators and K/M/B suffixes.
    static func range(_ raw: String, allowSuffixes: Bool, style: Style) -> NumberRange? {
        var text = raw.trimmed
        guard !Placeholder.isEmpty(text) else { return nil }
        // Fast path: a plain number, as most exports write it.
        if text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }), !dotThenThreeDigits(text[...].utf8), let value = Double(text) {
            return NumberRange(value)
        }
        // Fast path: a band of two plain numbers, `51-200`.
        if let dash = text.utf8.firstIndex(of: 0x2D), dash != text.utf8.startIndex,
           text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }),
           let low = Double(String(text[..<dash])), let high = Double(String(text[text.utf8.index(after: dash)...])) {
            return low <= high ? NumberRange(low: low, high: high) : nil
        }
        // HubSpot-style enumerated bands: "3. $20,001 - $30K".
        let bytes = Array(text.utf8.prefix(4))
        if let dot = bytes.firstIndex(of: 0x2E), (1...2).contains(dot), bytes[..<dot].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
           dot + 1 < bytes.count, bytes[dot + 1] == 0x20 {
            text = String(text.dropFirst(dot + 1)).trimmed
        }
        var openEnded = false
        if text.hasSuffix("+") { openEnded = true; text.removeLast() }
        for prefix in [">=", ">", "over ", "more than "] where text.lowercased().hasPrefix(prefix) {
            openEnded = true
            text = String(text.dropFirst(prefix.count))
        }
        var parts: [String] = []
        for separator in [" to ", " - ", " – ", " — ", "–", "—"] where text.containsText(separator) {
            parts = text.components(separatedBy: separator)
            break
        }
        if parts.isEmpty {
            // A hyphen between two numbers ("51-200", "$1M-$5M") but not a leading minus sign.
            if let dash = text.dropFirst().firstIndex(of: "-") {
                parts = [String(text[..<dash]), String(text[text.index(after: dash)...])]
            } else {
                parts = [text]
            }
        }
        guard parts.count <= 2 else { return nil }
        let values = parts.compactMap { amount($0, allowSuffixes: allowSuffixes, style: style) }
        guard values.count == parts.count else { return nil }
        if values.count == 2 {
            var (low, high) = (values[0], values[1])
            // "$1-5M": the upper bound's suffix applies to a bare lower bound.
            let suffixes = "kKmMbB"
            if !parts[0].contains(where: { suffixes.contains($0) }), let bare = amount(parts[1].filter { !suffixes.contains($0) }, allowSuffixes: false, style: style), bare > 0, high / bare > 1, low <= bare {
                low *= high / bare
            }
            guard low <= high else { return nil }
            return NumberRange(low: low, high: high)
        }
        return openEnded ? NumberRange(low: values[0], high: nil) : NumberRange(values[0])
    }

    /// One amount: `$1,500,000`, `USD 2,000,000`, `1.5M`, `€2m`, `1 500 000,00`, `342.09K`.
    static func amount(_ raw: String, allowSuffixes: Bool, style: Style) -> Double? {
        var text = raw.trimmed.lowercased()
        for code in ["usd", "eur", "gbp", "chf", "cad", "aud", "inr", "jpy", "us$", "ca$", "a$"] where text.hasPrefix(code) || text.hasSuffix(code) {
            text = text.hasPrefix(code) ? String(text.dropFirst(code.count)) : String(text.dropLast(code.count))
        }
        text = text.filter { !"$€£¥₹ \u{00A0}\u{202F}'".contains($0) }
        var multiplier = 1.0
        if allowSuffixes, let last = text.last {
            switch last {
            case "k": multiplier = 1e3
            case "m": multiplier = 1e6
            case "b": multiplier = 1e9
            default: break
            }
            if multiplier != 1 { text.removeLast() }
            if text.hasSuffix("mm") { text.removeLast(2); multiplier = 1e6 }
            if text.hasSuffix("bn") { text.removeLast(2); multiplier = 1e9 }
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "," || $0 == "." || $0 == "-") }) else { return nil }
        let commas = text.filter { $0 == "," }.count
        let dots = text.filter { $0 == "." }.count
        if commas > 0 && dots > 0 {
            // The later one is the decimal mark: "1,500,000.00" or "1.500.000,00".
            if text.lastIndex(of: ",")! > text.lastIndex(of: ".")! {
                text = text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
            } else {
                text = text.replacingOccurrences(of: ",", with: "")
            }
        } else if commas > 0 {
            // "1,200" and "1,500,000" group thousands; "1500000,00" or "2,5" is a decimal comma.
            let afterLast = text.distance(from: text.lastIndex(of: ",")!, to: text.endIndex) - 1
            let decimal = commas == 1 && (afterLast != 3 || style == .money(.comma))
            text = decimal ? text.replacingOccurrences(of: ",", with: ".") : text.replacingOccurrences(of: ",", with: "")
        } else if dots > 1 {
            text = text.replacingOccurrences(of: ".", with: "")
        } else if dots == 1, multiplier == 1, dotThenThreeDigits(text[...].utf8) {
            // `10.000`: thousands in a head count; in money 1.5 or 1,500 by the column's mark
            // (with a suffix, `1.500M`, the dot is a decimal mark).
            switch style {
            case .wholeNumbers, .money(.comma): text = text.replacingOccurrences(of: ".", with: "")
            case .money(.dot): break
            case .money(nil): return nil
            }
        }
        guard let value = Double(text), value.isFinite else { return nil }
        return value * multiplier
    }
}
