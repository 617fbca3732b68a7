import Foundation
import LeadData
import Reevaluation

/// `report.html`: one self-contained file (no scripts, fonts or images from elsewhere) with the
/// summary, the ICP changes, charts drawn as inline SVG, segments, the ranked list with its
/// reasons, and data quality. Every CRM value is HTML-escaped.
public enum HTMLReport {
    public static func render(_ r: RunReport, into out: inout ReportBuffer) {
        header(r, &out)
        rankedList(r, &out)
        segments(r, &out)
        backtest(r, &out)
        accounts(r, &out)
        worthEnriching(r, &out)
        dataQuality(r, &out)
        out.append("</body></html>\n")
    }

    /// The title, the counts, the two charts, what was left out and what changed in the ICP.
    private static func header(_ r: RunReport, _ out: inout ReportBuffer) {
        let h = Escaping.html
        out.append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Revived opportunities — run #\(r.runID)</title><style>\(style)</style></head>
            <body>
            """)
        out.append("<header><h1>Revived opportunities</h1><p class=\"sub\">Run #\(r.runID) · as of \(h(String(r.asOf.prefix(10))))")
        out.append(" · ICP <b>\(h(r.icpVersion))</b>" + (r.since.map { " · dismissed since \(h($0))" } ?? "") + "</p></header>")
        out.append("<section class=\"cards\">")
        for (label, value) in [("candidates", r.candidates), ("revived", r.revived), ("new since last run", r.newRevived)] {
            out.append("<div class=\"card\"><div class=\"big\">\(value)</div><div>\(label)</div></div>")
        }
        out.append("</section>")
        out.append("<section class=\"charts\"><figure><figcaption>Why they are back</figcaption>\(reasonChart(r))</figure>")
        out.append("<figure><figcaption>Candidates' scores: at dismissal vs now</figcaption>\(histogram(r))</figure></section>")
        out.append("<section><h2>Left out</h2><p>\(h(ReportText.leftOutIntro(r)))</p>")
        if !r.excluded.isEmpty { out.append("<ul>" + r.excluded.map { "<li>\(h($0.cause.phrase($0.count)))</li>" }.joined() + "</ul>") }
        out.append("</section>")
        if !r.icpChanges.isEmpty {
            out.append("<section><h2>What changed in the ICP</h2>")
            for (from, changes) in r.icpChanges {
                out.append("<p>Since <b>\(h(from))</b>:</p><ul>" + changes.map { "<li>\(h($0))</li>" }.joined() + "</ul>")
            }
            out.append("</section>")
        }
    }

    /// Every revived lead, in rank order, with its reasons.
    private static func rankedList(_ r: RunReport, _ out: inout ReportBuffer) {
        out.append("<section><h2>Ranked list</h2><div class=\"scroll\"><table><thead><tr><th>#</th><th>Company</th><th>CRM id</th><th>Owner</th>")
        out.append("<th>Dismissed</th><th>Score</th><th>Tier</th><th>Why</th></tr></thead><tbody>")
        for lead in r.leads {
            out.append("<tr><td class=\"num\">")
            out.append(lead.rank)
            out.append("</td><td>")
            out.appendHTML(lead.company ?? "(no name)")
            if lead.isNew { out.append(" <span class=\"new\">new</span>") }
            out.append("</td><td><span class=\"muted\">")
            out.appendHTML(lead.source)
            out.append(" ")
            out.appendHTML(lead.object)
            out.append("</span><br><span class=\"id\">")
            out.appendHTML(lead.crmID)
            out.append("</span></td><td>")
            out.appendHTML(lead.owner ?? "")
            out.append("</td><td>")
            out.appendHTML(ReportText.dismissal(lead.lifecycle))
            out.append("<br><span class=\"muted\">")
            out.appendHTML(String((lead.dismissedAt ?? "").prefix(10)))
            out.append("</span></td><td class=\"num\">")
            out.append(Figures.score(lead.baselineScore))
            out.append(" → <b>")
            out.append(Figures.score(lead.score))
            out.append("</b></td><td>")
            out.appendHTML(lead.baselineTier ?? "–")
            out.append(" → <b>")
            out.appendHTML(lead.tier)
            out.append("</b></td><td><ul class=\"why\">")
            for reason in lead.reasons {
                out.append("<li><span class=\"kind ")
                out.appendHTML(reason.kind)
                out.append("\">")
                out.appendHTML(ReportText.reasonTitle(reason.kind))
                out.append("</span> ")
                out.appendHTML(reason.detail)
                out.append("</li>")
            }
            out.append("</ul></td></tr>")
        }
        out.append("</tbody></table></div></section>")
    }

    /// The revived leads counted by each segment field.
    private static func segments(_ r: RunReport, _ out: inout ReportBuffer) {
        let h = Escaping.html
        out.append("<section class=\"segments\"><h2>Revived leads by segment</h2>")
        for segment in r.segments {
            out.append("<table><thead><tr><th>\(h(segment.title))</th><th>revived</th></tr></thead><tbody>")
            for (value, count) in segment.counts {
                out.append("<tr><td>")
                out.appendHTML(value)
                out.append("</td><td class=\"num\">\(count)</td></tr>")
            }
            out.append("</tbody></table>")
        }
        out.append("</section>")
    }

    /// The version in force on the won and lost records, and its win rate by tier.
    private static func backtest(_ r: RunReport, _ out: inout ReportBuffer) {
        let h = Escaping.html
        out.append("<section><h2>Is the ICP right?</h2>")
        if let b = r.backtest {
            out.append("<p>\(h(b.icp)) on \(b.records) won and lost records, scored as they came in: win rate \(Figures.percent(b.winRate)) overall. "
                       + "At \(h(b.reviveAt)) or better: precision \(Figures.percent(b.atRevive.precision)), recall \(Figures.percent(b.atRevive.recall))."
                       + (b.sampleTooSmall ? " The sample is too small to judge (fewer than 20 won or 20 lost)." : "") + "</p>")
            out.append("<figure class=\"narrow\"><figcaption>Win rate by tier (the line is the overall rate)</figcaption>\(winRateChart(b))</figure>")
        } else {
            out.append("<p>No won or lost records to test the ICP on; import the closed deals to see how well it tells won from lost.</p>")
        }
        out.append("</section>")
    }

    /// The accounts of the revived leads.
    private static func accounts(_ r: RunReport, _ out: inout ReportBuffer) {
        let h = Escaping.html
        out.append("<section><h2>Revived accounts</h2>")
        if r.accounts.isEmpty {
            out.append("<p>No revived lead is linked to an account.</p>")
        } else {
            out.append("<table><thead><tr><th>Account</th><th>CRM id</th><th>revived leads</th><th>best score</th><th>best tier</th><th>why</th></tr></thead><tbody>")
            for account in r.accounts {
                out.append("<tr><td>")
                out.appendHTML(account.company ?? "(no name)")
                out.append("</td><td>")
                out.appendHTML(account.source + " " + account.crmID)
                out.append("</td><td class=\"num\">\(account.revivedLeads)</td><td class=\"num\">\(Figures.score(account.bestScore))</td><td>")
                out.appendHTML(account.bestTier ?? "")
                out.append("</td><td>" + account.reasonKinds.map { "<span class=\"kind \(h($0))\">\(h(ReportText.reasonTitle($0)))</span>" }.joined() + "</td></tr>")
            }
            out.append("</tbody></table>")
        }
        out.append("</section>")
    }

    /// Candidates that filling in unknown values would revive.
    private static func worthEnriching(_ r: RunReport, _ out: inout ReportBuffer) {
        let h = Escaping.html
        out.append("<section><h2>Worth enriching</h2>")
        if r.worthEnriching.isEmpty {
            out.append("<p>No candidate would reach the revival tier by filling in its unknown values.</p>")
        } else {
            out.append("<p>Not revived, but would be if their unknown values matched: missing data is a to-do, not a miss. By field: "
                       + h(r.enrichByField.map { "\($0.field) \($0.count)" }.joined(separator: ", ")) + ".</p><ul>")
            for item in r.worthEnriching {
                out.append("<li>" + h(item.company ?? "(no name)") + " <span class=\"muted\">" + h(item.crmID) + "</span>: "
                           + h(item.fields) + " unknown: +" + Figures.score(item.gain) + " would make it " + h(item.tier) + "</li>")
            }
            out.append("</ul>")
        }
        out.append("</section>")
    }

    /// Unknown values among the candidates, and what the imports could not read.
    private static func dataQuality(_ r: RunReport, _ out: inout ReportBuffer) {
        let h = Escaping.html
        out.append("<section><h2>Data quality</h2>")
        if r.unknownByCriterion.isEmpty {
            out.append("<p>Every criterion could be evaluated for every candidate.</p>")
        } else {
            out.append("<p>Candidates with no value for a criterion score 0 for it: enrich these fields first.</p><table><thead><tr><th>criterion</th><th>field</th><th>unknown</th></tr></thead><tbody>")
            out.append(r.unknownByCriterion.map { "<tr><td>\(h($0.id))</td><td>\(h($0.field))</td><td class=\"num\">\($0.count)</td></tr>" }.joined())
            out.append("</tbody></table>")
        }
        if !r.unreadableValues.isEmpty {
            out.append("<p>Values the imports could not read (left empty, kept in each record's <code>unreadable</code>): fix the mapping or the CRM.</p>")
            out.append("<table><thead><tr><th>export column</th><th>most frequent unreadable values</th></tr></thead><tbody>")
            for (column, values) in r.unreadableValues {
                out.append("<tr><td>\(h(column))</td><td>" + values.map { "&quot;\(h($0.text))&quot; \($0.count)" }.joined(separator: ", ") + "</td></tr>")
            }
            out.append("</tbody></table>")
        }
        out.append("</section>")
    }


    static let style = """
        body{font:15px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d2733;max-width:1200px;margin:0 auto;padding:24px;background:#fff}
        h1{margin:0;font-size:28px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #e3e8ee;padding-bottom:4px}
        .sub,.muted{color:#5f6b7a}.muted{font-size:12px}.id{white-space:nowrap;font-family:ui-monospace,monospace;font-size:12px}
        .cards{display:flex;gap:16px;flex-wrap:wrap;margin:20px 0}.card{flex:1;min-width:140px;border:1px solid #e3e8ee;border-radius:8px;padding:12px 16px}
        .big{font-size:30px;font-weight:600}.charts{display:flex;gap:24px;flex-wrap:wrap}figure{flex:1;min-width:300px;margin:0}
        figcaption{font-weight:600;margin-bottom:6px}svg{width:100%;height:auto}
        table{border-collapse:collapse;width:100%;margin:8px 0}th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #eef1f4}
        th{background:#f6f8fa;font-weight:600}.num{text-align:right;white-space:nowrap}.scroll{overflow-x:auto}
        td{overflow-wrap:anywhere;max-width:420px}ul{margin:4px 0;padding-left:18px}ul.why{padding-left:0;list-style:none}ul.why li{margin-bottom:4px}
        .kind{display:inline-block;font-size:11px;border-radius:4px;padding:0 5px;margin-right:4px;background:#eef1f4}
        .icp_change{background:#e3efff}.data_change{background:#e4f6e8}.trigger{background:#fff1d6}.lost_reason_resolved{background:#f3e5ff}
        .new{font-size:11px;background:#1d7a46;color:#fff;border-radius:4px;padding:0 5px}
        .segments table{width:auto;min-width:260px;display:inline-table;margin-right:24px}
        .narrow{max-width:560px}
        @media print{body{padding:0}.scroll{overflow:visible}}
        @media (max-width:640px){body{padding:12px}th,td{padding:4px}}
        """

    static let colors = ["icp_change": "#3a78d6", "data_change": "#2f9e57", "trigger": "#e0a020", "lost_reason_resolved": "#8a4fd1"]

    /// A horizontal bar chart of revived leads per reason kind.
    static func reasonChart(_ r: RunReport) -> String {
        guard !r.byReason.isEmpty else { return "<p class=\"muted\">No revived leads in this run.</p>" }
        let width = 480.0, rowHeight = 34.0, labelWidth = 190.0
        let maxCount = Double(r.byReason.map(\.count).max() ?? 1)
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(rowHeight * Double(r.byReason.count) + 10))\" role=\"img\" aria-label=\"revived leads by reason\">"
        for (i, item) in r.byReason.enumerated() {
            let y = Double(i) * rowHeight + 5
            let barWidth = max(2, (width - labelWidth - 50) * Double(item.count) / maxCount)
            svg += "<text x=\"0\" y=\"\(fmt(y + 20))\" font-size=\"13\">\(Escaping.html(ReportText.reasonTitle(item.kind)))</text>"
            svg += "<rect x=\"\(fmt(labelWidth))\" y=\"\(fmt(y + 6))\" width=\"\(fmt(barWidth))\" height=\"20\" rx=\"3\" fill=\"\(colors[item.kind] ?? "#888")\"/>"
            svg += "<text x=\"\(fmt(labelWidth + barWidth + 6))\" y=\"\(fmt(y + 21))\" font-size=\"13\">\(item.count)</text>"
        }
        return svg + "</svg>"
    }

    /// Bars of the win rate per tier, with the overall rate as a line: a right ICP wins more at the top.
    static func winRateChart(_ b: Backtest.Result) -> String {
        let width = 480.0, rowHeight = 30.0, labelWidth = 60.0, room = width - labelWidth - 150
        let tiers = b.tiers.filter { $0.records > 0 }
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(rowHeight * Double(tiers.count) + 10))\" role=\"img\" aria-label=\"win rate by tier\">"
        for (i, t) in tiers.enumerated() {
            let y = Double(i) * rowHeight + 5
            svg += "<text x=\"0\" y=\"\(fmt(y + 18))\" font-size=\"13\">\(Escaping.html(t.tier ?? "none"))</text>"
            svg += "<rect x=\"\(fmt(labelWidth))\" y=\"\(fmt(y + 4))\" width=\"\(fmt(max(2, room * t.winRate)))\" height=\"18\" rx=\"3\" fill=\"#3a78d6\"/>"
            svg += "<text x=\"\(fmt(labelWidth + room * t.winRate + 6))\" y=\"\(fmt(y + 18))\" font-size=\"12\">\(Figures.percent(t.winRate)) of \(t.records), lift \(Figures.decimal(b.lift(t), digits: 2))</text>"
        }
        let x = labelWidth + room * b.winRate
        svg += "<line x1=\"\(fmt(x))\" y1=\"0\" x2=\"\(fmt(x))\" y2=\"\(fmt(rowHeight * Double(tiers.count) + 5))\" stroke=\"#e0a020\" stroke-dasharray=\"4 3\"/>"
        return svg + "</svg>"
    }

    /// Two histograms side by side per 10-point bin: candidates' baseline and current scores.
    static func histogram(_ r: RunReport) -> String {
        let scores = r.baselineScores + r.currentScores
        guard !scores.isEmpty, !r.scoresTrimmed else {
            return "<p class=\"muted\">This run's scores were trimmed by --keep-runs: its score chart is gone, and its leads' details are today's.</p>"
        }
        let top = max(10, (scores.max() ?? 0) + 10)
        let bins = Int((top / 10).rounded(.up))
        func counts(_ values: [Double]) -> [Int] {
            var c = Array(repeating: 0, count: bins)
            for v in values { c[min(bins - 1, max(0, Int(v / 10)))] += 1 }
            return c
        }
        let before = counts(r.baselineScores), after = counts(r.currentScores)
        let maxCount = Double(max(1, (before + after).max() ?? 1))
        let width = 480.0, height = 200.0, left = 36.0, bottom = 24.0
        let binWidth = (width - left) / Double(bins)
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height + 24))\" role=\"img\" aria-label=\"score distribution at dismissal and now\">"
        svg += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(height - bottom))\" x2=\"\(fmt(width))\" y2=\"\(fmt(height - bottom))\" stroke=\"#99a3ad\"/>"
        for i in 0..<bins {
            let x = left + Double(i) * binWidth
            for (j, (values, color)) in [(before, "#b8c2cc"), (after, "#3a78d6")].enumerated() {
                let h = (height - bottom - 10) * Double(values[i]) / maxCount
                svg += "<rect x=\"\(fmt(x + 2 + Double(j) * (binWidth - 4) / 2))\" y=\"\(fmt(height - bottom - h))\" width=\"\(fmt((binWidth - 4) / 2))\" height=\"\(fmt(h))\" fill=\"\(color)\"><title>\(i * 10)-\(i * 10 + 9): \(values[i])</title></rect>"
            }
            if bins <= 12 || i % 2 == 0 {
                svg += "<text x=\"\(fmt(x + binWidth / 2))\" y=\"\(fmt(height - 8))\" font-size=\"11\" text-anchor=\"middle\">\(i * 10)</text>"
            }
        }
        svg += "<text x=\"0\" y=\"12\" font-size=\"11\">\(Int(maxCount))</text>"
        svg += "<rect x=\"\(fmt(left))\" y=\"\(fmt(height + 8))\" width=\"10\" height=\"10\" fill=\"#b8c2cc\"/><text x=\"\(fmt(left + 14))\" y=\"\(fmt(height + 17))\" font-size=\"11\">at dismissal</text>"
        svg += "<rect x=\"\(fmt(left + 110))\" y=\"\(fmt(height + 8))\" width=\"10\" height=\"10\" fill=\"#3a78d6\"/><text x=\"\(fmt(left + 124))\" y=\"\(fmt(height + 17))\" font-size=\"11\">now</text>"
        return svg + "</svg>"
    }

    static func fmt(_ v: Double) -> String { Figures.decimal(v, digits: 1) }
}
