import Foundation
import LeadData
import Reevaluation

/// `report.md`: the run for a chat or an email, in Markdown tables, no HTML.
public enum MarkdownReport {
    public static func render(_ r: RunReport, into out: inout ReportBuffer) {
        summary(r, &out)
        leftOut(r, &out)
        reasons(r, &out)
        icpChanges(r, &out)
        segments(r, &out)
        backtest(r, &out)
        accounts(r, &out)
        rankedList(r, &out)
        worthEnriching(r, &out)
        dataQuality(r, &out)
    }

    /// The title, the ICP in force and the versions of the baselines, and the counts.
    private static func summary(_ r: RunReport, _ out: inout ReportBuffer) {
        out.line("# Revived opportunities — run #\(r.runID), as of \(String(r.asOf.prefix(10)))")
        out.line()
        out.append("ICP in force: **")
        out.appendMarkdown(r.icpVersion)
        out.append("**; leads were judged at dismissal by ")
        for (i, version) in r.baselineVersions.enumerated() {
            if i > 0 { out.append(", ") }
            out.appendMarkdown(version)
        }
        out.line(".")
        if let since = r.since { out.line("Dismissed on or after \(since).") }
        if r.scoresTrimmed {
            out.line()
            out.line("This run's scores were trimmed by `--keep-runs`: its score chart is gone, and its leads' details are today's.")
        }
        out.line()
        out.line("| candidates | revived | new since the previous run |")
        out.line("|---:|---:|---:|")
        out.line("| \(r.candidates) | \(r.revived) | \(r.newRevived) |")
    }

    /// The dismissed leads no rule judged, by cause.
    private static func leftOut(_ r: RunReport, _ out: inout ReportBuffer) {
        out.line()
        out.line("## Left out")
        out.line()
        out.line(ReportText.leftOutIntro(r))
        for (cause, count) in r.excluded { out.line("- " + cause.phrase(count)) }
    }

    /// How many revived leads each kind of reason brought back.
    private static func reasons(_ r: RunReport, _ out: inout ReportBuffer) {
        out.line()
        out.line("## Why they are back")
        out.line()
        out.line("| reason | revived leads |")
        out.line("|---|---:|")
        for (kind, count) in r.byReason { out.line("| \(ReportText.reasonTitle(kind)) | \(count) |") }
    }

    /// What changed between each baseline version and the version in force.
    private static func icpChanges(_ r: RunReport, _ out: inout ReportBuffer) {
        if !r.icpChanges.isEmpty {
            out.line()
            out.line("## What changed in the ICP")
            for (from, changes) in r.icpChanges {
                out.line()
                out.append("Since ")
                out.appendMarkdown(from)
                out.line(":")
                out.line()
                for change in changes {
                    out.append("- ")
                    out.appendMarkdown(change)
                    out.line()
                }
            }
        }
    }

    /// The revived leads counted by each segment field.
    private static func segments(_ r: RunReport, _ out: inout ReportBuffer) {
        out.line()
        out.line("## Revived leads by segment")
        for segment in r.segments {
            out.line()
            out.line("| \(segment.title) | revived |")
            out.line("|---|---:|")
            for (value, count) in segment.counts {
                out.append("| ")
                out.appendMarkdown(value)
                out.line(" | \(count) |")
            }
        }
    }

    /// The version in force on the won and lost records, tier by tier.
    private static func backtest(_ r: RunReport, _ out: inout ReportBuffer) {
        out.line()
        out.line("## Is the ICP right?")
        out.line()
        if let b = r.backtest {
            out.appendMarkdown("\(b.icp) on \(b.records) won and lost records, scored as they came in: win rate \(Figures.percent(b.winRate)) overall.")
            out.line()
            out.line()
            out.line("| tier | records | won | win rate | lift |")
            out.line("|---|---:|---:|---:|---:|")
            for t in b.tiers where t.records > 0 {
                out.append("| ")
                out.appendMarkdown(t.tier ?? "none")
                out.line(" | \(t.records) | \(t.won) | \(Figures.percent(t.winRate)) | \(Figures.decimal(b.lift(t), digits: 2)) |")
            }
            if b.sampleTooSmall { out.line(); out.line("The sample is too small to judge (fewer than 20 won or 20 lost).") }
        } else {
            out.line("No won or lost records to test the ICP on.")
        }
    }

