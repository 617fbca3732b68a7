import LeadData
import ReevalStore

/// How a lead takes its account's values: the account it links to (by account id, else website
/// domain, else company name), and, after an accounts import, every linked lead whose state the
/// account's new values change gets a new state.
extension RecordWriter {
    /// The account a lead links to (by account id, else website domain, else company name) and
    /// its values, when the source has accounts.
    func accountFill(for prepared: PreparedRecord) throws -> (Int64?, LeadRecord?) {
        guard hasAccounts else { return (nil, nil) }
        let record = prepared.record
        var accountID: Int64?
        if let crm = record.accountID { accountID = try accountByCRMID.scalar([source, crm])?.int64 }
        if accountID == nil, let domain = record.domain { accountID = try accountByDomain.scalar([source, domain])?.int64 }
        if accountID == nil, let key = prepared.companyKey { accountID = try accountByKey.scalar([source, key])?.int64 }
        guard let accountID else { return (nil, nil) }
        return (accountID, try account(accountID))
    }

    func account(_ id: Int64) throws -> LeadRecord? {
        if let cached = accountCache[id] { return cached }
        accountRow.clearBindings()
        try accountRow.bind(int64: id, at: 1)
        defer { accountRow.reset() }
        guard try accountRow.step() else { return nil }
        let record = LeadColumns.read(LeadColumns.shared, from: accountRow, at: 1, crmID: accountRow.column(0).string ?? "")
        if accountCache.count > 50_000 { accountCache.removeAll(keepingCapacity: true) }
        accountCache[id] = record
        return record
    }

    /// After an accounts import: link waiting leads to the accounts this import touched, and give
    /// every linked lead whose state the account's values change a new state.
    func propagateAccounts() throws {
        guard kind == .accounts, !touchedAccounts.isEmpty else { return }
        try linkWaitingLeads()
        // Read by position, not by name: a name lookup scans the row's forty column names.
        let linked = try db.cachedStatement("""
            SELECT id, observed_at, state_hash, from_account, account_attribute_keys, crm_id, \(LeadColumns.names(LeadColumns.lead))
            FROM leads WHERE account_id = ?
            """)
        let setState = try db.cachedStatement("""
            UPDATE leads SET \(LeadColumns.lead.map { "\($0.name) = ?" }.joined(separator: ", ")), observed_at = ?, state_id = ?, state_hash = ?,
                             from_account = ?, account_attribute_keys = ? WHERE id = ?
            """)
        for accountID in touchedAccounts {
            guard let account = try account(accountID) else { continue }
            var leads: [(id: Int64, observedAt: String, hash: String, own: LeadRecord)] = []
            linked.clearBindings()
            try linked.bind(int64: accountID, at: 1)
            while try linked.step() {
                let stored = LeadColumns.read(LeadColumns.lead, from: linked, at: 6, crmID: linked.column(5).string ?? "")
                let own = AccountFill.own(stored, fromAccount: linked.column(3).int64 ?? 0, attributeKeys: linked.column(4).string)
                var hash = linked.column(2).string ?? ""
                if hash.isEmpty { hash = LeadColumns.hash(stored, LeadColumns.lead) }
                leads.append((linked.column(0).int64 ?? 0, linked.column(1).string ?? "", hash, own))
            }
            linked.reset()
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

    /// Links the leads still waiting for an account to the accounts this import touched: by the
    /// account's id, else (a lead naming no account id) by domain, else by company name. One
    /// set-based statement per key, joined through a keyed table of the touched accounts' keys
    /// (the lowest account id per key, as a lead's own import looks accounts up): a statement per
    /// account cost 120,000 statements for 40,000 accounts, 4.3 s in SQLite alone, against 0.9 s.
    private func linkWaitingLeads() throws {
        try db.execute("CREATE TEMP TABLE IF NOT EXISTS touched_accounts(id INTEGER PRIMARY KEY)")
        try db.execute("CREATE TEMP TABLE IF NOT EXISTS account_keys(key TEXT PRIMARY KEY, account INTEGER NOT NULL) WITHOUT ROWID")
        try db.execute("DELETE FROM temp.touched_accounts")
        let touch = try db.cachedStatement("INSERT OR IGNORE INTO temp.touched_accounts(id) VALUES (?)")
        for id in touchedAccounts { try touch.execute([id]) }
        // A lead naming an account id waits for that account only.
        let keys = [("crm_id", "account_crm_id", ""), ("domain", "domain", "AND leads.account_crm_id IS NULL"),
                    ("company_key", "company_key", "AND leads.account_crm_id IS NULL")]
        for (accountKey, leadKey, namesNoAccount) in keys {
            try db.execute("DELETE FROM temp.account_keys")
            try db.execute("""
                INSERT INTO temp.account_keys(key, account) SELECT \(accountKey), min(id) FROM accounts
                WHERE id IN temp.touched_accounts AND \(accountKey) IS NOT NULL GROUP BY 1
                """)
            try db.execute("""
                UPDATE leads SET account_id = k.account FROM temp.account_keys k
                WHERE leads.source = ? AND leads.account_id IS NULL AND leads.\(leadKey) = k.key \(namesNoAccount)
                """, [source])
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
