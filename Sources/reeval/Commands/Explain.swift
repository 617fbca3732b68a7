import ArgumentParser
import Foundation
import ICP
import LeadData
import Reevaluation
import ReevalStore

extension Reeval {
    /// `reeval explain CRM_ID`: one lead's baseline and current evaluation, recomputed as the run saw them.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one lead's baseline and current evaluation, criterion by criterion, as a run saw them.",
            discussion: """
                Explanations are not stored: scoring is a pure function of the stored state, the \
                immutable ICP version and the date, so this recomputes exactly what the run saw.
                Examples:
                  reeval explain 0065g00000ABCDE
                  reeval explain 9001 --source hubspot --object deals --run 12 --json
                """)

        @ParentCommand var root: Reeval

        @Argument(help: ArgumentHelp("The lead's CRM id.", valueName: "crm-id"))
        var crmID: String

        @Option(name: .customLong("run"), help: ArgumentHelp("The run: an id or `latest`.", valueName: "id"))
        var runID: String = "latest"

        @Option(help: ArgumentHelp("The CRM the lead came from, when the id names several records.", valueName: "source"))
        var source: String?

        @Option(help: ArgumentHelp("The CRM object, when the id names several records.", valueName: "name"))
        var object: String?

        func validate() throws {
            guard runID == "latest" || (Int(runID).map { $0 > 0 } ?? false) else {
                throw ValidationError("--run takes a run id or `latest`, not \(runID)")
            }
        }

        func run() throws {
            let global = root.global
            do {
                let db = try Database.openMigrated(path: global.databasePath, now: Date())
                let e = try Explanation.load(db, crmID: crmID, runID: Int(runID), source: source, object: object)
                if global.json {
                    Console.json(Self.json(e))
                } else if !global.quiet {
                    Console.out(Self.text(e))
                }
            }
        }

        static func text(_ e: Explanation) -> String {
            var lines = ["\(Console.value(e.source)) \(Console.value(e.object)) \(Console.value(e.crmID)), run #\(e.runID): \(e.revived ? "revived" : "not revived")"]
            for (title, evaluation, asOf) in [("baseline", e.baseline, e.baselineAsOf), ("current", e.current, e.currentAsOf)] {
                lines.append("")
                lines.append("\(title): ICP \(Console.value(evaluation.icpVersion)) as of \(asOf.isoDay): score \(ICPNumber.text(evaluation.score)), tier \(evaluation.tier ?? "none")")
                for o in evaluation.outcomes {
                    let points = o.kind == .disqualifier ? (o.verdict == .match ? "DQ" : "") : (o.points >= 0 ? "+" : "") + ICPNumber.text(o.points)
                    lines.append("  \(o.kind.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(o.id.padding(toLength: 20, withPad: " ", startingAt: 0)) "
                                 + "\(o.verdict.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(Console.value(o.field)) = \(Console.value(o.value ?? "unknown"))"
                                 + (o.readThen.map { _ in " (then \(Console.value(o.valueThen ?? "unknown")))" } ?? "") + "  \(points)")
                }
            }
            if !e.reasons.isEmpty {
                lines.append("")
                lines.append("why it is back:")
                for reason in e.reasons { lines.append("  \(reason.kind.rawValue): \(Console.value(reason.detail))") }
            }
            return lines.joined(separator: "\n")
        }

        static func json(_ e: Explanation) -> [String: Any] {
            func side(_ evaluation: Evaluation, _ asOf: Timestamp) -> [String: Any] {
                ["icp": evaluation.icpVersion, "as_of": asOf.iso, "score": evaluation.score, "tier": evaluation.tier ?? NSNull(),
                 "outcomes": evaluation.outcomes.map { o -> [String: Any] in
                     var outcome: [String: Any] = ["kind": o.kind.rawValue, "id": o.id, "field": o.field, "verdict": o.verdict.rawValue,
                                                   "value": o.value ?? NSNull(), "points": o.points]
                     // A rule over history also gives the value it compared with (at dismissal).
                     if o.readThen != nil { outcome["value_then"] = o.valueThen ?? NSNull() }
                     return outcome
                 }]
            }
            return ["crm_id": e.crmID, "source": e.source, "object": e.object, "run_id": e.runID, "revived": e.revived,
                    "dismissed_at": e.dismissedAt?.iso ?? NSNull(),
                    "baseline": side(e.baseline, e.baselineAsOf), "current": side(e.current, e.currentAsOf),
                    "reasons": e.reasons.map { r -> [String: Any] in
                        ["kind": r.kind.rawValue, "id": r.id, "field": r.field ?? NSNull(), "points_before": r.pointsBefore,
                         "points_after": r.pointsAfter, "value_before": r.valueBefore ?? NSNull(), "value_after": r.valueAfter ?? NSNull(),
                         "detail": r.detail]
                    }]
        }
    }
}
