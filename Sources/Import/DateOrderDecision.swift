import LeadData

/// Which order a date column writes `01/02/2025` in, decided once for the whole column and
/// never by row: from its values that only one order can read (`31/12/2025` is day first,
/// `12/31/2025` month first), else from the CRM's default order (the summary says so), else
/// refused. A mapping's `date_format` decides without looking.
///
/// The rows are read value by value meanwhile (a first number above 12 is a day, else a month),
/// which is already right for a month-first column and for one whose every value decides; a
/// day-first column holding ambiguous values is read again with its order (`Importer`).
enum DateEvidence {
    /// Looks at one row's date columns: `.first` is day first, `.second` month first.
    static func observe(_ record: CSVReader.Record, columns: [Int], encoding: TextEncoding, into evidence: inout ColumnEvidence) {
        for column in columns {
            let bytes = record.field(column)
            guard bytes.contains(UInt8(ascii: "/")), let (a, b) = Self.dayAndMonth(bytes) else { continue }
            func text() -> String { encoding.decode(bytes) ?? "" }
            if a > 12, b <= 12 {
                evidence.observe(.first, column: column, line: record.line, text: text)
            } else if b > 12, a <= 12 {
                evidence.observe(.second, column: column, line: record.line, text: text)
            } else if a <= 12, b <= 12, a != b {
                evidence.observe(nil, column: column, line: record.line, text: text)
            }
        }
    }

    /// The first two numbers of `N/N/YYYY` (or `N/N/YY`, with a time after it); nil otherwise.
    static func dayAndMonth(_ bytes: ArraySlice<UInt8>) -> (Int, Int)? {
        var numbers: [Int] = [], current = -1, digits = 0
        for byte in bytes {
            if byte >= 0x30 && byte <= 0x39 {
                current = (current < 0 ? 0 : current) &* 10 &+ Int(byte - 0x30)
                digits += 1
                guard digits <= 4 else { return nil }
            } else if byte == UInt8(ascii: "/") {
                guard current >= 0, digits <= 2, numbers.count < 2 else { return nil }
                numbers.append(current); current = -1; digits = 0
            } else if byte == 0x20 || byte == UInt8(ascii: "T") {
                break
            } else if !(byte == 0x09 && numbers.isEmpty && current < 0) {
                return nil
            }
        }
        guard numbers.count == 2, current >= 0, digits == 2 || digits == 4 else { return nil }
        return (numbers[0], numbers[1])
    }
}

enum DateOrderDecision {
    /// What the evidence decides: the columns to read again day first (by header), and the notes
    /// for the summary; throws for a column in both orders, or one no value decides.
    static func decide(_ evidence: ColumnEvidence, plan: ColumnPlan, file: String)
        throws -> (reread: [String: DateParser.Order], notes: [String]) {
        var reread: [String: DateParser.Order] = [:], notes: [String] = []
        for column in plan.undecidedDateColumns {
            let name = plan.headers[column]
            switch evidence.verdict(column) {
            case let .both(day, month):
                throw ImportFailure.datesInBothOrders(file: file, column: name, dayFirst: day.shown, monthFirst: month.shown)
            case .decided(.first, reread: true): reread[name] = .dayMonthYear
            case .decided: break
            case .undecided(nil): break
            case .undecided(let example?):
                guard let order = plan.preset.defaultDateOrder else {
                    throw ImportFailure.datesUndecided(file: file, column: name, example: example.shown)
                }
                if order == .dayMonthYear { reread[name] = order }
                notes.append("dates in \(name) read \(order == .dayMonthYear ? "day" : "month") first, \(plan.preset.source)'s default: no value decides (like \(example.text) on line \(example.line))")
            }
        }
        return (reread, notes)
    }
}
