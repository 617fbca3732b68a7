import Foundation
import LeadData
import ReevalStore

/// Writes normalised records into `accounts`, `leads` and `lead_history`, inside the import's
/// transaction.
///
/// Upsert is by (source, object, CRM id). A lead's row is its newest state: its own values filled
/// from its account. When that state changes, the previous one moves to `lead_history` with the
/// date it was superseded, so a company that grew shows up in the history of every lead linked
/// to it; a first import writes one row per record and no history. An export older than the
/// stored state adds history at its own date and leaves the newer values in place.
final class RecordWriter: RowWriter {
    enum Outcome: Equatable {
        case inserted, updated, unchanged
        /// This import already wrote the record, from this line: the row repeats its id.
        case duplicate(firstLine: Int)
    }

    let db: Database
    let kind: RecordKind
    let source: String
    let object: String
    let importID: Int64
    let observedAt: String
    let columns: [LeadColumn]

    let find: Statement
    /// What a re-import asks of every row before reading it: the record's id, the import and
    /// line that wrote it, and its line hash; no text, so a row found unchanged makes no string.
    let probe: Statement
    let insert: Statement
    let update: Statement
    let touch: Statement
    let setOwnHash: Statement
    let moveToHistory: Statement
    let insertHistory: Statement
    let historyAround: Statement
    let setSuperseded: Statement
    /// The records of a re-import whose rows were unchanged, with their lines: this import wrote
    /// nothing for them, so this is where a repeated id is found.
    let markSeen: Statement
    let seenLine: Statement
    let accountByCRMID: Statement
    let accountByDomain: Statement
    let accountByKey: Statement
    let accountRow: Statement
    var accountCache: [Int64: LeadRecord] = [:]
    /// Whether this source has any account to link to; when not, linking is skipped per row.
    let hasAccounts: Bool
    /// Whether the table held no record of this source and object when the import began: a
    /// first import, where looking each id up first would find nothing.
    let startedEmpty: Bool
    /// Accounts inserted or changed by this import: their leads are linked and filled again.
    var touchedAccounts: [Int64] = []
    /// Lead states written: new leads' first states and changed ones.
    var states = 0
    var nextStateID: Int64
    /// The line of the row being written, stored as `import_line`, and its `LineHash`.
    var currentLine = 0
    var currentLineHash: Int64 = 0
    /// A first import normalises every row; a re-import skips the rows it read before.
    var skipsUnchangedRows: Bool { !startedEmpty }

    /// The columns after the record's own: what a state row holds beside them.
    private static let stateColumns = "state_id, state_hash, from_account, account_attribute_keys"

