import Foundation
import LeadData
import ReevalStore

/// Writes normalised records into `leads`, `accounts` and `lead_snapshots` with prepared
/// statements, inside the import's transaction.
///
/// Upsert is by (source, object, CRM id). A lead's snapshot records its own values filled from
/// its account, so a company that grew shows up in the history of every lead linked to it.
final class RecordWriter {
    enum Outcome { case inserted, updated, unchanged }

    private let db: Database
    private let kind: RecordKind
    private let source: String
    private let object: String
    private let importID: Int64
    private let observedAt: String

    private let find: Statement
    private let insert: Statement
    private let update: Statement
    private let touch: Statement
    private let snapshotHash: Statement
    private let insertSnapshot: Statement
    private let accountByCRMID: Statement
    private let accountByDomain: Statement
    private let accountByKey: Statement
    private let accountRow: Statement
    private let setAccount: Statement
    private var accountCache: [Int64: LeadRecord] = [:]
    /// Whether this source has any account to link to; when not, linking is skipped per row.
    private let hasAccounts: Bool
    /// Whether the table held no record of this source and object when the import began: a
    /// first import, where looking each id up first would find nothing.
    private let startedEmpty: Bool
    /// Accounts inserted or changed by this import: their leads are linked and re-snapshotted.
    private(set) var touchedAccounts: [Int64] = []
    private(set) var snapshots = 0

    /// The record columns shared by `leads` and `accounts`, in statement order.
    static let sharedColumns = ["company", "company_key", "domain", "industry", "employees_low", "employees_high",
                                "annual_revenue_low", "annual_revenue_high", "country", "region", "city", "business_model",
                                "technologies", "funding_stage", "last_funding_at", "owner", "created_at", "last_activity_at",
                                "modified_at", "attributes", "observed_at", "data_hash"]
    static let leadColumns = sharedColumns + ["account_crm_id", "title", "email", "lead_source", "status", "lifecycle",
                                              "lost_reason", "closed_at"]

    init(db: Database, kind: RecordKind, source: String, object: String, importID: Int64, observedAt: Timestamp) throws {
        self.db = db
        self.kind = kind
        self.source = source
        self.object = object
        self.importID = importID
        self.observedAt = observedAt.iso
        let table = kind == .leads ? "leads" : "accounts"
        let columns = kind == .leads ? Self.leadColumns : Self.sharedColumns
        find = try db.prepare("SELECT id, data_hash, observed_at FROM \(table) WHERE source = ? AND object = ? AND crm_id = ?")
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        insert = try db.prepare("""
            INSERT INTO \(table)(source, object, crm_id, first_import_id, last_import_id, \(columns.joined(separator: ", ")))
            VALUES (?, ?, ?, ?, ?, \(placeholders))
            """)
        update = try db.prepare("""
            UPDATE \(table) SET last_import_id = ?, \(columns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?
            """)
        touch = try db.prepare("UPDATE \(table) SET last_import_id = ? WHERE id = ?")
        snapshotHash = try db.prepare("""
            SELECT data_hash FROM lead_snapshots WHERE lead_id = ? AND observed_at <= ?
            ORDER BY observed_at DESC, id DESC LIMIT 1
            """)
        insertSnapshot = try db.prepare("INSERT INTO lead_snapshots(lead_id, observed_at, import_id, data, data_hash) VALUES (?, ?, ?, ?, ?)")
        accountByCRMID = try db.prepare("SELECT id FROM accounts WHERE source = ? AND crm_id = ? ORDER BY id LIMIT 1")
        accountByDomain = try db.prepare("SELECT id FROM accounts WHERE source = ? AND domain = ? ORDER BY id LIMIT 1")
        accountByKey = try db.prepare("SELECT id FROM accounts WHERE source = ? AND company_key = ? ORDER BY id LIMIT 1")
        accountRow = try db.prepare("SELECT * FROM accounts WHERE id = ?")
        setAccount = try db.prepare("UPDATE leads SET account_id = ? WHERE id = ?")
        hasAccounts = try db.scalar("SELECT EXISTS (SELECT 1 FROM accounts WHERE source = ?)", [source])?.int == 1
        startedEmpty = try db.scalar("SELECT NOT EXISTS (SELECT 1 FROM \(table) WHERE source = ? AND object = ?)", [source, object])?.int == 1
    }

