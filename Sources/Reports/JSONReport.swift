import LeadData
import Reevaluation

/// `run.json`: the report's data for scripts, with a stable shape (keys sorted, two-space indent):
/// `{accounts: [{source, crm_id, company, revived_leads, best_score, best_tier, reason_kinds}], run_id, as_of, since, icp_version, baseline_versions, candidates, revived, new, by_reason, excluded,
///   icp_changes: [{from, changes}], segments: {industry, size, country},
///   leads: [{rank, source, object, crm_id, company, owner, lifecycle, dismissed_at, baseline_icp,
///            baseline_score, baseline_tier, score, tier, is_new, reasons: [{kind, id, points_before, points_after, detail}]}],
///   unknown_values: [{criterion, field, candidates}]}`.
///
/// Written straight into bytes, members in sorted key order, rather than built as a tree and
/// sorted per object: a 50,000-lead run would otherwise sort 750,000 keys.
public enum JSONReport {
    public static func render(_ r: RunReport, into buffer: inout ReportBuffer) {
        var out = JSONLayout(buffer: buffer)
        buffer = ReportBuffer(capacity: 0)
        out.openObject()
        out.key("accounts")
        writeAccounts(r.accounts, to: &out)
        out.key("as_of"); out.buffer.appendJSON(r.asOf)
        out.key("scores_trimmed"); out.buffer.append(r.scoresTrimmed ? "true" : "false")
        out.key("backtest")
        writeBacktest(r.backtest, to: &out)
        out.key("baseline_versions"); out.array(r.baselineVersions) { $0.buffer.appendJSON($1) }
        out.key("by_reason"); out.counts(r.byReason.map { ($0.kind, $0.count) })
        out.key("candidates"); out.buffer.append(r.candidates)
        out.key("excluded"); out.counts(r.excluded.map { ($0.cause.rawValue, $0.count) })
        out.key("icp_changes")
        out.array(r.icpChanges) { out, change in
            out.openObject()
            out.key("changes"); out.array(change.changes) { $0.buffer.appendJSON($1) }
            out.key("from"); out.buffer.appendJSON(change.from)
            out.closeObject()
        }
        out.key("icp_version"); out.buffer.appendJSON(r.icpVersion)
        out.key("leads")
        out.array(r.leads) { out, lead in writeLead(lead, to: &out.buffer) }
        out.key("new"); out.buffer.append(r.newRevived)
        out.key("revived"); out.buffer.append(r.revived)
        out.key("run_id"); out.buffer.append(r.runID)
        out.key("segments")
        out.openObject()
        for segment in r.segments.sorted(by: { $0.name < $1.name }) {
            out.key(segment.name); out.counts(segment.counts.map { ($0.value, $0.count) })
        }
        out.closeObject()
        out.key("since"); out.buffer.appendJSON(r.since)
        out.key("unknown_values")
        out.array(r.unknownByCriterion) { out, item in
            out.openObject()
            out.key("candidates"); out.buffer.append(item.count)
            out.key("criterion"); out.buffer.appendJSON(item.id)
            out.key("field"); out.buffer.appendJSON(item.field)
            out.closeObject()
        }
        out.closeObject()
        out.buffer.append("\n")
        buffer = out.buffer
    }

    private static func writeAccounts(_ accounts: [RunReport.Account], to out: inout JSONLayout) {
        out.array(accounts) { out, account in
            out.openObject()
            out.key("best_score"); out.buffer.append(JSONText.number(account.bestScore))
            out.key("best_tier"); out.buffer.appendJSON(account.bestTier)
            out.key("company"); out.buffer.appendJSON(account.company)
            out.key("crm_id"); out.buffer.appendJSON(account.crmID)
            out.key("reason_kinds"); out.array(account.reasonKinds) { $0.buffer.appendJSON($1) }
            out.key("revived_leads"); out.buffer.append(account.revivedLeads)
            out.key("source"); out.buffer.appendJSON(account.source)
            out.closeObject()
        }
    }

    private static func writeBacktest(_ backtest: Backtest.Result?, to out: inout JSONLayout) {
        if let b = backtest {
            out.openObject()
            out.key("icp"); out.buffer.appendJSON(b.icp)
            out.key("records"); out.buffer.append(b.records)
            out.key("tiers")
            out.array(b.tiers) { out, t in
                out.openObject()
                out.key("lift"); out.buffer.append(JSONText.number((b.lift(t) * 10_000).rounded() / 10_000))
                out.key("records"); out.buffer.append(t.records)
                out.key("tier"); out.buffer.appendJSON(t.tier)
                out.key("win_rate"); out.buffer.append(JSONText.number((t.winRate * 10_000).rounded() / 10_000))
                out.key("won"); out.buffer.append(t.won)
                out.closeObject()
            }
            out.key("win_rate"); out.buffer.append(JSONText.number((b.winRate * 10_000).rounded() / 10_000))
            out.key("won"); out.buffer.append(b.won)
            out.closeObject()
        } else {
            out.buffer.append("null")
        }
    }

