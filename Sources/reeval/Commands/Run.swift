import ArgumentParser
import Foundation
import ICP
import LeadData
import Reevaluation
import ReevalStore

extension Reeval {
    /// `reeval run` (the default): import the inbox, re-evaluate, store the run, write the report.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-evaluate dismissed leads against the current ICP and store the revived ones (the default command).",
            discussion: """
                `reeval --since 2023-01` is `reeval run --since 2023-01`.
                Examples:
                  reeval --since 2023-01
                  reeval run --inbox /srv/crm-exports --report-dir /srv/reports --quiet
                  reeval run --icp drafts/2026-q1.yaml      (preview an unregistered ICP: nothing is stored)
                """)

        @ParentCommand var root: Reeval

        @Option(help: ArgumentHelp("Keep leads dismissed on or after this date (2023, 2023-01, 2023-01-15).", valueName: "date"))
        var since: DateArgument?

        @Option(help: ArgumentHelp("Evaluate as of this date (default: now, UTC).", valueName: "date"))
        var asOf: DateArgument?

        @Option(help: ArgumentHelp("The ICP version to apply (a registered label, or a YAML file to preview without storing).", valueName: "version"))
        var icp: String?

        @Option(help: ArgumentHelp("Days without activity after which an open lead is dormant.", valueName: "days"))
        var dormantAfter: Int = 90

        @Option(help: ArgumentHelp("Import every new export in this folder first.", valueName: "dir"))
        var inbox: String?

        @Option(help: ArgumentHelp("Write the reports into this folder.", valueName: "dir"))
        var reportDir: String?

        @Option(help: ArgumentHelp("Keep the per-lead scores of this many recent runs.", valueName: "n"))
        var keepRuns: Int = 30

        @Flag(help: "Evaluate and summarise, store nothing.")
        var dryRun = false

        @Flag(help: "Wait for another run to finish instead of exiting 75.")
        var wait = false

        func validate() throws {
            guard (0...36_500).contains(dormantAfter) else {
                throw ValidationError("--dormant-after takes a number of days from 0 to 36500 (a century), not \(dormantAfter)")
            }
            guard (1...100_000).contains(keepRuns) else { throw ValidationError("--keep-runs takes a number of runs from 1 to 100000, not \(keepRuns)") }
        }

        func run() throws {
            try perform(root.global)
        }

        private func perform(_ global: GlobalOptions) throws {
            let now = Date()
            var options = RunOptions(asOf: asOf?.timestamp ?? Timestamp(now), clock: { Date() })
            options.since = since?.timestamp
            options.dormantAfterDays = dormantAfter
            options.inbox = inbox
            options.dryRun = dryRun
            options.keepRuns = keepRuns
            if let icp {
                if ICPArgument.isFile(icp) {
                    options.previewICP = try ICPParser.load(path: icp).version
                } else {
                    options.icpLabel = icp
                }
            }
            let lock = try RunLock(databasePath: global.databasePath, wait: wait)
            let db = try Database.openMigrated(path: global.databasePath, now: now)
            if wait { db.setBusyTimeout(milliseconds: 600_000) }
            let summary = try Reevaluation(db: db).run(options)
            if let reportDir, let runID = summary.runID {
                do {
                    _ = try ReportWriting.write(db: db, runID: runID, folder: reportDir)
                } catch let failure as UserFacingError {
                    // The run is stored whatever happens to its report: say so, and how to write it
                    // again; a script reading --json still gets the run, with the report's error in it.
                    let message = "run #\(runID) is stored, but its report was not written: \(failure.message); "
                        + "write it again with `reeval report --run \(runID) --out \(reportDir)`"
                    if global.json {
                        var object = RunText.json(summary, reportDir: nil)
                        object["report_error"] = message
                        Console.json(object)
                    }
                    throw Failure(failure.kind, message)
                }
            }
            withExtendedLifetime(lock) {}
            if global.json {
                Console.json(RunText.json(summary, reportDir: reportDir))
            } else if !global.quiet {
                Console.out(RunText.line(summary, reportDir: reportDir))
            }
        }
    }
}

/// The run's summary: one line for people (cron mails whatever is printed), JSON for scripts.
enum RunText {
    static func line(_ s: RunSummary, reportDir: String?) -> String {
        let what = s.preview ? "preview (nothing stored)" : s.dryRun ? "dry run (nothing stored)" : "run #\(s.runID ?? 0)"
        var text = "\(what) as of \(s.asOf.isoDay), ICP \(s.icpVersion)"
        if let since = s.since { text += ", since \(since.isoDay)" }
        text += ": \(s.candidates) candidates, \(s.revived) revived (\(s.newRevived) new)"
        if !s.byReason.isEmpty {
            text += "; " + s.byReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        for exclusion in Exclusion.allCases {
            if let count = s.excluded[exclusion.rawValue], count > 0 { text += "; " + exclusion.phrase(count) }
        }
        if !s.inboxImports.isEmpty { text += "; imported \(s.inboxImports.count) inbox file\(s.inboxImports.count == 1 ? "" : "s")" }
        if let reportDir, s.runID != nil { text += "; report in \(reportDir)" }
        if s.preview || s.dryRun {
            for lead in s.revivedLeads.prefix(10) {
                text += "\n  #\(lead.rank) \(Console.value(lead.company ?? lead.crmID)) [\(Console.value(lead.crmID))] \(ICPNumber.text(lead.baselineScore)) → \(ICPNumber.text(lead.score)) (\(Console.value(lead.tier))): "
                text += lead.reasons.map { Console.value($0.detail) }.joined(separator: "; ")
            }
        }
        return text
    }

    static func json(_ s: RunSummary, reportDir: String?) -> [String: Any] {
        var object: [String: Any] = [
            "as_of": s.asOf.iso, "since": s.since?.isoDay ?? NSNull(), "icp_version": s.icpVersion,
            "baseline_versions": s.baselineVersions, "candidates": s.candidates, "evaluated": s.evaluated,
            "revived": s.revived, "new": s.newRevived, "by_reason": s.byReason, "excluded": s.excluded, "enrich": s.enrich, "seconds": (s.seconds * 1000).rounded() / 1000,
            "stored": !(s.preview || s.dryRun), "inbox_imports": s.inboxImports,
        ]
        object["run_id"] = s.runID ?? NSNull()
        if let reportDir { object["report_dir"] = reportDir }
        if s.preview || s.dryRun {
            object["revived_leads"] = s.revivedLeads.map { lead -> [String: Any] in
                ["rank": lead.rank, "crm_id": lead.crmID, "company": lead.company ?? NSNull(), "baseline_score": lead.baselineScore,
                 "score": lead.score, "tier": lead.tier, "reasons": lead.reasons.map(\.detail), "is_new": lead.isNew]
            }
        }
        return object
    }
}

enum ICPNumber {
    static func text(_ v: Double) -> String { NumberRange.text(v) }
}
