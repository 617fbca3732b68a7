import Foundation
import LeadData
import Reevaluation

/// `report.md`: the run for a chat or an email, in Markdown tables, no HTML.
public enum MarkdownReport {
    public static func render(_ r: RunReport, into out: inout ReportBuffer) {
        func line(_ text: String = "") { out.append(text); out.append("\n") }
        line("# Revived opportunities — run #\(r.runID), as of \(String(r.asOf.prefix(10)))")
        line()
        out.append("ICP in force: **")
        out.appendMarkdown(r.icpVersion)
        out.append("**; leads were judged at dismissal by ")
        for (i, version) in r.baselineVersions.enumerated() {
            if i > 0 { out.append(", ") }
            out.appendMarkdown(version)
        }
        line(".")
        if let since = r.since { line("Dismissed on or after \(since).") }
        if r.scoresTrimmed {
            line()
            line("This run's scores were trimmed by `--keep-runs`: its score chart is gone, and its leads' details are today's.")
        }
        line()
        line("| candidates | revived | new since the previous run |")
        line("|---:|---:|---:|")
        line("| \(r.candidates) | \(r.revived) | \(r.newRevived) |")
        line()
        line("## Left out")
        line()
        line(ReportText.leftOutIntro(r))
        for (cause, count) in r.excluded { line("- " + cause.phrase(count)) }
        line()
        line("## Why they are back")
        line()
        line("| reason | revived leads |")
        line("|---|---:|")
        for (kind, count) in r.byReason { line("| \(ReportText.reasonTitle(kind)) | \(count) |") }
        if !r.icpChanges.isEmpty {
            line()
            line("## What changed in the ICP")
            for (from, changes) in r.icpChanges {
                line()
                out.append("Since ")
                out.appendMarkdown(from)
                line(":")
                line()
                for change in changes {
                    out.append("- ")
                    out.appendMarkdown(change)
                    line()
                }
            }
        }
        line()
        line("## Revived leads by segment")
        for segment in r.segments {
            line()
            line("| \(segment.title) | revived |")
            line("|---|---:|")
            for (value, count) in segment.counts {
                out.append("| ")
                out.appendMarkdown(value)
                line(" | \(count) |")
            }
        }
        line()
        line("## Is the ICP right?")
        line()
        if let b = r.backtest {
            out.appendMarkdown("\(b.icp) on \(b.records) won and lost records, scored as they came in: win rate \(ReportText.percent(b.winRate)) overall.")
            line()
            line()
            line("| tier | records | won | win rate | lift |")
            line("|---|---:|---:|---:|---:|")
            for t in b.tiers where t.records > 0 {
                out.append("| ")
                out.appendMarkdown(t.tier ?? "none")
                line(" | \(t.records) | \(t.won) | \(ReportText.percent(t.winRate)) | \(String(format: "%.2f", b.lift(t))) |")
            }
            if b.sampleTooSmall { line(); line("The sample is too small to judge (fewer than 20 won or 20 lost).") }
        } else {
            line("No won or lost records to test the ICP on.")
        }
        line()
        line("## Revived accounts")
        line()
        if r.accounts.isEmpty {
            line("No revived lead is linked to an account.")
        } else {
            line("| account | CRM id | revived leads | best score | best tier | why |")
            line("|---|---|---:|---:|---|---|")
            for account in r.accounts {
                out.append("| ")
                out.appendMarkdown(account.company ?? "(no name)")
                out.append(" | ")
                out.appendMarkdown(account.source + " " + account.crmID)
                out.append(" | \(account.revivedLeads) | \(ReportText.number(account.bestScore)) | ")
                out.appendMarkdown(account.bestTier ?? "")
                line(" | " + account.reasonKinds.map(ReportText.reasonTitle).joined(separator: "; ") + " |")
            }
        }
        line()
        line("## Ranked list")
        line()
        line("| # | company | CRM id | owner | lifecycle | dismissed | score | tier | why |")
        line("|---:|---|---|---|---|---|---|---|---|")
        for lead in r.leads {
            out.append("| ")
            out.append(lead.rank)
            out.append(" | ")
            out.appendMarkdown(lead.company ?? "(no name)")
            if lead.isNew { out.append(" 🆕") }
            out.append(" | ")
            out.appendMarkdown(lead.source)
            out.append(" ")
            out.appendMarkdown(lead.object)
            out.append(" ")
            out.appendMarkdown(lead.crmID)
            out.append(" | ")
            out.appendMarkdown(lead.owner ?? "")
            out.append(" | ")
            out.append(ReportText.dismissal(lead.lifecycle))
            out.append(" | ")
            out.append(String((lead.dismissedAt ?? "").prefix(10)))
            out.append(" | ")
            out.append(ReportText.number(lead.baselineScore))
            out.append(" → ")
            out.append(ReportText.number(lead.score))
            out.append(" | ")
            out.appendMarkdown(lead.baselineTier ?? "–")
            out.append(" → ")
            out.appendMarkdown(lead.tier)
            out.append(" | ")
            for (i, reason) in lead.reasons.enumerated() {
                if i > 0 { out.append("; ") }
                out.appendMarkdown(reason.detail)
            }
            line(" |")
        }
        line()
        line("## Worth enriching")
        line()
        if r.worthEnriching.isEmpty {
            line("No candidate would reach the revival tier by filling in its unknown values.")
        } else {
            line("Not revived, but would be if their unknown values matched: missing data is a to-do, not a miss. By field: "
                 + r.enrichByField.map { "\($0.field) \($0.count)" }.joined(separator: ", ") + ".")
            line()
            for item in r.worthEnriching {
                out.append("- ")
                out.appendMarkdown((item.company ?? "(no name)") + " [" + item.crmID + "]: " + item.fields + " unknown: +"
                                   + ReportText.number(item.gain) + " would make it " + item.tier)
                line()
            }
        }
        line()
        line("## Data quality: unknown values among the candidates")
        line()
        if r.unknownByCriterion.isEmpty {
            line("Every criterion could be evaluated for every candidate.")
        } else {
            line("| criterion | field | candidates with no value |")
            line("|---|---|---:|")
            for item in r.unknownByCriterion {
                out.append("| ")
                out.appendMarkdown(item.id)
                out.append(" | ")
                out.appendMarkdown(item.field)
                line(" | \(item.count) |")
            }
        }
        if !r.unreadableValues.isEmpty {
            line()
            line("Values the imports could not read (left empty, kept in each record's `unreadable`): fix the mapping or the CRM.")
            line()
            line("| export column | most frequent unreadable values |")
            line("|---|---|")
            for (column, values) in r.unreadableValues {
                out.append("| ")
                out.appendMarkdown(column)
                out.append(" | ")
                for (i, value) in values.enumerated() {
                    if i > 0 { out.append(", ") }
                    out.appendMarkdown("\"\(value.text)\" \(value.count)")
                }
                line(" |")
            }
        }
    }
}

/// Words and numbers shared by the renderers.
enum ReportText {
    /// How a lead was dropped, as the "dismissed" column heads its date: an open lead was not
    /// dropped by anyone, it went quiet, so it reads "dormant since".
    static func dismissal(_ lifecycle: String) -> String {
        lifecycle == "open" ? "dormant since" : lifecycle
    }

    static func reasonTitle(_ kind: String) -> String {
        switch kind {
        case "icp_change": return "The ICP changed"
        case "data_change": return "The company changed"
        case "trigger": return "A buying trigger fired"
        case "lost_reason_resolved": return "The product gap was closed"
        default: return kind
        }
    }

    /// The first sentence of the "Left out" section.
    static func leftOutIntro(_ r: RunReport) -> String {
        r.excluded.isEmpty ? "Nothing: every dismissed lead was judged."
            : "These dismissed leads were not judged (fill in their dates in the CRM, or widen `--since`):"
    }

    static func percent(_ v: Double) -> String { String(format: "%.1f%%", v * 100) }

    static func number(_ v: Double) -> String {
        Int64(exactly: v) != nil && abs(v) < 1e15 ? NumberRange.text(v) : String(format: "%.1f", v)
    }
}
