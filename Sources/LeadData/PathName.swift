/// A path's folder and last name, split by hand: Foundation's `deletingLastPathComponent`
/// traps on Linux for a one-character path (`--out r`).
public enum PathName {
    /// `a/b/c` → (`a/b`, `c`); `c` → (`.`, `c`); `/c` → (`/`, `c`).
    public static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let head = path[..<slash]
        return (head.isEmpty ? "/" : String(head), String(path[path.index(after: slash)...]))
    }
}
