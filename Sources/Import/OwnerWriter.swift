import LeadData
import ReevalStore

/// Writes a `User` export into `owners`: each user's id, name and email, so that reports show an
/// owner by name where a lead names them by id (Salesforce `OwnerId`).
final class OwnerWriter: RowWriter {
    private let source: String
    private let importID: Int64
    private let find: Statement
    private let insert: Statement
    private let update: Statement

    init(db: Database, source: String, importID: Int64) throws {
        self.source = source
        self.importID = importID
        find = try db.cachedStatement("SELECT id, name, email, last_import_id, import_line FROM owners WHERE source = ? AND crm_id = ?")
        insert = try db.cachedStatement("""
            INSERT INTO owners(source, crm_id, name, email, first_import_id, last_import_id, import_line) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        update = try db.cachedStatement("UPDATE owners SET name = ?, email = ?, last_import_id = ?, import_line = ? WHERE id = ?")
    }

    /// Users are not lead states.
    let states = 0

    func finish() throws {}

    /// A User export is small: every row is read and compared by its values.
    let skipsUnchangedRows = false

    func skipIfUnchanged(crmID: String, lineHash: Int64, line: Int) throws -> RecordWriter.Outcome? { nil }

    func write(_ prepared: PreparedRecord, lineHash: Int64, line: Int) throws -> RecordWriter.Outcome {
        let r = prepared.record
        // `Name`, else `FirstName LastName` as the export spells them.
        let parts = [r.attributes["FirstName"] ?? r.attributes["First Name"], r.attributes["LastName"] ?? r.attributes["Last Name"]].compactMap { $0 }
        let name = r.owner ?? (parts.isEmpty ? nil : parts.joined(separator: " "))
        guard let row = try find.rows([source, r.crmID]).first else {
            try insert.execute([source, r.crmID, name, r.email, importID, importID, line])
            return .inserted
        }
        let id: Int64 = row["id"] ?? 0
        if row.value("last_import_id").int64 == importID { return .duplicate(firstLine: row["import_line"] ?? 0) }
        let unchanged = (row["name"] as String?) == name && (row["email"] as String?) == r.email
        try update.execute([name, r.email, importID, line, id])
        return unchanged ? .unchanged : .updated
    }
}