    /// One element of `leads`, at its fixed depth (members indented by six spaces), with its
    /// keys in sorted order: written from literal pieces, the bulk of the file.
    private static func writeLead(_ lead: RunReport.Lead, to out: inout ReportBuffer) {
        out.append("{\n      \"baseline_icp\": "); out.appendJSON(lead.baselineICP)
        out.append(",\n      \"baseline_score\": "); out.append(JSONText.number(lead.baselineScore))
        out.append(",\n      \"baseline_tier\": "); out.appendJSON(lead.baselineTier)
        out.append(",\n      \"company\": "); out.appendJSON(lead.company)
        out.append(",\n      \"crm_id\": "); out.appendJSON(lead.crmID)
        out.append(",\n      \"dismissed_at\": "); out.appendJSON(lead.dismissedAt)
        out.append(",\n      \"is_new\": "); out.append(lead.isNew ? "true" : "false")
        out.append(",\n      \"lifecycle\": "); out.appendJSON(lead.lifecycle)
        out.append(",\n      \"object\": "); out.appendJSON(lead.object)
        out.append(",\n      \"owner\": "); out.appendJSON(lead.owner)
        out.append(",\n      \"rank\": "); out.append(lead.rank)
        out.append(",\n      \"reasons\": ")
        if lead.reasons.isEmpty {
            out.append("[]")
        } else {
            out.append("[")
            for (i, reason) in lead.reasons.enumerated() {
                out.append(i == 0 ? "\n        {\n          \"detail\": " : ",\n        {\n          \"detail\": ")
                out.appendJSON(reason.detail)
                out.append(",\n          \"id\": "); out.appendJSON(reason.id)
                out.append(",\n          \"kind\": "); out.appendJSON(reason.kind)
                out.append(",\n          \"points_after\": "); out.append(JSONText.number(reason.after))
                out.append(",\n          \"points_before\": "); out.append(JSONText.number(reason.before))
                out.append("\n        }")
            }
            out.append("\n      ]")
        }
        out.append(",\n      \"score\": "); out.append(JSONText.number(lead.score))
        out.append(",\n      \"source\": "); out.appendJSON(lead.source)
        out.append(",\n      \"tier\": "); out.appendJSON(lead.tier)
        out.append("\n    }")
    }
}

/// Pretty-printed JSON written in order: tracks nesting for indentation and commas. Callers
/// write each object's keys in sorted order themselves.
struct JSONLayout {
    var buffer: ReportBuffer
    /// Per open container: whether it has a member yet.
    private var hasMember: [Bool] = []

    init(buffer: ReportBuffer) {
        self.buffer = buffer
    }

    private static let indents: [String] = (0..<16).map { String(repeating: "  ", count: $0) }

    private mutating func newline(_ level: Int) {
        buffer.append("\n")
        buffer.append(level < Self.indents.count ? Self.indents[level] : String(repeating: "  ", count: level))
    }

    /// Starts a member or element: a comma after the previous one, a new line, the indent.
    private mutating func member() {
        if hasMember[hasMember.count - 1] { buffer.append(",") }
        hasMember[hasMember.count - 1] = true
        newline(hasMember.count)
    }

    mutating func openObject() {
        buffer.append("{")
        hasMember.append(false)
    }

    mutating func closeObject() {
        let had = hasMember.removeLast()
        if had { newline(hasMember.count) }
        buffer.append("}")
    }

    /// A member's key; keys are this file's own ASCII names, so they need no escaping.
    mutating func key(_ name: String) {
        member()
        buffer.append("\"")
        buffer.append(name)
        buffer.append("\": ")
    }

    mutating func array<T>(_ items: [T], _ element: (inout JSONLayout, T) -> Void) {
        guard !items.isEmpty else { buffer.append("[]"); return }
        buffer.append("[")
        hasMember.append(false)
        for item in items {
            member()
            element(&self, item)
        }
        hasMember.removeLast()
        newline(hasMember.count)
        buffer.append("]")
    }

    /// An object of counts with sorted keys: `{"a": 1, …}`.
    mutating func counts(_ pairs: [(String, Int)]) {
        openObject()
        for (name, count) in pairs.sorted(by: { $0.0 < $1.0 }) {
            member()
            buffer.appendJSON(name)
            buffer.append(": ")
            buffer.append(count)
        }
        closeObject()
    }
}
