/// Where a YAML key appears the second time: libyaml reports a duplicated key at its first
/// occurrence (often line 1), which points the user at the line that is right.
public enum YAMLDuplicate {
    /// The 1-based line and column of the next line after `first` that starts with `key:` at the
    /// same column; `first` itself when none does.
    public static func secondOccurrence(of key: String, in text: String, after first: (line: Int, column: Int)) -> (line: Int, column: Int) {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where index + 1 > first.line {
            let indent = line.prefix { $0 == " " }.count
            var rest = line.dropFirst(indent)
            if rest.hasPrefix("- ") { rest = rest.dropFirst(2) }
            for quote in ["", "\"", "'"] where rest.hasPrefix(quote + key + quote + ":") {
                return (index + 1, indent + 1)
            }
        }
        return first
    }
}
