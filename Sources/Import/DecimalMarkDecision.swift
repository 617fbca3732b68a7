import LeadData

/// Which decimal mark a money column writes, decided once for the whole column and never by
/// row: from its values only one mark can read (`2,5` or `1.500,00` comma; `2.5` or
/// `1,500.00` dot). Meanwhile an ambiguous value (`1.500`, `1,500`) is read undecided (a comma
/// groups thousands, a lone dot and three digits is refused); when the column turns out to
/// decide otherwise the file is read again with its mark (`Importer`), as dates are. A column
/// written both ways is refused, naming a line of each.
enum DecimalMarkEvidence {
    /// Looks at one row's money columns: `.first` is a dot, `.second` a comma.
    static func observe(_ record: CSVReader.Record, columns: [Int], encoding: TextEncoding, into evidence: inout ColumnEvidence) {
        for column in columns {
            let bytes = record.field(column)
            guard bytes.contains(where: { $0 == 0x2C || $0 == 0x2E }), let text = encoding.decode(bytes) else { continue }
            let (mark, isAmbiguous) = NumberParser.DecimalMark.evidence(text)
            switch mark {
            case .dot?: evidence.observe(.first, column: column, line: record.line) { text }
            case .comma?: evidence.observe(.second, column: column, line: record.line) { text }
            case nil: if isAmbiguous { evidence.observe(nil, column: column, line: record.line) { text } }
            }
        }
    }
}

enum DecimalMarkDecision {
    /// The columns to read again with their mark (by header); throws for a column written both ways.
    static func decide(_ evidence: ColumnEvidence, plan: ColumnPlan, file: String) throws -> [String: NumberParser.DecimalMark] {
        var reread: [String: NumberParser.DecimalMark] = [:]
        for column in plan.undecidedMoneyColumns {
            switch evidence.verdict(column) {
            case let .both(dot, comma):
                throw ImportFailure.numbersInBothStyles(file: file, column: plan.headers[column], dot: dot.shown, comma: comma.shown)
            case .decided(let way, reread: true): reread[plan.headers[column]] = way == .first ? .dot : .comma
            case .decided, .undecided: break
            }
        }
        return reread
    }
}
