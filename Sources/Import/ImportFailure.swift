import LeadData

/// Import failures a user can fix, each one line naming the file and what to do.
public enum ImportFailure: UserFacingError, Equatable {
    case unrecognisedHeaders(file: String, lookedFor: [String])
    case ambiguousHeaders(file: String, candidates: [String])
    case unknownObject(String, known: [String])
    case unknownSource(String)
    case emptyFile(String)
    case headerOnly(String)
    case noIDColumn(file: String, preset: String, lookedFor: [String])
    case mappingColumnMissing(mapping: String, field: String, column: String, file: String)
    case invalidMapping(file: String, line: Int?, problem: String)
    case strictRejects(file: String, count: Int, firstLine: Int, firstReason: String)
    /// Every data row was rejected: the file is not what its preset or mapping expects.
    case everyRowRejected(file: String, count: Int, firstReasons: String)
    /// A date column holding day-first and month-first values.
    case datesInBothOrders(file: String, column: String, dayFirst: String, monthFirst: String)
    /// A money column written with both decimal marks (`2.5` and `2,5`).
    case numbersInBothStyles(file: String, column: String, dot: String, comma: String)
    /// A date column whose slash dates could be either order, with no default to fall back on.
    case datesUndecided(file: String, column: String, example: String)
    /// A day-first column read from standard input, which cannot be read a second time.
    case datesNeedFormat(file: String, column: String)
    /// A money column whose decimal mark decides its ambiguous values, read from standard input.
    case marksNeedFile(file: String, column: String)

    public var kind: FailureKind {
        switch self {
        case .unknownObject, .unknownSource: return .usage
        default: return .badData
        }
    }

    public var message: String {
        switch self {
        case .unrecognisedHeaders(let file, let lookedFor):
            return "\(file): the header line matches no known export; looked for \(lookedFor.joined(separator: "; ")). Pass --source and --object, or --mapping FILE"
        case .ambiguousHeaders(let file, let candidates):
            return "\(file): the headers fit several exports (\(candidates.joined(separator: ", "))); pass --source and --object to choose"
        case .unknownObject(let object, let known):
            return "unknown --object \(object); this source knows \(known.joined(separator: ", "))"
        case .unknownSource(let source):
            return "unknown --source \(source); use salesforce, hubspot, pipedrive or auto (or --mapping FILE for another CRM)"
        case .emptyFile(let file):
            return "\(file): the file is empty; export it again"
        case .headerOnly(let file):
            return "\(file): the file has a header line and no rows; export it again with records"
        case .noIDColumn(let file, let preset, let lookedFor):
            return "\(file): no id column for \(preset) (looked for \(lookedFor.joined(separator: ", "))); add it to the export or name it with `id:` in a mapping"
        case .mappingColumnMissing(let mapping, let field, let column, let file):
            return "\(mapping): \(field) names the column \"\(column)\", which \(file) does not have; fix the mapping or the export"
        case .invalidMapping(let file, let line, let problem):
            return "\(file)\(line.map { ":\($0)" } ?? ""): \(problem)"
        case .strictRejects(let file, let count, let firstLine, let firstReason):
            return "\(file): \(count) row\(count == 1 ? "" : "s") rejected under --strict (first: line \(firstLine), \(firstReason)); nothing was imported"
        case .numbersInBothStyles(let file, let column, let dot, let comma):
            return "\(file): column \(column) has numbers with both decimal marks (a dot on \(dot), a comma on \(comma)); "
                + "nothing was imported: export it again so the column writes one style"
        case .datesInBothOrders(let file, let column, let day, let month):
            return "\(file): column \(column) has dates in both orders (day first on \(day), month first on \(month)); "
                + "nothing was imported: export it again so the column writes one order"
        case .datesUndecided(let file, let column, let example):
            return "\(file): the dates in column \(column) could be day or month first (\(example)) and no value decides; "
                + "nothing was imported: add date_format: DD/MM/YYYY or MM/DD/YYYY to the mapping"
        case .marksNeedFile(let file, let column):
            return "\(file): column \(column) writes numbers whose decimal mark only the whole column tells (like 1.500), which standard input "
                + "cannot be read again to apply; nothing was imported: import the file by its path"
        case .datesNeedFormat(let file, let column):
            return "\(file): the dates in column \(column) are day first, which standard input cannot be read again to apply; "
                + "nothing was imported: import the file by its path, or add date_format: DD/MM/YYYY to a mapping"
        case .everyRowRejected(let file, let count, let shown):
            return "\(file): \(count == 1 ? "its only data row was" : "all \(count) of its data rows were") rejected (\(shown)); nothing was imported. "
                + "Check that the file is the export the preset or mapping expects"
        }
    }
}
