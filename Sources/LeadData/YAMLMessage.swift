/// What the YAML library says of a problem, in words for people who write ICP and mapping
/// files: libyaml's own texts name its C functions.
public enum YAMLMessage {
    /// How deep a file may nest (Yams' default limit); real ICP and mapping files use four levels.
    public static let nesting = "the file nests lists or dictionaries more deeply than any ICP or mapping file needs (over 1,000 levels)"

    public static func plain(_ problem: String) -> String {
        problem.contains("nesting level") ? nesting : problem
    }
}
