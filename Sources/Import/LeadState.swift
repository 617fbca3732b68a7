import LeadData
import ReevalStore

/// A lead's states: each is its own values filled from its account, hashed, and a state seen in
/// an export older than the stored one goes into `lead_history` at that export's date.
extension RecordWriter {
    /// A lead state: the lead's own values filled from its account, and which came from it.
    struct State {
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

    /// Adds a state seen in an export older than the stored one, at that export's date, unless
    /// the state in force on that date is the same.
    func addOlderState(leadID: Int64, state: State) throws {
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
}