    init(db: Database, kind: RecordKind, source: String, object: String, importID: Int64, observedAt: Timestamp) throws {
        self.db = db
        self.kind = kind
        self.source = source
        self.object = object
        self.importID = importID
        self.observedAt = observedAt.iso
        columns = kind == .leads ? LeadColumns.lead : LeadColumns.shared
        let table = kind == .leads ? "leads" : "accounts"
        let names = LeadColumns.names(columns)
        let extra = kind == .leads ? ", account_id, " + Self.stateColumns : ""
        let extraCount = kind == .leads ? 5 : 0
        find = try db.cachedStatement("""
            SELECT id, data_hash, observed_at, \(kind == .leads ? "state_hash" : "''"), last_import_id, import_line, line_hash
            FROM \(table) WHERE source = ? AND object = ? AND crm_id = ?
            """)
        probe = try db.cachedStatement("SELECT id, last_import_id, import_line, line_hash FROM \(table) WHERE source = ? AND object = ? AND crm_id = ?")
        let placeholders = Array(repeating: "?", count: columns.count + 3 + extraCount).joined(separator: ", ")
        insert = try db.cachedStatement("""
            INSERT INTO \(table)(source, object, crm_id, first_import_id, last_import_id, import_line, line_hash, company_key, observed_at, data_hash, \(names)\(extra))
            VALUES (?, ?, ?, ?, ?, ?, ?, \(placeholders))
            """)
        let assignments = (["company_key", "observed_at", "data_hash"] + columns.map(\.name)
                           + (kind == .leads ? ["account_id", "state_id", "state_hash", "from_account", "account_attribute_keys"] : []))
            .map { "\($0) = ?" }.joined(separator: ", ")
        update = try db.cachedStatement("UPDATE \(table) SET last_import_id = ?, import_line = ?, line_hash = ?, \(assignments) WHERE id = ?")
        touch = try db.cachedStatement("UPDATE \(table) SET last_import_id = ?, import_line = ?, line_hash = ? WHERE id = ?")
        setOwnHash = try db.cachedStatement("UPDATE \(table) SET last_import_id = ?, import_line = ?, line_hash = ?, data_hash = ?, company_key = ? WHERE id = ?")
        let leadNames = LeadColumns.names(LeadColumns.lead)
        moveToHistory = try db.cachedStatement("""
            INSERT INTO lead_history(state_id, lead_id, observed_at, superseded_at, import_id, \(leadNames), from_account, account_attribute_keys, state_hash)
            SELECT state_id, id, observed_at, ?, last_import_id, \(leadNames), from_account, account_attribute_keys, state_hash FROM leads WHERE id = ?
            """)
        insertHistory = try db.cachedStatement("""
            INSERT INTO lead_history(state_id, lead_id, observed_at, superseded_at, import_id, \(leadNames), from_account, account_attribute_keys, state_hash)
            VALUES (?, ?, ?, ?, ?, \(Array(repeating: "?", count: LeadColumns.lead.count + 3).joined(separator: ", ")))
            """)
        // The states around a date: the one in force on it (newest observed on or before it) and the next.
        historyAround = try db.cachedStatement("""
            SELECT state_id, observed_at, superseded_at, state_hash FROM lead_history WHERE lead_id = ? ORDER BY observed_at, state_id
            """)
        setSuperseded = try db.cachedStatement("UPDATE lead_history SET superseded_at = ? WHERE state_id = ?")
        accountByCRMID = try db.cachedStatement("SELECT id FROM accounts WHERE source = ? AND crm_id = ? ORDER BY id LIMIT 1")
        accountByDomain = try db.cachedStatement("SELECT id FROM accounts WHERE source = ? AND domain = ? ORDER BY id LIMIT 1")
        accountByKey = try db.cachedStatement("SELECT id FROM accounts WHERE source = ? AND company_key = ? ORDER BY id LIMIT 1")
        accountRow = try db.cachedStatement("SELECT crm_id, \(LeadColumns.names(LeadColumns.shared)) FROM accounts WHERE id = ?")
        hasAccounts = try db.scalar("SELECT EXISTS (SELECT 1 FROM accounts WHERE source = ?)", [source])?.int == 1
        startedEmpty = try db.scalar("SELECT NOT EXISTS (SELECT 1 FROM \(table) WHERE source = ? AND object = ?)", [source, object])?.int == 1
        nextStateID = try db.scalar("SELECT next_state_id FROM state_sequence")?.int64 ?? 1
        try db.execute("CREATE TEMP TABLE IF NOT EXISTS seen_rows(row_id INTEGER PRIMARY KEY, line INTEGER NOT NULL)")
        try db.execute("DELETE FROM temp.seen_rows")
        markSeen = try db.cachedStatement("INSERT OR IGNORE INTO temp.seen_rows(row_id, line) VALUES (?, ?)")
        seenLine = try db.cachedStatement("SELECT line FROM temp.seen_rows WHERE row_id = ?")
    }

    /// The rows this import found unchanged (`temp.seen_rows`): for the summary's unreadable values.
    static let seenRows = "SELECT row_id FROM temp.seen_rows"

    func skipIfUnchanged(crmID: String, lineHash: Int64, line: Int) throws -> Outcome? {
        guard try lookUp(crmID, with: probe) else { probe.reset(); return nil }
        let existing = (id: probe.column(0).int64 ?? 0, importID: probe.column(1).int64 ?? 0, line: probe.column(2).int ?? 0,
                        lineHash: probe.column(3).int64)
        probe.reset()
        if existing.importID == importID { return .duplicate(firstLine: existing.line) }
        guard existing.lineHash == lineHash else { return nil }
        try markSeen.execute([existing.id, line])
        if db.changes == 0 { return .duplicate(firstLine: try seenLine.scalar([existing.id])?.int ?? 0) }
        return .unchanged
    }

    /// Inserts or updates one record; a lead whose state changed gets a new state.
    func write(_ prepared: PreparedRecord, lineHash: Int64, line: Int) throws -> Outcome {
        currentLine = line
        currentLineHash = lineHash
        if startedEmpty {
            // Nothing to update: insert straight away, and look up only an id the file repeats.
            do {
                try insertRow(prepared)
                return .inserted
            } catch let error as DatabaseError where error.isUniqueViolation {}
        }
        guard let existing = try existingRow(prepared.record.crmID) else {
            try insertRow(prepared)
            return .inserted
        }
        if existing.importID == importID { return .duplicate(firstLine: existing.line) }
        if skipsUnchangedRows, let first = try seenLine.scalar([existing.id])?.int { return .duplicate(firstLine: first) }
        var storedHash = existing.hash
        if storedHash.isEmpty { storedHash = try ownHash(of: existing.id) }   // a row moved by migration 0007
        if storedHash == prepared.hash {
            try touch.execute([importID, currentLine, currentLineHash, existing.id])
            return .unchanged
        }
        if kind == .accounts {
            try updateRow(existing.id, prepared, state: nil)
            touchedAccounts.append(existing.id)
            accountCache[existing.id] = nil
            return .updated
        }
        let (accountID, fill) = try accountFill(for: prepared)
        let state = State(prepared, account: fill)
        if state.hash == existing.stateHash {
            // The own values changed but not the state the run judges (a value the account gave
            // now comes from the lead itself): no new state.
            try setOwnHash.execute([importID, currentLine, currentLineHash, prepared.hash, prepared.companyKey, existing.id])
            return .updated
        }
        if observedAt >= existing.observedAt {
            // The newest state: the stored one moves to history, superseded today.
            try moveToHistory.execute([observedAt, existing.id])
            try updateRow(existing.id, prepared, state: (newStateID(), state, accountID))
            states += 1
        } else {
            // The row stays read from the newer export: its line hash is that export's.
            try touch.execute([importID, currentLine, existing.lineHash, existing.id])
            try addOlderState(leadID: existing.id, state: state)
        }
        return .updated
    }