    /// The accounts of the revived leads.
    private static func accounts(_ r: RunReport, _ out: inout ReportBuffer) {
        out.line()
        out.line("## Revived accounts")
        out.line()
        if r.accounts.isEmpty {
            out.line("No revived lead is linked to an account.")
        } else {
            out.line("| account | CRM id | revived leads | best score | best tier | why |")
            out.line("|---|---|---:|---:|---|---|")
            for account in r.accounts {
                out.append("| ")
                out.appendMarkdown(account.company ?? "(no name)")
                out.append(" | ")
                out.appendMarkdown(account.source + " " + account.crmID)
                out.append(" | \(account.revivedLeads) | \(Figures.score(account.bestScore)) | ")
                out.appendMarkdown(account.bestTier ?? "")
                out.line(" | " + account.reasonKinds.map(ReportText.reasonTitle).joined(separator: "; ") + " |")
            }
        }
    }

    /// Every revived lead, in rank order, with its reasons.
    private static func rankedList(_ r: RunReport, _ out: inout ReportBuffer) {
        out.line()
        out.line("## Ranked list")
        out.line()
        out.line("| # | company | CRM id | owner | lifecycle | dismissed | score | tier | why |")
        out.line("|---:|---|---|---|---|---|---|---|---|")
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
            out.append(Figures.score(lead.baselineScore))
            out.append(" → ")
            out.append(Figures.score(lead.score))
            out.append(" | ")
            out.appendMarkdown(lead.baselineTier ?? "–")
            out.append(" → ")
            out.appendMarkdown(lead.tier)
            out.append(" | ")
            for (i, reason) in lead.reasons.enumerated() {
                if i > 0 { out.append("; ") }
                out.appendMarkdown(reason.detail)
            }
            out.line(" |")
        }
    }

    /// Candidates that filling in unknown values would revive.
    private static func worthEnriching(_ r: RunReport, _ out: inout ReportBuffer) {
        out.line()
        out.line("## Worth enriching")
        out.line()
        if r.worthEnriching.isEmpty {
            out.line("No candidate would reach the revival tier by filling in its unknown values.")
        } else {
            out.line("Not revived, but would be if their unknown values matched: missing data is a to-do, not a miss. By field: "
                 + r.enrichByField.map { "\($0.field) \($0.count)" }.joined(separator: ", ") + ".")
            out.line()
            for item in r.worthEnriching {
                out.append("- ")
                out.appendMarkdown((item.company ?? "(no name)") + " [" + item.crmID + "]: " + item.fields + " unknown: +"
                                   + Figures.score(item.gain) + " would make it " + item.tier)
                out.line()
            }
        }
    }

    /// Unknown values among the candidates, and what the imports could not read.
    private static func dataQuality(_ r: RunReport, _ out: inout ReportBuffer) {
        out.line()
        out.line("## Data quality: unknown values among the candidates")
        out.line()
        if r.unknownByCriterion.isEmpty {
            out.line("Every criterion could be evaluated for every candidate.")
        } else {
            out.line("| criterion | field | candidates with no value |")
            out.line("|---|---|---:|")
            for item in r.unknownByCriterion {
                out.append("| ")
                out.appendMarkdown(item.id)
                out.append(" | ")
                out.appendMarkdown(item.field)
                out.line(" | \(item.count) |")
            }
        }
        if !r.unreadableValues.isEmpty {
            out.line()
            out.line("Values the imports could not read (left empty, kept in each record's `unreadable`): fix the mapping or the CRM.")
            out.line()
            out.line("| export column | most frequent unreadable values |")
            out.line("|---|---|")
            for (column, values) in r.unreadableValues {
                out.append("| ")
                out.appendMarkdown(column)
                out.append(" | ")
                for (i, value) in values.enumerated() {
                    if i > 0 { out.append(", ") }
                    out.appendMarkdown("\"\(value.text)\" \(value.count)")
                }
                out.line(" |")
            }
        }
    }
}

extension ReportBuffer {
    /// `text` and a line feed.
    mutating func line(_ text: String = "") {
        append(text)
        append("\n")
    }
}
