import ArgumentParser
import Foundation
import ReevalStore

extension Reeval {
    /// `reeval status`: what the database holds.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show row counts, applied migrations, ICP versions, and the last imports and runs.")

        @ParentCommand var root: Reeval

        func run() throws {
            let global = root.global
            do {
                let db = try Database.openExisting(path: global.databasePath, now: Date())
                let summary = try DatabaseSummary(db)
                if global.json {
                    Console.json(Self.json(summary, path: global.databasePath))
                } else if !global.quiet {
                    Console.out(Self.text(summary, path: global.databasePath))
                }
            }
        }

        static func text(_ s: DatabaseSummary, path: String) -> String {
            var lines = ["Database: \(path)", "", "Rows:"]
            for (table, rows) in s.counts { lines.append("  \(table.padding(toLength: 22, withPad: " ", startingAt: 0))\(rows)") }
            lines.append("")
            lines.append("Migrations: " + (s.migrations.isEmpty ? "none" : s.migrations.map { "\($0.name) (\($0.appliedAt))" }.joined(separator: ", ")))
            lines.append("ICP versions: " + (s.icpVersions.isEmpty ? "none" : s.icpVersions.map { "\($0.label) (effective \($0.effective))" }.joined(separator: ", ")))
            lines.append("")
            lines.append("Last imports:" + (s.lastImports.isEmpty ? " none" : ""))
            for i in s.lastImports {
                lines.append("  #\(i.id) \(i.importedAt) \(i.fileName) [\(i.source) \(i.object)] read \(i.rowsRead), inserted \(i.inserted), updated \(i.updated), unchanged \(i.unchanged), rejected \(i.rejected)")
            }
            lines.append("Last runs:" + (s.lastRuns.isEmpty ? " none" : ""))
            for r in s.lastRuns {
                lines.append("  #\(r.id) \(r.status) as of \(r.asOf), ICP \(r.icpVersion): \(r.candidates) candidates, \(r.revived) revived (\(r.newRevived) new)")
            }
            return lines.joined(separator: "\n")
        }

        static func json(_ s: DatabaseSummary, path: String) -> [String: Any] {
            [
                "database": path,
                "counts": Dictionary(uniqueKeysWithValues: s.counts.map { ($0.table, $0.rows) }),
                "migrations": s.migrations.map { ["version": $0.version, "name": $0.name, "checksum": $0.checksum, "applied_at": $0.appliedAt] },
                "icp_versions": s.icpVersions.map { ["label": $0.label, "effective": $0.effective] },
                "imports": s.lastImports.map {
                    ["id": $0.id, "file_name": $0.fileName, "source": $0.source, "object": $0.object, "imported_at": $0.importedAt,
                     "rows_read": $0.rowsRead, "inserted": $0.inserted, "updated": $0.updated, "unchanged": $0.unchanged, "rejected": $0.rejected] as [String: Any]
                },
                "runs": s.lastRuns.map {
                    ["id": $0.id, "status": $0.status, "as_of": $0.asOf, "icp_version": $0.icpVersion, "candidates": $0.candidates,
                     "revived": $0.revived, "new_revived": $0.newRevived, "started_at": $0.startedAt] as [String: Any]
                },
            ]
        }
    }
}
