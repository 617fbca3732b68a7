import Foundation

/// `report.md`: the run for a chat or an email, in Markdown tables, no HTML.
public enum MarkdownReport {
    public static func render(_ r: RunReport) -> String {
        let md = Escaping.markdown
        var lines: [String] = []
        lines.append("# Revived opportunities — run #\(r.runID), as of \(String(r.asOf.prefix(10)))")
        lines.append("")
        lines.append("ICP in force: **\(md(r.icpVersion))**; leads were judged at dismissal by \(r.baselineVersions.map(md).joined(separator: ", ")).")
        if let since = r.since { lines.append("Dismissed on or after \(since).") }
        lines.append("")
        lines.append("| candidates | revived | new since the previous run |")
        lines.append("|---:|---:|---:|")
        lines.append("| \(r.candidates) | \(r.revived) | \(r.newRevived) |")
        lines.append("")
        lines.append("## Why they are back")
        lines.append("")
        lines.append("| reason | revived leads |")
        lines.append("|---|---:|")
        for (kind, count) in r.byReason { lines.append("| \(ReportText.reasonTitle(kind)) | \(count) |") }
        if !r.icpChanges.isEmpty {
            lines.append("")
            lines.append("## What changed in the ICP")
            for (from, changes) in r.icpChanges {
                lines.append("")
                lines.append("Since \(md(from)):")
                lines.append("")
                for change in changes { lines.append("- \(md(change))") }
            }
        }
        lines.append("")
        lines.append("## Revived leads by segment")
        for (title, key) in ReportText.segmentKeys {
            lines.append("")
            lines.append("| \(title) | revived |")
            lines.append("|---|---:|")
            for (value, count) in r.segments(key) { lines.append("| \(md(value)) | \(count) |") }
        }
        lines.append("")
        lines.append("## Ranked list")
        lines.append("")
        lines.append("| # | company | CRM id | owner | lifecycle | dismissed | score | tier | why |")
        lines.append("|---:|---|---|---|---|---|---|---|---|")
        for lead in r.leads {
            let company = md(lead.company ?? "(no name)") + (lead.isNew ? " 🆕" : "")
            let crm = md("\(lead.source) \(lead.object) \(lead.crmID)")
            let score = "\(ReportText.number(lead.baselineScore)) → \(ReportText.number(lead.score))"
            let tier = "\(md(lead.baselineTier ?? "–")) → \(md(lead.tier))"
            let why = lead.reasons.map { md($0.detail) }.joined(separator: "; ")
            lines.append("| \(lead.rank) | \(company) | \(crm) | \(md(lead.owner ?? "")) | \(lead.lifecycle) | \(String((lead.dismissedAt ?? "").prefix(10))) | \(score) | \(tier) | \(why) |")
        }
        lines.append("")
        lines.append("## Data quality: unknown values among the candidates")
        lines.append("")
        if r.unknownByCriterion.isEmpty {
            lines.append("Every criterion could be evaluated for every candidate.")
        } else {
            lines.append("| criterion | field | candidates with no value |")
            lines.append("|---|---|---:|")
            for item in r.unknownByCriterion { lines.append("| \(md(item.id)) | \(md(item.field)) | \(item.count) |") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Words and numbers shared by the renderers.
enum ReportText {
    static func reasonTitle(_ kind: String) -> String {
        switch kind {
        case "icp_change": return "The ICP changed"
        case "data_change": return "The company changed"
        case "trigger": return "A buying trigger fired"
        case "lost_reason_resolved": return "The product gap was closed"
        default: return kind
        }
    }

    static let segmentKeys: [(String, @Sendable (RunReport.Lead) -> String)] = [
        ("industry", { $0.industry ?? "unknown" }),
        ("size (employees)", { RunReport.sizeBand($0) }),
        ("country", { $0.country ?? "unknown" }),
    ]

    static func number(_ v: Double) -> String {
        v == v.rounded() ? String(Int64(v)) : String(format: "%.1f", v)
    }
}
