/// Text compared the way ICP files mean it (`TextKey.make`), as SQL: every Unicode white space
/// becomes a space, runs of spaces become one, the ends are trimmed, and the text is lower-cased.
/// Written with `replace` alone, so every engine does exactly the same without regular
/// expressions (SQLite has none).
struct TextKeySQL {
    let dialect: SQLDialect

    /// The characters Swift's `Character.isWhitespace` splits on, the space aside.
    static let whiteSpace: [UInt32] = [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0xA0, 0x1680]
        + Array(0x2000...0x200A) + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000]

    /// Two private-use characters that mark a run of spaces while it is collapsed (a space
    /// becomes `<>`, `><` goes, `<>` becomes a space again). A value holding them next to a space
    /// would collapse wrongly; reeval's own imports never produce them.
    private static let open: UInt32 = 0xF8FE, close: UInt32 = 0xF8FF

    /// A SELECT giving `carried` and each of `keys` (expressions over `source`'s row) as the key
    /// of its text, named `k1`, `k2`, …: a chain of steps each replacing one white space in every
    /// column, so no expression nests deeper than SQLite's parser allows.
    func keys(of keys: [String], carrying carried: [String], from source: String) -> String {
        let names = keys.indices.map { "k\($0 + 1)" }
        let carriedNames = carried.map { $0.split(separator: ".").last.map(String.init) ?? $0 }
        var steps = ["w0 AS (SELECT \((carried + zip(keys, names).map { "\($0) AS \($1)" }).joined(separator: ", ")) FROM \(source))"]
        for (i, scalar) in Self.whiteSpace.enumerated() {
            let replaced = names.map { "replace(\($0), \(dialect.character(scalar)), ' ') AS \($0)" }
            steps.append("w\(i + 1) AS (SELECT \((carriedNames + replaced).joined(separator: ", ")) FROM w\(i))")
        }
        let marks = "\(dialect.character(Self.open)) || \(dialect.character(Self.close))"
        let between = "\(dialect.character(Self.close)) || \(dialect.character(Self.open))"
        // Swift lower-cases U+0130 to `i` and a combining dot, and the Kelvin sign to `k`: the
        // two lower-case mappings that reach ASCII, which every engine must agree on.
        let folded = names.map { name in
            let collapsed = "replace(replace(replace(\(name), ' ', \(marks)), \(between), ''), \(marks), ' ')"
            return "lower(replace(replace(trim(\(collapsed)), \(dialect.character(0x130)), 'i' || \(dialect.character(0x307))), \(dialect.character(0x212A)), 'k')) AS \(name)"
        }
        return "WITH " + steps.joined(separator: ",\n     ") + "\nSELECT \((carriedNames + folded).joined(separator: ", ")) FROM w\(Self.whiteSpace.count)"
    }
}
