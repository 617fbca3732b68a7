/// Reads the dates CRMs write: ISO 8601 with or without time and zone (`2024-03-05`,
/// `2024-03-05 14:02`, Salesforce's `2024-03-05T14:02:11.000+0000`), `03/05/2024`,
/// `05.03.2024`, Zoho's `15 Apr, 2021 00:02:00`, `Apr 15, 2021 3:04 PM`, and the partial dates
/// of the command line (`2023`, `2023-01`). Times with a zone are converted to UTC; times without
/// one are taken as UTC, as Salesforce's Data Export means them.
///
/// ```swift
/// DateParser().parse("15 Apr, 2021 00:02:00")?.iso   // "2021-04-15T00:02:00Z"
/// DateParser(order: .dayMonthYear).parse("03/05/2024")?.iso  // "2024-05-03"
/// ```
public struct DateParser: Sendable {
    /// Which way a date of three numbers is read when the year does not come first.
    public enum Order: String, Sendable, CaseIterable {
        case monthDayYear = "MDY"
        case dayMonthYear = "DMY"
        case yearMonthDay = "YMD"
        /// Excel's serial day numbers (`45292` is 2024-01-01), read only where a mapping says
        /// `date_format: EXCEL`: anywhere else a plain number is not a date.
        case excelSerial = "EXCEL"

        /// The order a mapping's `date_format` gives: one of `supportedFormats`, optionally
        /// followed by a time (`HH:MM`, `HH:MM:SS`, `hh:mm AM`); nil for anything else.
        public init?(format: String) {
            var upper = format.uppercased().trimmed
            if upper == "EXCEL" { self = .excelSerial; return }
            for time in Self.timeSuffixes where upper.hasSuffix(time) {
                upper = upper.dropLast(time.count).trimmed
                if upper.hasSuffix("T") { upper.removeLast() }
                break
            }
            switch upper {
            case "MM/DD/YYYY", "MM/DD/YY", "MM-DD-YYYY", "M/D/YYYY", "M/D/YY", "MMM DD, YYYY", "MMM D, YYYY": self = .monthDayYear
            case "DD/MM/YYYY", "DD/MM/YY", "DD-MM-YYYY", "DD-MM-YY", "DD.MM.YYYY", "DD.MM.YY", "D/M/YYYY", "D.M.YYYY",
                 "DD MMM YYYY", "DD MMM, YYYY", "DD-MMM-YYYY", "DD-MMM-YY": self = .dayMonthYear
            case "YYYY-MM-DD", "YYYY/MM/DD", "YYYYMMDD", "YYYY.MM.DD": self = .yearMonthDay
            default: return nil
            }
        }

        /// The `date_format` values a mapping may name (each may end with a time).
        public static let supportedFormats = ["YYYY-MM-DD", "YYYYMMDD", "YYYY/MM/DD", "MM/DD/YYYY", "MM/DD/YY", "DD/MM/YYYY",
                                              "DD/MM/YY", "DD-MM-YYYY", "DD.MM.YYYY", "DD.MM.YY", "DD MMM YYYY", "DD MMM, YYYY",
                                              "MMM DD, YYYY", "EXCEL"]
        static let timeSuffixes = ["HH:MM:SS.SSS", "HH:MM:SS", "HH:MM", "HH:MM:SS AM", "HH:MM AM", "H:MM AM", "H:MM:SS AM",
                                   "HH:MM:SS A", "HH:MM A", "H:MM A", "H:MM"].sorted { $0.count > $1.count }
    }

    /// The order for slash dates; dotted dates are always day first (`05.03.2024`).
    public var order: Order?

    public init(order: Order? = nil) {
        self.order = order
    }

