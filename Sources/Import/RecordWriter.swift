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

    private let db: Database
    private let kind: RecordKind
    private let source: String
    private let object: String
    private let importID: Int64
    private let observedAt: String
    private let columns: [LeadColumn]

    private let find: Statement
    /// What a re-import asks of every row before reading it: the record's id, the import and
    /// line that wrote it, and its line hash; no text, so a row found unchanged makes no string.
    private let probe: Statement
    private let insert: Statement
    private let update: Statement
    private let touch: Statement
    private let setOwnHash: Statement
    private let moveToHistory: Statement
    private let insertHistory: Statement
    private let historyAround: Statement
    private let setSuperseded: Statement
    /// The records of a re-import whose rows were unchanged, with their lines: this import wrote
    /// nothing for them, so this is where a repeated id is found.
    private let markSeen: Statement
    private let seenLine: Statement
    private let accountByCRMID: Statement
    private let accountByDomain: Statement
    private let accountByKey: Statement
    private let accountRow: Statement
    private var accountCache: [Int64: LeadRecord] = [:]
    /// Whether this source has any account to link to; when not, linking is skipped per row.
    private let hasAccounts: Bool
    /// Whether the table held no record of this source and object when the import began: a
    /// first import, where looking each id up first would find nothing.
    private let startedEmpty: Bool
    /// Accounts inserted or changed by this import: their leads are linked and filled again.
    private(set) var touchedAccounts: [Int64] = []
    /// Lead states written: new leads' first states and changed ones.
    private(set) var states = 0
    private var nextStateID: Int64
    /// The line of the row being written, stored as `import_line`, and its `LineHash`.
    private var currentLine = 0
    private var currentLineHash: Int64 = 0
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
        find = try db.prepare("""
            SELECT id, data_hash, observed_at, \(kind == .leads ? "state_hash" : "''"), last_import_id, import_line, line_hash
            FROM \(table) WHERE source = ? AND object = ? AND crm_id = ?
            """)
        probe = try db.prepare("SELECT id, last_import_id, import_line, line_hash FROM \(table) WHERE source = ? AND object = ? AND crm_id = ?")
        let placeholders = Array(repeating: "?", count: columns.count + 3 + extraCount).joined(separator: ", ")
        insert = try db.prepare("""
            INSERT INTO \(table)(source, object, crm_id, first_import_id, last_import_id, import_line, line_hash, company_key, observed_at, data_hash, \(names)\(extra))
            VALUES (?, ?, ?, ?, ?, ?, ?, \(placeholders))
            """)
        let assignments = (["company_key", "observed_at", "data_hash"] + columns.map(\.name)
                           + (kind == .leads ? ["account_id", "state_id", "state_hash", "from_account", "account_attribute_keys"] : []))
            .map { "\($0) = ?" }.joined(separator: ", ")
        update = try db.prepare("UPDATE \(table) SET last_import_id = ?, import_line = ?, line_hash = ?, \(assignments) WHERE id = ?")
        touch = try db.prepare("UPDATE \(table) SET last_import_id = ?, import_line = ?, line_hash = ? WHERE id = ?")
        setOwnHash = try db.prepare("UPDATE \(table) SET last_import_id = ?, import_line = ?, line_hash = ?, data_hash = ?, company_key = ? WHERE id = ?")
        let leadNames = LeadColumns.names(LeadColumns.lead)
        moveToHistory = try db.prepare("""
            INSERT INTO lead_history(state_id, lead_id, observed_at, superseded_at, import_id, \(leadNames), from_account, account_attribute_keys, state_hash)
            SELECT state_id, id, observed_at, ?, last_import_id, \(leadNames), from_account, account_attribute_keys, state_hash FROM leads WHERE id = ?
            """)
        insertHistory = try db.prepare("""
            INSERT INTO lead_history(state_id, lead_id, observed_at, superseded_at, import_id, \(leadNames), from_account, account_attribute_keys, state_hash)
            VALUES (?, ?, ?, ?, ?, \(Array(repeating: "?", count: LeadColumns.lead.count + 3).joined(separator: ", ")))
            """)
        // The states around a date: the one in force on it (newest observed on or before it) and the next.
        historyAround = try db.prepare("""
            SELECT state_id, observed_at, superseded_at, state_hash FROM lead_history WHERE lead_id = ? ORDER BY observed_at, state_id
            """)
        setSuperseded = try db.prepare("UPDATE lead_history SET superseded_at = ? WHERE state_id = ?")
        accountByCRMID = try db.prepare("SELECT id FROM accounts WHERE source = ? AND crm_id = ? ORDER BY id LIMIT 1")
        accountByDomain = try db.prepare("SELECT id FROM accounts WHERE source = ? AND domain = ? ORDER BY id LIMIT 1")
        accountByKey = try db.prepare("SELECT id FROM accounts WHERE source = ? AND company_key = ? ORDER BY id LIMIT 1")
        accountRow = try db.prepare("SELECT * FROM accounts WHERE id = ?")
        hasAccounts = try db.scalar("SELECT EXISTS (SELECT 1 FROM accounts WHERE source = ?)", [source])?.int == 1
        startedEmpty = try db.scalar("SELECT NOT EXISTS (SELECT 1 FROM \(table) WHERE source = ? AND object = ?)", [source, object])?.int == 1
        nextStateID = try db.scalar("SELECT next_state_id FROM state_sequence")?.int64 ?? 1
        try db.execute("CREATE TEMP TABLE IF NOT EXISTS seen_rows(row_id INTEGER PRIMARY KEY, line INTEGER NOT NULL)")
        try db.execute("DELETE FROM temp.seen_rows")
        markSeen = try db.prepare("INSERT OR IGNORE INTO temp.seen_rows(row_id, line) VALUES (?, ?)")
        seenLine = try db.prepare("SELECT line FROM temp.seen_rows WHERE row_id = ?")
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

    /// A lead state: the lead's own values filled from its account, and which came from it.
    private struct State {
        /// The state's stored values in `LeadColumns.lead` order.
        let values: [DatabaseValue]
        let fromAccount: Int64
        let accountAttributeKeys: String?
        let hash: String

        /// A lead's state as read: its own values, already computed, when it has no account.
        init(_ prepared: PreparedRecord, account: LeadRecord?) {
            if let account {
                self.init(own: prepared.record, account: account)
            } else {
                self.init(values: prepared.values, fromAccount: 0, accountAttributeKeys: nil, hash: prepared.hash)
            }
        }

        init(own: LeadRecord, account: LeadRecord) {
            let merged = own.filled(from: account)
            var bits: Int64 = 0
            for (bit, field) in FieldDescriptor.fromAccount.enumerated() where !field.isSet(in: own) && field.isSet(in: merged) {
                bits |= 1 << Int64(bit)
            }
            let keys = merged.attributes.keys.filter { own.attributes[$0] == nil }.sorted()
            let values = LeadColumns.values(merged, LeadColumns.lead)
            self.init(values: values, fromAccount: bits, accountAttributeKeys: keys.isEmpty ? nil : keys.joined(separator: "\u{1F}"),
                      hash: LeadColumns.hash(values, LeadColumns.lead))
        }

        init(values: [DatabaseValue], fromAccount: Int64, accountAttributeKeys: String?, hash: String) {
            self.values = values
            self.fromAccount = fromAccount
            self.accountAttributeKeys = accountAttributeKeys
            self.hash = hash
        }
    }

    private func newStateID() -> Int64 {
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
    private func lookUp(_ crmID: String, with statement: Statement) throws -> Bool {
        statement.clearBindings()
        try statement.bind(text: source, at: 1)
        try statement.bind(text: object, at: 2)
        try statement.bind(text: crmID, at: 3)
        return try statement.step()
    }

    private func existingRow(_ crmID: String) throws -> (id: Int64, hash: String, observedAt: String, stateHash: String, importID: Int64, line: Int, lineHash: Int64?)? {
        defer { find.reset() }
        return try lookUp(crmID, with: find) ? (find.column(0).int64 ?? 0, find.column(1).string ?? "", find.column(2).string ?? "", find.column(3).string ?? "",
                                  find.column(4).int64 ?? 0, find.column(5).int ?? 0, find.column(6).int64) : nil
    }

    private func insertRow(_ prepared: PreparedRecord) throws {
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
    private func updateRow(_ id: Int64, _ prepared: PreparedRecord, state: (id: Int64, state: State, accountID: Int64?)?) throws {
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
    private func bindState(_ id: Int64, _ state: State, to statement: Statement, from start: Int) throws -> Int {
        try statement.bind(int64: id, at: start)
        try statement.bind(text: state.hash, at: start + 1)
        try statement.bind(int64: state.fromAccount, at: start + 2)
        try statement.bind(text: state.accountAttributeKeys, at: start + 3)
        return start + 4
    }

    /// Adds a state seen in an export older than the stored one, at that export's date, unless
    /// the state in force on that date is the same.
    private func addOlderState(leadID: Int64, state: State) throws {
        var before: (id: Int64, hash: String)?
        var nextObservedAt: String?
        try historyAround.forEachRow([leadID]) { row in
            let observed = row[1].string ?? ""
            if observed <= observedAt { before = (row[0].int64 ?? 0, row[3].string ?? "") }
            else if nextObservedAt == nil { nextObservedAt = observed }
        }
        if let before, before.hash == state.hash { return }
        let current = try db.rows("SELECT observed_at FROM leads WHERE id = ?", [leadID]).first?[0].string ?? observedAt
        if let before { try setSuperseded.execute([observedAt, before.id]) }
        insertHistory.clearBindings()
        try insertHistory.bind(int64: newStateID(), at: 1)
        try insertHistory.bind(int64: leadID, at: 2)
        try insertHistory.bind(text: observedAt, at: 3)
        try insertHistory.bind(text: nextObservedAt ?? current, at: 4)
        try insertHistory.bind(int64: importID, at: 5)
        var i = try LeadColumns.bind(state.values, to: insertHistory, from: 6)
        try insertHistory.bind(int64: state.fromAccount, at: i); i += 1
        try insertHistory.bind(text: state.accountAttributeKeys, at: i); i += 1
        try insertHistory.bind(text: state.hash, at: i)
        try insertHistory.run()
        states += 1
    }

    /// The account a lead links to (by account id, else website domain, else company name) and
    /// its values, when the source has accounts.
    private func accountFill(for prepared: PreparedRecord) throws -> (Int64?, LeadRecord?) {
        guard hasAccounts else { return (nil, nil) }
        let record = prepared.record
        var accountID: Int64?
        if let crm = record.accountID { accountID = try accountByCRMID.scalar([source, crm])?.int64 }
        if accountID == nil, let domain = record.domain { accountID = try accountByDomain.scalar([source, domain])?.int64 }
        if accountID == nil, let key = prepared.companyKey { accountID = try accountByKey.scalar([source, key])?.int64 }
        guard let accountID else { return (nil, nil) }
        return (accountID, try account(accountID))
    }

    private func account(_ id: Int64) throws -> LeadRecord? {
        if let cached = accountCache[id] { return cached }
        guard let row = try accountRow.rows([id]).first else { return nil }
        let record = LeadColumns.read(LeadColumns.shared, from: row, crmID: row["crm_id"] ?? "")
        if accountCache.count > 50_000 { accountCache.removeAll(keepingCapacity: true) }
        accountCache[id] = record
        return record
    }

    /// The hash of a stored row's own values, for rows whose hash a migration left empty.
    private func ownHash(of id: Int64) throws -> String {
        let table = kind == .leads ? "leads" : "accounts"
        let extra = kind == .leads ? ", from_account, account_attribute_keys" : ""
        guard let row = try db.rows("SELECT crm_id, \(LeadColumns.names(columns))\(extra) FROM \(table) WHERE id = ?", [id]).first else { return "" }
        var record = LeadColumns.read(columns, from: row, crmID: row["crm_id"] ?? "")
        if kind == .leads { record = AccountFill.own(record, fromAccount: row.value("from_account").int64 ?? 0, attributeKeys: row["account_attribute_keys"]) }
        return LeadColumns.hash(record, columns)
    }

    /// After an accounts import: link waiting leads to the accounts this import touched, and give
    /// every linked lead whose state the account's values change a new state.
    private func propagateAccounts() throws {
        guard kind == .accounts, !touchedAccounts.isEmpty else { return }
        // One statement per key, each answered by an index (an OR of the three scanned every lead
        // of the source once per account: quadratic when accounts come after their leads). A
        // lead is linked by its account's id, else, when it names none, by domain, else by name.
        let linkByCRMID = try db.prepare("""
            UPDATE leads SET account_id = :account WHERE source = :source AND account_crm_id = :crm AND account_id IS NULL
            """)
        let linkByDomain = try db.prepare("""
            UPDATE leads SET account_id = :account
            WHERE source = :source AND domain = :domain AND account_id IS NULL AND account_crm_id IS NULL
            """)
        let linkByKey = try db.prepare("""
            UPDATE leads SET account_id = :account
            WHERE source = :source AND company_key = :key AND account_id IS NULL AND account_crm_id IS NULL
            """)
        let linked = try db.prepare("""
            SELECT id, crm_id, observed_at, state_hash, from_account, account_attribute_keys, \(LeadColumns.names(LeadColumns.lead))
            FROM leads WHERE account_id = ?
            """)
        let crmOf = try db.prepare("SELECT crm_id, domain, company_key FROM accounts WHERE id = ?")
        let setState = try db.prepare("""
            UPDATE leads SET \(LeadColumns.lead.map { "\($0.name) = ?" }.joined(separator: ", ")), observed_at = ?, state_id = ?, state_hash = ?,
                             from_account = ?, account_attribute_keys = ? WHERE id = ?
            """)
        for accountID in touchedAccounts {
            guard let row = try crmOf.rows([accountID]).first else { continue }
            if let crm: String = row["crm_id"] { try linkByCRMID.execute([":account": accountID, ":source": source, ":crm": crm]) }
            if let domain: String = row["domain"] { try linkByDomain.execute([":account": accountID, ":source": source, ":domain": domain]) }
            if let key: String = row["company_key"] { try linkByKey.execute([":account": accountID, ":source": source, ":key": key]) }
            guard let account = try account(accountID) else { continue }
            var leads: [(id: Int64, observedAt: String, hash: String, own: LeadRecord)] = []
            try linked.forEachRow([accountID]) { lead in
                let stored = LeadColumns.read(LeadColumns.lead, from: lead, crmID: lead["crm_id"] ?? "")
                let own = AccountFill.own(stored, fromAccount: lead.value("from_account").int64 ?? 0, attributeKeys: lead["account_attribute_keys"])
                var hash: String = lead["state_hash"] ?? ""
                if hash.isEmpty { hash = LeadColumns.hash(stored, LeadColumns.lead) }
                leads.append((lead["id"] ?? 0, lead["observed_at"] ?? "", hash, own))
            }
            for lead in leads {
                let state = State(own: lead.own, account: account)
                guard state.hash != lead.hash else { continue }
                if observedAt >= lead.observedAt {
                    try moveToHistory.execute([observedAt, lead.id])
                    setState.clearBindings()
                    var i = try LeadColumns.bind(state.values, to: setState, from: 1)
                    try setState.bind(text: observedAt, at: i); i += 1
                    i = try bindState(newStateID(), state, to: setState, from: i)
                    try setState.bind(int64: lead.id, at: i)
                    try setState.run()
                    states += 1
                } else {
                    try addOlderState(leadID: lead.id, state: state)
                }
            }
        }
    }
}

/// A lead state's own values, from the values stored with its account's filled in: bit `n` of
/// `from_account` is set when the `n`th of `FieldDescriptor.fromAccount` came from the account.
enum AccountFill {
    /// A stored state's own values: the ones its account gave removed.
    static func own(_ stored: LeadRecord, fromAccount bits: Int64, attributeKeys: String?) -> LeadRecord {
        var own = stored
        for (bit, field) in FieldDescriptor.fromAccount.enumerated() where bits & (1 << Int64(bit)) != 0 { field.clear(in: &own) }
        for key in (attributeKeys ?? "").split(separator: "\u{1F}") { own.attributes[String(key)] = nil }
        return own
    }
}