    /// Inserts or updates one record; a lead also gets a snapshot when its data changed.
    func write(_ prepared: PreparedRecord) throws -> Outcome {
        let record = prepared.record
        let hash = prepared.hash
        var existing: (id: Int64, hash: String, observedAt: String)?
        if startedEmpty {
            // Nothing to update: insert straight away, and look up only an id the file repeats.
            var inserted: Int64?
            do {
                inserted = try insertRow(prepared)
            } catch let error as DatabaseError where error.isUniqueViolation {
                existing = try existingRow(record.crmID)
            }
            if let inserted { return try finish(prepared, rowID: inserted, outcome: .inserted) }
        } else {
            existing = try existingRow(record.crmID)
        }
        var outcome = Outcome.inserted
        var rowID: Int64
        if let existing {
            rowID = existing.id
            let storedAt = existing.observedAt
            if existing.hash == hash {
                outcome = .unchanged
                try touch.execute([importID, rowID])
            } else {
                outcome = .updated
                // An older export imported after a newer one adds history but does not
                // overwrite the newest values.
                if observedAt >= storedAt {
                    update.clearBindings()
                    try update.bind(int64: importID, at: 1)
                    let next = try bindColumns(prepared, to: update, from: 2)
                    try update.bind(int64: rowID, at: next)
                    try update.run()
                } else {
                    try touch.execute([importID, rowID])
                }
            }
        } else {
            rowID = try insertRow(prepared)
        }
        return try finish(prepared, rowID: rowID, outcome: outcome)
    }

    private func existingRow(_ crmID: String) throws -> (id: Int64, hash: String, observedAt: String)? {
        find.clearBindings()
        try find.bind(text: source, at: 1)
        try find.bind(text: object, at: 2)
        try find.bind(text: crmID, at: 3)
        defer { find.reset() }
        return try find.step() ? (find.column(0).int64 ?? 0, find.column(1).string ?? "", find.column(2).string ?? "") : nil
    }

    private func insertRow(_ prepared: PreparedRecord) throws -> Int64 {
        insert.clearBindings()
        try insert.bind(text: source, at: 1)
        try insert.bind(text: object, at: 2)
        try insert.bind(text: prepared.record.crmID, at: 3)
        try insert.bind(int64: importID, at: 4)
        try insert.bind(int64: importID, at: 5)
        _ = try bindColumns(prepared, to: insert, from: 6)
        try insert.run()
        return db.lastInsertedRowID
    }

    /// What follows a written row: an account is remembered for propagation; a lead is linked
    /// to its account and snapshotted when its data changed.
    private func finish(_ prepared: PreparedRecord, rowID: Int64, outcome: Outcome) throws -> Outcome {
        let record = prepared.record
        if kind == .accounts {
            if outcome != .unchanged {
                touchedAccounts.append(rowID)
                accountCache[rowID] = nil
            }
            return outcome
        }
        if outcome != .unchanged {
            let accountID = hasAccounts ? try linkAccount(leadID: rowID, record: record, companyKey: prepared.companyKey) : nil
            // A new lead has no snapshot to compare with.
            try snapshot(leadID: rowID, record: record, json: prepared.json, hash: prepared.hash, accountID: accountID, isNew: outcome == .inserted)
        }
        return outcome
    }

    /// Links a lead to its account: by account id, else website domain, else company name.
    private func linkAccount(leadID: Int64, record: LeadRecord, companyKey: String?) throws -> Int64? {
        var accountID: Int64?
        if let crm = record.accountID { accountID = try accountByCRMID.scalar([source, crm])?.int64 }
        if accountID == nil, let domain = record.domain {
            accountID = try accountByDomain.scalar([source, domain])?.int64
        }
        if accountID == nil, let key = companyKey {
            accountID = try accountByKey.scalar([source, key])?.int64
        }
        try setAccount.execute([accountID, leadID])
        return accountID
    }

    /// Records the lead's merged data as of this import, unless the last snapshot already says it.
    /// `json` and `hash` are the record's own; they are recomputed only when an account fills in.
    private func snapshot(leadID: Int64, record: LeadRecord, json: [UInt8], hash: String, accountID: Int64?, isNew: Bool = false) throws {
        var json = json, hash = hash
        if let accountID, let account = try account(accountID) {
            let merged = record.filled(from: account)
            if merged != record {
                json = merged.jsonBytes
                hash = LeadRecord.hash(jsonBytes: json)
            }
        }
        if !isNew, try snapshotHash.scalar([leadID, observedAt])?.string == hash { return }
        insertSnapshot.clearBindings()
        try insertSnapshot.bind(int64: leadID, at: 1)
        try insertSnapshot.bind(text: observedAt, at: 2)
        try insertSnapshot.bind(int64: importID, at: 3)
        try insertSnapshot.bind(utf8: json, at: 4)
        try insertSnapshot.bind(text: hash, at: 5)
        try insertSnapshot.run()
        snapshots += 1
    }

    private func account(_ id: Int64) throws -> LeadRecord? {
        if let cached = accountCache[id] { return cached }
        guard let row = try accountRow.rows([id]).first else { return nil }
        let record = LeadRecord(storedRow: row)
        if accountCache.count > 50_000 { accountCache.removeAll(keepingCapacity: true) }
        accountCache[id] = record
        return record
    }

