/// What a database holds, for `reeval status`: row counts, migrations, recent imports and runs.
public struct DatabaseSummary: Sendable {
    public struct ImportLine: Sendable {
        public let id: Int, fileName: String, source: String, object: String, importedAt: String
        public let rowsRead: Int, inserted: Int, updated: Int, unchanged: Int, rejected: Int
    }
    public struct RunLine: Sendable {
        public let id: Int, status: String, asOf: String, icpVersion: String
        public let candidates: Int, revived: Int, newRevived: Int, startedAt: String
    }
    public struct VersionLine: Sendable {
        public let label: String, effective: String
    }

    /// The public tables, in pipeline order.
    public static let tables = ["imports", "import_rejects", "accounts", "leads", "lead_snapshots",
                                "icp_versions", "runs", "score_history", "revived_opportunities", "revival_reasons"]

    private static func countedTable(_ table: String) -> String { table }

    public let counts: [(table: String, rows: Int)]
    public let migrations: [Migrator.AppliedMigration]
    public let lastImports: [ImportLine]
    public let lastRuns: [RunLine]
    public let icpVersions: [VersionLine]

    /// Reads the summary; `limit` caps the imports and runs listed.
    public init(_ db: Database, limit: Int = 5) throws {
        counts = try Self.tables.map { table in
            (table, try db.scalar("SELECT count(*) FROM \"\(Self.countedTable(table))\"")?.int ?? 0)
        }
        migrations = try Migrator().appliedMigrations(db)
        lastImports = try db.rows("""
            SELECT id, file_name, source, object, imported_at, rows_read, inserted, updated, unchanged, rejected
            FROM imports ORDER BY id DESC LIMIT ?
            """, [limit]).map {
            ImportLine(id: $0["id"] ?? 0, fileName: $0["file_name"] ?? "", source: $0["source"] ?? "", object: $0["object"] ?? "",
                       importedAt: $0["imported_at"] ?? "", rowsRead: $0["rows_read"] ?? 0, inserted: $0["inserted"] ?? 0,
                       updated: $0["updated"] ?? 0, unchanged: $0["unchanged"] ?? 0, rejected: $0["rejected"] ?? 0)
        }
        lastRuns = try db.rows("""
            SELECT id, status, as_of, icp_version, candidates, revived, new_revived, started_at
            FROM runs ORDER BY id DESC LIMIT ?
            """, [limit]).map {
            RunLine(id: $0["id"] ?? 0, status: $0["status"] ?? "", asOf: $0["as_of"] ?? "", icpVersion: $0["icp_version"] ?? "",
                    candidates: $0["candidates"] ?? 0, revived: $0["revived"] ?? 0, newRevived: $0["new_revived"] ?? 0,
                    startedAt: $0["started_at"] ?? "")
        }
        icpVersions = try db.rows("SELECT label, effective FROM icp_versions ORDER BY effective, label").map {
            VersionLine(label: $0["label"] ?? "", effective: $0["effective"] ?? "")
        }
    }
}
