/// What a column's values say of a choice only the whole column can make, never one row: the
/// order of its slash dates, the decimal mark of its money. Each value reads one way only
/// (`31/12/2025` day first, `2,5` a comma), the other way only, or either way (`01/02/2025`,
/// `1.500`). Kept per column index: the first line of each, with its value, so a refusal can
/// name a line of each way.
///
/// ```swift
/// var dates = ColumnEvidence()
/// dates.observe(.first, column: 3, line: 7) { "31/12/2025" }
/// dates.observe(nil, column: 3, line: 9) { "01/02/2025" }   // either way
/// dates.verdict(3)   // .decided(.first, reread: true): day first, and the file read again
/// ```
struct ColumnEvidence: Sendable {
    struct Example: Sendable {
        let line: Int
        let text: String
        var shown: String { "line \(line): \(text)" }
    }

    /// The two ways a value can be read: for dates day first and month first, for money a dot
    /// and a comma.
    enum Way: Sendable { case first, second }

    private(set) var first: [Int: Example] = [:]
    private(set) var second: [Int: Example] = [:]
    private(set) var ambiguous: [Int: Example] = [:]

    /// Notes one value of `column`: read only `way`, or either way when `way` is nil.
    mutating func observe(_ way: Way?, column: Int, line: Int, text: () -> String) {
        switch way {
        case .first?: if first[column] == nil { first[column] = Example(line: line, text: text()) }
        case .second?: if second[column] == nil { second[column] = Example(line: line, text: text()) }
        case nil: if ambiguous[column] == nil { ambiguous[column] = Example(line: line, text: text()) }
        }
    }

    /// What the column's values decide.
    enum Verdict {
        /// Values read only one way and values read only the other: refused, naming one of each.
        case both(first: Example, second: Example)
        /// The values that decide read `way`; `reread` when some value could be read either way.
        case decided(Way, reread: Bool)
        /// No value decides; the first that could be read either way, if any.
        case undecided(Example?)
    }

    func verdict(_ column: Int) -> Verdict {
        switch (first[column], second[column]) {
        case let (a?, b?): return .both(first: a, second: b)
        case (_?, nil): return .decided(.first, reread: ambiguous[column] != nil)
        case (nil, _?): return .decided(.second, reread: ambiguous[column] != nil)
        case (nil, nil): return .undecided(ambiguous[column])
        }
    }
}
