import ArgumentParser
import CRMImport
import Foundation
import ICPRegistry
import LeadData
import Reevaluation
import ReevalStore
import Reports
import Sample

extension Reeval {
    /// `reeval demo`: the whole pipeline on generated sample data.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate sample exports and two ICP versions, run everything, and print where the report is.",
            discussion: """
                Works in its own folder (default ./reeval-demo) with its own database, so it never touches \
                your data. Running it again replaces what the demo wrote there (sample, report, \
                reeval.sqlite) and keeps any other file, such as a draft ICP.
                """)

        @ParentCommand var root: Reeval

        @Option(help: ArgumentHelp("The folder to work in.", valueName: "dir"))
        var dir: String = "reeval-demo"

        @Option(help: ArgumentHelp("How many leads to generate.", valueName: "n"))
        var leads: Int = 2000

        static let marker = ".reeval-demo"
        /// What a demo writes into its folder, and so all it replaces when run again.
        static let ownNames: Set<String> = ["sample", "report", "reeval.sqlite", "reeval.sqlite-wal", "reeval.sqlite-shm", "reeval.sqlite-journal"]

        func validate() throws {
            guard (1...SampleLimits.leads).contains(leads) else {
                throw ValidationError("--leads takes a number of leads from 1 to \(SampleLimits.leads), not \(leads)")
            }
        }

        func run() throws {
            let global = root.global
            try prepareFolder()
            let path = { (name: String) in (dir as NSString).appendingPathComponent(name) }
            let log = { (line: String) in if !global.quiet && !global.json { Console.log(line) } }
            let (db, summary, rejected) = try runPipeline(path: path, log: log)
            let files = try ReportWriter.write(db: db, runID: summary.runID, folder: path("report"), formats: ReportFormat.allCases)
            if global.json {
                Console.json(["run": RunText.json(summary, reportDir: path("report")), "database": path("reeval.sqlite"), "files": files])
                return
            }
            guard !global.quiet else { return }
            try printNextSteps(db, summary, rejected: rejected, path: path)
        }

        /// Makes the folder, or empties one an earlier demo made of what that demo wrote; any
        /// other folder is refused, and so is a file.
        private func prepareFolder() throws {
            let fm = FileManager.default
            var isFolder: ObjCBool = false
            if fm.fileExists(atPath: dir, isDirectory: &isFolder) {
                // Only an empty folder or one an earlier demo made is used: never a file.
                guard isFolder.boolValue, let contents = try? fm.contentsOfDirectory(atPath: dir),
                      contents.isEmpty || contents.contains(Self.marker) else {
                    throw Failure(.cannotCreate, "\(dir) exists and is not a reeval demo folder; pass --dir with a new or empty folder")
                }
                // A demo starts afresh by replacing only what a demo writes: a draft or notes
                // the user put beside them stay.
                for name in contents where Self.ownNames.contains(name) || name.hasPrefix(".report.") {
                    do {
                        try fm.removeItem(atPath: (dir as NSString).appendingPathComponent(name))
                    } catch {
                        throw FileFailure.cannotWrite((dir as NSString).appendingPathComponent(name), error.localizedDescription)
                    }
                }
            }
            do {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw FileFailure.cannotWrite(dir, error.localizedDescription)
            }
            _ = fm.createFile(atPath: (dir as NSString).appendingPathComponent(Self.marker), contents: Data())
        }

        /// Steps 1 to 4: the sample exports, their import, the ICP versions and the run.
        private func runPipeline(path: (String) -> String, log: (String) -> Void) throws -> (Database, RunSummary, rejected: Int) {
            let now = Date()
            log("1/4 writing sample exports (\(leads) leads) to \(path("sample"))")
            let sample = try SampleExports(leads: leads, seed: 42).write(to: path("sample"))
            let db = try Database.openMigrated(path: path("reeval.sqlite"), now: now)

            log("2/4 importing \(sample.exports.count) exports with --source auto (Salesforce with its custom fields' mapping)")
            var rejected = 0
            for file in sample.exports {
                var options = ImportOptions(now: now, clock: { Date() })
                options.observedAt = file.observedAt
                if let mapping = file.mapping {
                    options.source = "salesforce"
                    options.mapping = try Mapping.load(path: path("sample/" + mapping))
                }
                let summary = try Importer(db: db).importFile(path("sample/" + file.path), options: options)
                rejected += summary.rejected
                log("    \(file.path): \(summary.preset), \(summary.rowsRead) rows, \(summary.rejected) rejected")
            }
            log("3/4 registering ICP versions \(sample.icps.joined(separator: ", "))")
            for icp in sample.icps {
                let text = try String(contentsOfFile: path("sample/" + icp), encoding: .utf8)
                try ICPRegistry(db: db).add(text: text, file: icp, now: now)
            }
            log("4/4 re-evaluating as of \(SampleExports.demoAsOf.isoDay) and writing the report")
            let summary = try Reevaluation(db: db).run(RunOptions(asOf: SampleExports.demoAsOf, clock: { Date() }))
            return (db, summary, rejected)
        }

        /// What to open and what to try next, with the versions' and a draft's ROC AUC.
        private func printNextSteps(_ db: Database, _ summary: RunSummary, rejected: Int, path: (String) -> String) throws {
            let evidence = try Reeval.rankingEvidence(db)
            let reasons = summary.byReason.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.value) \($0.key.replacingOccurrences(of: "_", with: " "))" }
            Console.out("""

                reeval demo: \(summary.candidates) dismissed leads re-evaluated, \(summary.revived) revived \
                (\(reasons.joined(separator: ", "))).
                \(rejected) broken rows were rejected on import, with their line numbers, as real exports have them.

                Open the report:   \(path("report/report.html"))
                Write-back CSVs:   \(path("report"))/revived-*.csv

                Try these on the database (sqlite3 \(path("reeval.sqlite"))):
                  SELECT rank, company, tier, score, delta FROM revived_latest LIMIT 10;
                  SELECT json_extract(j.value, '$.kind') AS kind, count(*) FROM revived_latest r, json_each(r.reasons) j GROUP BY kind;
                  SELECT file_name, rows_read, rejected, unreadable FROM imports;

                Then: reeval --db \(path("reeval.sqlite")) icp diff 2024-h1 2025-q3

                Is the ICP right? How well each ranks the \(evidence.records) won and lost deals (ROC AUC; 0.5 is a coin, 1 is perfect):
                  \(evidence.line)
                Test both versions on the won and lost deals, and draft one from the best customers:
                  reeval --db \(path("reeval.sqlite")) backtest --icp 2024-h1 --icp 2025-q3
                  reeval --db \(path("reeval.sqlite")) icp suggest --out \(path("draft.yaml"))
                  reeval --db \(path("reeval.sqlite")) run --icp \(path("draft.yaml"))
                """)
        }
    }

    /// The registered versions' and a draft's ROC AUC on the demo's won and lost deals, on one line.
    fileprivate static func rankingEvidence(_ db: Database) throws -> (records: Int, line: String) {
        let outcomes = try OutcomeRecords.read(db)
        let now = Timestamp(Date()).startOfDay
        var parts: [String] = []
        for entry in try ICPRegistry(db: db).all() {
            let auc = try Backtest(db: db).run(entry.version, on: outcomes).auc
            parts.append("\(entry.version.label) \(auc.map { Figures.decimal($0.value, digits: 3) } ?? "–")")
        }
        let draft = try ICPSuggestion(db: db).draft(topPercent: 20, label: "draft", effective: now)
        let auc = try Backtest(db: db).run(draft.version, on: draft.outcomes).auc
        parts.append("the draft `icp suggest` writes \(auc.map { Figures.decimal($0.value, digits: 3) } ?? "–")")
        return (outcomes.records.count, parts.joined(separator: ", "))
    }

    /// `reeval sample`: realistic CRM exports for demos and benchmarks.
    struct Sample: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write realistic sample CRM exports (Salesforce, HubSpot, Pipedrive) and two ICP files.")

        @ParentCommand var root: Reeval

        @Option(help: ArgumentHelp("How many leads to write.", valueName: "n"))
        var leads: Int = 2000

        @Option(help: ArgumentHelp("The folder to write into.", valueName: "dir"))
        var out: String

        @Option(help: ArgumentHelp("The random seed: the same seed writes the same files.", valueName: "s"))
        var seed: UInt64 = 42

        func validate() throws {
            guard (1...SampleLimits.leads).contains(leads) else {
                throw ValidationError("--leads takes a number of leads from 1 to \(SampleLimits.leads), not \(leads)")
            }
        }

        func run() throws {
            let global = root.global
            do {
                let written = try SampleExports(leads: leads, seed: seed).write(to: out)
                if global.json {
                    Console.json(["exports": written.exports.map { ["path": $0.path, "observed_at": $0.observedAt.isoDay] }, "icps": written.icps])
                } else if !global.quiet {
                    for file in written.exports { Console.out("\(out)/\(file.path)  (import with --observed-at \(file.observedAt.isoDay))") }
                    for icp in written.icps { Console.out("\(out)/\(icp)") }
                }
            }
        }
    }
}

/// How much sample data a command may be asked for: ten million leads is about 3 GB of CSV, past
/// any benchmark here; larger numbers are typos that would fill the disk.
enum SampleLimits {
    static let leads = 10_000_000
}
