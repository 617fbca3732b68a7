/// One numbered schema change from the top-level `migrations/` folder, as built into the binary.
public struct Migration: Sendable, Equatable {
    /// The number the file name starts with (`0001_initial.sql` is 1).
    public let version: Int
    /// The file name.
    public let name: String
    public let sql: String

    /// The SHA-256 of the SQL, recorded when applied: a file changed after that is refused.
    public var checksum: String { Checksum.sha256(sql) }

    public init?(name: String, sql: String) {
        let digits = name.prefix { $0.isNumber }
        guard !digits.isEmpty, let version = Int(digits) else { return nil }
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// The migrations built into this binary, in order.
    public static let builtIn: [Migration] = EmbeddedMigrations.files
        .compactMap { Migration(name: $0.name, sql: $0.sql) }
        .sorted { $0.version < $1.version }
}