    func newStateID() -> Int64 {
        defer { nextStateID += 1 }
        return nextStateID
    }

    /// Links and fills the leads of changed accounts, then writes the state counter back; called
    /// once when the import is done.
    func finish() throws {
        try propagateAccounts()
        try db.execute("UPDATE state_sequence SET next_state_id = ?", [nextStateID])
    }

    /// Steps `statement` (a `WHERE source = ? AND object = ? AND crm_id = ?` query) on the
    /// record with `crmID`; false when there is none. The caller resets it.
    func lookUp(_ crmID: String, with statement: Statement) throws -> Bool {
        statement.clearBindings()
        try statement.bind(text: source, at: 1)
        try statement.bind(text: object, at: 2)
        try statement.bind(text: crmID, at: 3)
        return try statement.step()
    }

    func existingRow(_ crmID: String) throws -> (id: Int64, hash: String, observedAt: String, stateHash: String, importID: Int64, line: Int, lineHash: Int64?)? {
        defer { find.reset() }
        return try lookUp(crmID, with: find) ? (find.column(0).int64 ?? 0, find.column(1).string ?? "", find.column(2).string ?? "", find.column(3).string ?? "",
                                  find.column(4).int64 ?? 0, find.column(5).int ?? 0, find.column(6).int64) : nil
    }

    func insertRow(_ prepared: PreparedRecord) throws {
        insert.clearBindings()
        try insert.bind(text: source, at: 1)
        try insert.bind(text: object, at: 2)
        try insert.bind(text: prepared.record.crmID, at: 3)
        try insert.bind(int64: importID, at: 4)
        try insert.bind(int64: importID, at: 5)
        try insert.bind(int64: Int64(currentLine), at: 6)
        try insert.bind(int64: currentLineHash, at: 7)
        try insert.bind(text: prepared.companyKey, at: 8)
        try insert.bind(text: observedAt, at: 9)
        try insert.bind(text: prepared.hash, at: 10)
        if kind == .accounts {
            try LeadColumns.bind(prepared.values, to: insert, from: 11)
            try insert.run()
            touchedAccounts.append(db.lastInsertedRowID)
            return
        }
        let (accountID, fill) = try accountFill(for: prepared)
        let state = State(prepared, account: fill)
        var i = try LeadColumns.bind(state.values, to: insert, from: 11)
        try insert.bind(int64: accountID, at: i); i += 1
        try bindState(newStateID(), state, to: insert, from: i)
        try insert.run()
        states += 1
    }

    /// Updates a row: an account with its own values, a lead with its new state.
    func updateRow(_ id: Int64, _ prepared: PreparedRecord, state: (id: Int64, state: State, accountID: Int64?)?) throws {
        update.clearBindings()
        try update.bind(int64: importID, at: 1)
        try update.bind(int64: Int64(currentLine), at: 2)
        try update.bind(int64: currentLineHash, at: 3)
        try update.bind(text: prepared.companyKey, at: 4)
        try update.bind(text: observedAt, at: 5)
        try update.bind(text: prepared.hash, at: 6)
        var i = try LeadColumns.bind(state?.state.values ?? prepared.values, to: update, from: 7)
        if let state {
            try update.bind(int64: state.accountID, at: i); i += 1
            i = try bindState(state.id, state.state, to: update, from: i)
        }
        try update.bind(int64: id, at: i)
        try update.run()
    }

    @discardableResult
    func bindState(_ id: Int64, _ state: State, to statement: Statement, from start: Int) throws -> Int {
        try statement.bind(int64: id, at: start)
        try statement.bind(text: state.hash, at: start + 1)
        try statement.bind(int64: state.fromAccount, at: start + 2)
        try statement.bind(text: state.accountAttributeKeys, at: start + 3)
        return start + 4
    }

    /// The hash of a stored row's own values, for rows whose hash a migration left empty.
    func ownHash(of id: Int64) throws -> String {
        let table = kind == .leads ? "leads" : "accounts"
        let extra = kind == .leads ? ", from_account, account_attribute_keys" : ""
        guard let row = try db.rows("SELECT crm_id, \(LeadColumns.names(columns))\(extra) FROM \(table) WHERE id = ?", [id]).first else { return "" }
        var record = LeadColumns.read(columns, from: row, crmID: row["crm_id"] ?? "")
        if kind == .leads { record = AccountFill.own(record, fromAccount: row.value("from_account").int64 ?? 0, attributeKeys: row["account_attribute_keys"]) }
        return LeadColumns.hash(record, columns)
    }
}