    /// After an accounts import: link waiting leads to the accounts this import touched, and
    /// snapshot every linked lead whose merged data changed.
    func propagateAccounts() throws {
        guard kind == .accounts, !touchedAccounts.isEmpty else { return }
        let link = try db.prepare("""
            UPDATE leads SET account_id = :account
            WHERE source = :source AND account_id IS NULL
              AND (account_crm_id = :crm
                   OR (account_crm_id IS NULL AND ((:domain IS NOT NULL AND domain = :domain)
                                                   OR (:key IS NOT NULL AND company_key = :key))))
            """)
        let linked = try db.prepare("SELECT * FROM leads WHERE account_id = ?")
        let crmOf = try db.prepare("SELECT crm_id, domain, company_key FROM accounts WHERE id = ?")
        for accountID in touchedAccounts {
            guard let row = try crmOf.rows([accountID]).first else { continue }
            try link.execute([":account": accountID, ":source": source, ":crm": row["crm_id"] as String?,
                              ":domain": row["domain"] as String?, ":key": row["company_key"] as String?])
            var leads: [(Int64, LeadRecord)] = []
            try linked.forEachRow([accountID]) { lead in leads.append((lead["id"] ?? 0, LeadRecord(storedRow: lead))) }
            for (leadID, record) in leads {
                let json = record.jsonBytes
                try snapshot(leadID: leadID, record: record, json: json, hash: LeadRecord.hash(jsonBytes: json), accountID: accountID)
            }
        }
    }

    /// Binds the record columns (``sharedColumns``, then ``leadColumns``' own for leads) from
    /// parameter `start` on; returns the next free parameter.
    private func bindColumns(_ p: PreparedRecord, to statement: Statement, from start: Int) throws -> Int {
        let r = p.record
        var i = start
        func text(_ value: String?) throws { try statement.bind(text: value, at: i); i += 1 }
        func real(_ value: Double?) throws { try statement.bind(double: value, at: i); i += 1 }
        func integer(_ value: Double?) throws { try statement.bind(int64: value.flatMap { Int64(exactly: $0.rounded()) }, at: i); i += 1 }
        try text(r.company); try text(p.companyKey); try text(r.domain); try text(r.industry)
        try integer(r.employees?.low); try integer(r.employees?.high)
        try real(r.annualRevenue?.low); try real(r.annualRevenue?.high)
        try text(r.country); try text(r.region); try text(r.city); try text(r.businessModel)
        if let technologies = p.technologiesJSON { try statement.bind(utf8: technologies, at: i) }
        i += 1
        try text(r.fundingStage); try text(r.lastFundingAt?.iso); try text(r.owner)
        try text(r.createdAt?.iso); try text(r.lastActivityAt?.iso); try text(r.modifiedAt?.iso)
        try statement.bind(utf8: p.attributesJSON, at: i); i += 1
        try text(observedAt); try text(p.hash)
        if kind == .leads {
            try text(r.accountID); try text(r.title); try text(r.email); try text(r.leadSource); try text(r.status)
            try text(r.lifecycle.rawValue); try text(r.lostReason); try text(r.closedAt?.iso)
        }
        return i
    }
}

extension LeadRecord {
    /// A record read back from a `leads` or `accounts` row.
    public init(storedRow row: Row) {
        self.init(crmID: row["crm_id"] ?? "", lifecycle: (row["lifecycle"] as String?).flatMap(Lifecycle.init(rawValue:)) ?? .open)
        func date(_ column: String) -> Timestamp? { (row[column] as String?).flatMap { DateParser(order: .yearMonthDay).parse($0) } }
        func range(_ prefix: String) -> NumberRange? {
            guard let low: Double = row[prefix + "_low"] else { return nil }
            return NumberRange(low: low, high: row[prefix + "_high"])
        }
        company = row["company"]; domain = row["domain"]; industry = row["industry"]
        employees = range("employees"); annualRevenue = range("annual_revenue")
        country = row["country"]; region = row["region"]; city = row["city"]; businessModel = row["business_model"]
        if let tech: String = row["technologies"], let list = try? JSONSerialization.jsonObject(with: Data(tech.utf8)) as? [String] {
            technologies = list
        }
        fundingStage = row["funding_stage"]; lastFundingAt = date("last_funding_at")
        title = row["title"]; email = row["email"]; owner = row["owner"]; leadSource = row["lead_source"]
        status = row["status"]; lostReason = row["lost_reason"]
        createdAt = date("created_at"); lastActivityAt = date("last_activity_at"); closedAt = date("closed_at"); modifiedAt = date("modified_at")
        accountID = row["account_crm_id"]
        if let text: String = row["attributes"], let map = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String] {
            attributes = map
        }
    }
}
