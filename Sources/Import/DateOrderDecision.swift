import LeadData

/// Which order a date column writes `01/02/2025` in, decided once for the whole column and
/// never by row: from its values that only one order can read (`31/12/2025` is day first,
/// `12/31/2025` month first), else from the CRM's default order (the summary says so), else
/// refused. A mapping's `date_format` decides without looking.
///
/// The rows are read value by value meanwhile (a first number above 12 is a day, else a month),
/// which is already right for a month-first column and for one whose every value decides; a
/// day-first column holding ambiguous values is read again with its order (`Importer`).
struct DateEvidence: Sendable {
    /// Per column index: the first line that only day-first reads, that only month-first
    /// reads, and that either could, with the value.
    var dayFirst: [Int: (line: Int, text: String)] = [:]
    var monthFirst: [Int: (line: Int, text: String)] = [:]
    var ambiguous: [Int: (line: Int, text: String)] = [:]

    /// Looks at one row's date columns.
    mutating func observe(_ record: CSVReader.Record, columns: [Int], encoding: TextEncoding) {
        for column in columns {
            let bytes = record.field(column)
            guard bytes.contains(UInt8(ascii: "/")), let (a, b) = Self.dayAndMonth(bytes) else { continue }
            func text() -> String { encoding.decode(bytes) ?? "" }
            if a > 12, b <= 12 {
                if dayFirst[column] == nil { dayFirst[column] = (record.line, text()) }
            } else if b > 12, a <= 12 {
                if monthFirst[column] == nil { monthFirst[column] = (record.line, text()) }
            } else if a <= 12, b <= 12, a != b, ambiguous[column] == nil {
                ambiguous[column] = (record.line, text())
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
    static func decide(_ evidence: DateEvidence, plan: ColumnPlan, file: String)
        throws -> (reread: [String: DateParser.Order], notes: [String]) {
        var reread: [String: DateParser.Order] = [:], notes: [String] = []
        for column in plan.undecidedDateColumns {
            let name = plan.headers[column]
            switch (evidence.dayFirst[column], evidence.monthFirst[column]) {
            case let (day?, month?):
                throw ImportFailure.datesInBothOrders(file: file, column: name, dayFirst: "line \(day.line): \(day.text)",
                                                      monthFirst: "line \(month.line): \(month.text)")
            case (_?, nil):
                if evidence.ambiguous[column] != nil { reread[name] = .dayMonthYear }
            case (nil, _?):
                break
            case (nil, nil):
                guard let example = evidence.ambiguous[column] else { continue }
                guard let order = plan.preset.defaultDateOrder else {
                    throw ImportFailure.datesUndecided(file: file, column: name, example: "line \(example.line): \(example.text)")
                }
                if order == .dayMonthYear { reread[name] = order }
                notes.append("dates in \(name) read \(order == .dayMonthYear ? "day" : "month") first, \(plan.preset.source)'s default: no value decides (like \(example.text) on line \(example.line))")
            }
        }
        return (reread, notes)
    }
}
