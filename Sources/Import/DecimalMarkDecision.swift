import LeadData

/// Which decimal mark a money column writes, decided once for the whole column and never by
/// row: from its values only one mark can read (`2,5` or `1.500,00` comma; `2.5` or
/// `1,500.00` dot). Meanwhile an ambiguous value (`1.500`, `1,500`) is read undecided (a comma
/// groups thousands, a lone dot and three digits is refused); when the column turns out to
/// decide otherwise the file is read again with its mark (`Importer`), as dates are. A column
/// written both ways is refused, naming a line of each.
struct DecimalMarkEvidence: Sendable {
    /// Per column index: the first line that decides each mark, and the first ambiguous one.
    var dot: [Int: (line: Int, text: String)] = [:]
    var comma: [Int: (line: Int, text: String)] = [:]
    var ambiguous: [Int: (line: Int, text: String)] = [:]

    mutating func observe(_ record: CSVReader.Record, columns: [Int], encoding: TextEncoding) {
        for column in columns {
            let bytes = record.field(column)
            guard bytes.contains(where: { $0 == 0x2C || $0 == 0x2E }), let text = encoding.decode(bytes) else { continue }
            let (mark, isAmbiguous) = NumberParser.DecimalMark.evidence(text)
            switch mark {
            case .dot?: if dot[column] == nil { dot[column] = (record.line, text) }
            case .comma?: if comma[column] == nil { comma[column] = (record.line, text) }
            case nil: if isAmbiguous, ambiguous[column] == nil { ambiguous[column] = (record.line, text) }
            }
        }
    }
}

enum DecimalMarkDecision {
    /// The columns to read again with their mark (by header); throws for a column written both ways.
    static func decide(_ evidence: DecimalMarkEvidence, plan: ColumnPlan, file: String) throws -> [String: NumberParser.DecimalMark] {
        var reread: [String: NumberParser.DecimalMark] = [:]
        for column in plan.undecidedMoneyColumns {
            let name = plan.headers[column]
            switch (evidence.dot[column], evidence.comma[column]) {
            case let (dot?, comma?):
                throw ImportFailure.numbersInBothStyles(file: file, column: name, dot: "line \(dot.line): \(dot.text)",
                                                        comma: "line \(comma.line): \(comma.text)")
            case (_?, nil):
                if evidence.ambiguous[column] != nil { reread[name] = .dot }
            case (nil, _?):
                if evidence.ambiguous[column] != nil { reread[name] = .comma }
            case (nil, nil):
                break
            }
        }
        return reread
    }
}