    private enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case separator(UInt8)
    }

    /// The moment `text` names, or nil when it is not a date this parser can read for sure.
    public func parse(_ text: some StringProtocol) -> Timestamp? {
        var string = String(text)
        if let stamp = string.withUTF8({ Self.parseISO($0) }) { return stamp }
        if order == .excelSerial { return Self.excelSerial(string) }
        let tokens = tokenize(text.utf8)
        guard !tokens.isEmpty, let (dateParts, separator, index) = Self.dateTokens(tokens),
              let (year, month, day, dateOnlyPrecision) = resolveDate(dateParts, separator: separator),
              CivilDate.isValid(year: year, month: month, day: day),
              let time = Self.time(tokens[index...]) else { return nil }
        let stamp = Timestamp(year: year, month: month, day: day, hour: time.hour, minute: time.minute, second: min(time.second, 59),
                              isDateOnly: !time.given && dateOnlyPrecision)
        return Timestamp(seconds: stamp.seconds - Int64(time.offset), isDateOnly: stamp.isDateOnly)
    }

    /// The date part: numbers and month names until a time (a number followed by `:`) begins,
    /// the first separator between them, and where the rest begins; nil for a word that is no
    /// month or weekday.
    private static func dateTokens(_ tokens: [Token]) -> ([Token], UInt8?, Int)? {
        var dateParts: [Token] = []
        var firstSeparator: UInt8?
        var index = 0
        while index < tokens.count, dateParts.count < 3 {
            let token = tokens[index]
            if case .number = token, index + 1 < tokens.count, tokens[index + 1] == .separator(UInt8(ascii: ":")) {
                break
            }
            switch token {
            case .number: dateParts.append(token)
            case .word(let word):
                if month(word) != nil { dateParts.append(token) }
                else if word == "t" && dateParts.count == 3 { break }
                else if !weekdays.contains(word) { return nil }
            case .separator(let byte):
                if firstSeparator == nil, !dateParts.isEmpty, byte != UInt8(ascii: " "), byte != UInt8(ascii: ",") {
                    firstSeparator = byte
                }
            }
            index += 1
        }
        return (dateParts, firstSeparator, index)
    }

    /// The time part, `H:MM[:SS[.fff]] [AM|PM] [Z|UTC|GMT|±HH[:]MM]`, or none (midnight UTC,
    /// `given` false); nil for anything else after the date.
    private static func time(_ tokens: ArraySlice<Token>) -> (hour: Int, minute: Int, second: Int, offset: Int, given: Bool)? {
        var hour = 0, minute = 0, second = 0, offsetSeconds = 0
        var hasTime = false
        var rest = tokens.filter {
            if case .separator(let b) = $0 { return b != UInt8(ascii: " ") && b != UInt8(ascii: ",") }
            if case .word("t") = $0 { return false }
            return true
        }
        if case .number(let h, _)? = rest.first, rest.count >= 3, rest[1] == .separator(UInt8(ascii: ":")), case .number(let m, _) = rest[2] {
            hour = h; minute = m; hasTime = true
            rest.removeFirst(3)
            if rest.count >= 2, rest[0] == .separator(UInt8(ascii: ":")), case .number(let s, _) = rest[1] {
                second = s
                rest.removeFirst(2)
                if rest.count >= 2, rest[0] == .separator(UInt8(ascii: ".")), case .number = rest[1] { rest.removeFirst(2) }
            }
            if case .word(let w)? = rest.first, w == "am" || w == "pm" {
                guard (1...12).contains(hour) else { return nil }
                if w == "am" && hour == 12 { hour = 0 }
                if w == "pm" && hour != 12 { hour += 12 }
                rest.removeFirst()
            }
        }
        if let zone = rest.first {
            switch zone {
            case .word(let w) where w == "z" || w == "utc" || w == "gmt":
                rest.removeFirst()
                if let (offset, used) = Self.offset(rest) { offsetSeconds = offset; rest.removeFirst(used) }
            case .separator(let b) where b == UInt8(ascii: "+") || b == UInt8(ascii: "-"):
                guard let (offset, used) = Self.offset(rest) else { return nil }
                offsetSeconds = offset
                rest.removeFirst(used)
            default: return nil
            }
        }
        guard rest.isEmpty, hour < 24, minute < 60, second < 61 else { return nil }
        return (hour, minute, second, offsetSeconds, hasTime)
    }

    private func resolveDate(_ parts: [Token], separator: UInt8?) -> (Int, Int, Int, Bool)? {
        var numbers: [(value: Int, digits: Int)] = []
        var monthName: Int?
        for part in parts {
            switch part {
            case .number(let v, let d): numbers.append((v, d))
            case .word(let w): guard monthName == nil else { return nil }; monthName = DateParser.month(w)
            default: break
            }
        }
        if let month = monthName {
            // `15 Apr, 2021`, `Apr 15 2021`, `15-Apr-21`.
            guard numbers.count == 2 else { return nil }
            let (a, b) = (numbers[0], numbers[1])
            if a.digits == 4 { return (a.value, month, b.value, true) }
            return (DateParser.fullYear(b), month, a.value, true)
        }
        switch numbers.count {
        case 1 where numbers[0].digits == 8:
            // ISO 8601's basic form, `20210105`.
            let v = numbers[0].value
            return (v / 10_000, v / 100 % 100, v % 100, true)
        case 1 where numbers[0].digits == 4:
            return (numbers[0].value, 1, 1, true)
        case 2 where numbers[0].digits == 4:
            return (numbers[0].value, numbers[1].value, 1, true)
        case 3:
            let (a, b, c) = (numbers[0], numbers[1], numbers[2])
            if a.digits == 4 { return (a.value, b.value, c.value, true) }
            guard c.digits == 4 || c.digits == 2 else { return nil }
            let year = DateParser.fullYear(c)
            if separator == UInt8(ascii: ".") { return (year, b.value, a.value, true) }
            switch order {
            case .dayMonthYear?: return (year, b.value, a.value, true)
            case .monthDayYear?, .yearMonthDay?, .excelSerial?: return (year, a.value, b.value, true)
            case nil:
                // Month first, as US CRMs write, unless the first number cannot be a month.
                if a.value > 12 { return (year, b.value, a.value, true) }
                if separator == UInt8(ascii: "-") { return (year, b.value, a.value, true) }
                return (year, a.value, b.value, true)
            }
        default:
            return nil
        }
    }

    /// An Excel serial date: days since 1899-12-30 (Excel's 1900 leap-year bug included), with an
    /// optional fraction of a day for the time; 1 (1899-12-31) to 2958465 (9999-12-31).
    static func excelSerial(_ text: String) -> Timestamp? {
        let trimmed = text.trimmed
        guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }),
              let value = Double(trimmed), value >= 1, value < 2_958_466 else { return nil }
        let days = value.rounded(.down)
        let seconds = ((value - days) * 86_400).rounded()
        let epoch = Timestamp(year: 1899, month: 12, day: 30, isDateOnly: true)
        let whole = epoch.adding(days: Int(days))
        guard seconds > 0 else { return whole }
        return Timestamp(seconds: whole.seconds + Int64(min(seconds, 86_399)), isDateOnly: false)
    }

    private static func fullYear(_ n: (value: Int, digits: Int)) -> Int {
        n.digits == 2 ? (n.value < 70 ? 2000 + n.value : 1900 + n.value) : n.value
    }

    private static func offset(_ tokens: [Token]) -> (Int, Int)? {
        guard tokens.count >= 2, case .separator(let sign) = tokens[0], sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
              case .number(let first, let digits) = tokens[1] else { return nil }
        var hours = first, minutes = 0, used = 2
        if digits == 4 { hours = first / 100; minutes = first % 100 }
        else if tokens.count >= 4, tokens[2] == .separator(UInt8(ascii: ":")), case .number(let m, _) = tokens[3] { minutes = m; used = 4 }
        guard hours <= 14, minutes < 60 else { return nil }
        let total = hours * 3600 + minutes * 60
        return (sign == UInt8(ascii: "-") ? -total : total, used)
    }

    private func tokenize(_ bytes: some Sequence<UInt8>) -> [Token] {
        var tokens: [Token] = []
        var number = 0, digits = 0
        var word: [UInt8] = []
        func flush() {
            if digits > 0 { tokens.append(.number(number, digits: digits)); number = 0; digits = 0 }
            if !word.isEmpty { tokens.append(.word(String(decoding: word, as: UTF8.self))); word.removeAll() }
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if !word.isEmpty { flush() }
                guard digits < 9 else { return [] }
                number = number * 10 + Int(byte - UInt8(ascii: "0")); digits += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if digits > 0 { flush() }
                word.append(byte | 0x20)
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                flush()
                if tokens.last != .separator(UInt8(ascii: " ")), !tokens.isEmpty { tokens.append(.separator(UInt8(ascii: " "))) }
            case UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "+"), UInt8(ascii: ","):
                flush(); tokens.append(.separator(byte))
            default:
                return []
            }
        }
        flush()
        while tokens.last == .separator(UInt8(ascii: " ")) { tokens.removeLast() }
        return tokens
    }

    private static let weekdays: Set<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday",
                                                "wednesday", "thursday", "friday", "saturday", "sunday"]

    private static func month(_ word: String) -> Int? {
        switch word {
        case "jan", "january": return 1
        case "feb", "february": return 2
        case "mar", "march": return 3
        case "apr", "april": return 4
        case "may": return 5
        case "jun", "june": return 6
        case "jul", "july": return 7
        case "aug", "august": return 8
        case "sep", "sept", "september": return 9
        case "oct", "october": return 10
        case "nov", "november": return 11
        case "dec", "december": return 12
        default: return nil
        }
    }
}
