import ArgumentParser
import Foundation
import ICP
import ICPRegistry
import LeadData
import ReevalStore
import Reevaluation

extension Reeval {
    /// `reeval icp …`: manage ICP versions.
    struct ICPCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "icp",
            abstract: "Register, list, show, compare and check ICP versions.",
            discussion: "An ICP file is YAML: see examples/icp/ and the README's \"Writing an ICP\".",
            subcommands: [Add.self, List.self, Show.self, Diff.self, Check.self, Suggest.self])

        struct Suggest: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Draft an ICP from the best customers as a points scorecard, with the evidence for each criterion, and print its backtest.",
                discussion: """
                    A value that alone separates won from lost almost perfectly (a copy of the outcome, a field \
                    sales fill in after contact) is left out with a warning; --include brings it back.
                    Examples:
                      reeval icp suggest --out drafts/first.yaml
                      reeval icp suggest --top 10 --exclude attributes.Tags
                      reeval icp suggest --include "attributes.Lead Quality" --out - | less
                    """)
            @ParentCommand var root: Reeval

            @Option(help: ArgumentHelp("The share of customers with won business, best first, to learn from (1 to 100).", valueName: "percent"))
            var top: Double = 20

            @Option(help: ArgumentHelp("Write the draft to this file (- for standard output; else it is printed).", valueName: "file"))
            var out: String?

            @Flag(help: "Replace the --out file if it exists.")
            var force = false

            @Option(help: ArgumentHelp("Use this field even if it looks like a leak (repeat; attributes.<column> for export columns).", valueName: "field"))
            var include: [String] = []

            @Option(help: ArgumentHelp("Never use this field (repeat; attributes.<column> for export columns).", valueName: "field"))
            var exclude: [String] = []

            func validate() throws {
                guard top >= 1, top <= 100 else { throw ValidationError("--top takes a percentage from 1 to 100, not \(NumberRange.text(top))") }
                if out == "-" && root.global.json { throw ValidationError("--out - and --json both print to standard output; pass one") }
                if let both = Set(include).intersection(exclude).sorted().first {
                    throw ValidationError("\(both) is both --include and --exclude; pass it once")
                }
                for name in include + exclude where !name.hasPrefix("attributes.") && CanonicalField(rawValue: name) == nil {
                    throw ValidationError("\(name) is not a field; use a canonical field (industry, employees, …) or attributes.<export column>")
                }
            }

            func run() throws {
                let global = root.global
                do {
                    let now = Date()
                    let db = try Database.openMigrated(path: global.databasePath, now: now)
                    let draft = try ICPSuggestion(db: db).draft(topPercent: top, label: "draft-\(Timestamp(now).isoDay)", effective: Timestamp(now).startOfDay,
                                                                include: Set(include), exclude: Set(exclude))
                    let backtest = try Backtest(db: db).run(draft.version, on: draft.outcomes)
                    if let out { try OutputFile.save(Array(draft.yaml.utf8), to: out, force: force, option: "--out file") }
                    for warning in draft.warnings where !global.quiet { Console.error("warning: " + warning) }
                    if global.json {
                        Console.json(["draft": draft.yaml, "file": out ?? NSNull(), "best_customers": draft.bestCustomers, "tied": draft.tied,
                                      "warnings": draft.warnings, "closed_records": draft.closedRecords, "backtest": BacktestText.json(backtest)])
                    } else if !global.quiet && out != "-" {
                        if out == nil { Console.out(draft.yaml) } else { Console.out("wrote the draft to \(out!)") }
                        Console.out("\nIts backtest on the \(draft.closedRecords) records it learned from:\n" + BacktestText.table(backtest))
                    }
                }
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Register ICP files as new versions (a label never changes).")
            @ParentCommand var root: Reeval
            @Argument(help: ArgumentHelp("The ICP YAML files.", valueName: "file")) var files: [String]

            func run() throws {
                let global = root.global
                do {
                    let now = Date()
                    // Every file is checked before any is registered.
                    let loaded = try files.map { try ICPParser.load(path: $0) }
                    let db = try Database.openMigrated(path: global.databasePath, now: now)
                    let registry = ICPRegistry(db: db)
                    var results: [[String: Any]] = []
                    for (file, item) in zip(files, loaded) {
                        let outcome = try registry.add(text: item.text, file: file, now: now)
                        switch outcome {
                        case .added(let label):
                            results.append(["file": file, "version": label, "status": "added"])
                            if !global.quiet && !global.json { Console.out("\(file): registered version \(label) (effective \(item.version.effective.isoDay))") }
                        case .alreadyRegistered(let label):
                            results.append(["file": file, "version": label, "status": "already registered"])
                            if !global.quiet && !global.json { Console.out("\(file): version \(label) is already registered; nothing to do") }
                        }
                    }
                    if global.json { Console.json(["versions": results]) }
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List versions and which is in force.")
            @ParentCommand var root: Reeval
            @Option(help: ArgumentHelp("Also say which version is in force on this date.", valueName: "date"))
            var asOf: DateArgument?

            func run() throws {
                let global = root.global
                do {
                    let db = try Database.openExisting(path: global.databasePath, now: Date())
                    let entries = try ICPRegistry(db: db).all()
                    let versions = entries.map(\.version)
                    let today = Timestamp(Date())
                    let current = ICPVersion.inForce(among: versions, at: today)?.label
                    let atDate = asOf.flatMap { ICPVersion.inForce(among: versions, at: $0.timestamp)?.label }
                    // Before the first version's date none was in force; a run judges such a
                    // dismissal by the earliest version, and says so. So does this list.
                    let noneInForce = asOf.map { date in !versions.contains { $0.effective.dayNumber <= date.timestamp.dayNumber } } ?? false
                    if global.json {
                        Console.json([
                            "versions": entries.map { e -> [String: Any] in
                                ["version": e.version.label, "effective": e.version.effective.isoDay,
                                 "description": e.version.description ?? NSNull(), "sha256": e.sha256, "registered_at": e.registeredAt,
                                 "max_score": e.version.maxScore]
                            },
                            "in_force_today": current.map { $0 as Any } ?? NSNull(),
                            "in_force_as_of": noneInForce ? NSNull() : atDate.map { $0 as Any } ?? NSNull(),
                            "used_as_of": atDate.map { $0 as Any } ?? NSNull(),
                        ])
                        return
                    }
                    guard !entries.isEmpty else {
                        if !global.quiet { Console.out("No ICP versions registered; add one with `reeval icp add FILE`.") }
                        return
                    }
                    for e in entries {
                        var marks: [String] = []
                        if e.version.label == current { marks.append("in force today") }
                        if let asOf, e.version.label == atDate {
                            marks.append(noneInForce ? "none in force on \(asOf.timestamp.isoDay), the earliest is used" : "in force on \(asOf.timestamp.isoDay)")
                        }
                        let mark = marks.isEmpty ? "" : "  ← " + marks.joined(separator: ", ")
                        Console.out("\(e.version.label)  effective \(e.version.effective.isoDay)  \(e.version.description ?? "")\(mark)")
                    }
                }
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Print a version's file as registered.")
            @ParentCommand var root: Reeval
            @Argument(help: ArgumentHelp("The version label.", valueName: "version")) var version: String

            func run() throws {
                let global = root.global
                do {
                    let db = try Database.openExisting(path: global.databasePath, now: Date())
                    let entry = try ICPRegistry(db: db).entry(version)
                    if global.json {
                        let canonical = try JSONSerialization.jsonObject(with: Data(entry.version.canonicalJSON.utf8))
                        Console.json(["version": entry.version.label, "source_text": entry.sourceText, "sha256": entry.sha256,
                                      "registered_at": entry.registeredAt, "icp": canonical])
                    } else {
                        Console.out(entry.sourceText)
                    }
                }
            }
        }

        struct Diff: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Say what changed between two versions, in words.")
            @ParentCommand var root: Reeval
            @Argument(help: ArgumentHelp("The older version (a label or a file).", valueName: "a")) var a: String
            @Argument(help: ArgumentHelp("The newer version (a label or a file).", valueName: "b")) var b: String

            func run() throws {
                let global = root.global
                do {
                    let old = try resolve(a, global: global)
                    let new = try resolve(b, global: global)
                    let changes = ICPDiff.changes(from: old, to: new)
                    if global.json {
                        Console.json(["from": old.label, "to": new.label, "changes": changes.map {
                            ["section": $0.section, "id": $0.id ?? NSNull(), "change": $0.change.rawValue, "text": $0.text] as [String: Any]
                        }])
                    } else if !global.quiet {
                        Console.out(ICPDiffText.render(changes, from: old, to: new))
                    }
                }
            }

            /// A label in the database, or else an ICP file.
            private func resolve(_ name: String, global: GlobalOptions) throws -> ICPVersion {
                if FileManager.default.fileExists(atPath: name) { return try ICPParser.load(path: name).version }
                return try ICPRegistry(db: try Database.openExisting(path: global.databasePath, now: Date())).entry(name).version
            }
        }

        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Validate an ICP file and list every problem with its line.")
            @ParentCommand var root: Reeval
            @Argument(help: ArgumentHelp("The ICP YAML file.", valueName: "file")) var file: String

            func run() throws {
                let global = root.global
                do {
                    do {
                        let version = try ICPParser.load(path: file).version
                        if global.json {
                            Console.json(["file": file, "valid": true, "version": version.label, "criteria": version.criteria.count,
                                          "triggers": version.triggers.count, "disqualifiers": version.disqualifiers.count,
                                          "max_score": version.maxScore,
                                          "tiers": Dictionary(uniqueKeysWithValues: version.tiers.map { ($0.name, $0.threshold) })])
                        } else if !global.quiet {
                            Console.out(ICPDiffText.summary(version, file: file))
                        }
                    } catch let invalid as InvalidICP {
                        if global.json {
                            Console.json(["file": file, "valid": false, "problems": invalid.problems.map {
                                ["line": $0.line, "column": $0.column, "message": $0.message] as [String: Any]
                            }])
                        }
                        throw invalid
                    }
                }
            }
        }
    }
}

/// Text renderings of ICP summaries and diffs for the terminal.
enum ICPDiffText {
    static func render(_ changes: [ICPChange], from old: ICPVersion, to new: ICPVersion) -> String {
        guard !changes.isEmpty else { return "\(old.label) → \(new.label): no differences in scoring" }
        var lines = ["\(old.label) → \(new.label): \(changes.count) change\(changes.count == 1 ? "" : "s")"]
        let titles = ["effective": "When", "criteria": "Fit criteria", "triggers": "Buying triggers", "disqualify": "Disqualifiers",
                      "tiers": "Tiers", "revive_at": "Revival", "resolved_lost_reasons": "Product gaps closed"]
        for section in ["effective", "criteria", "triggers", "disqualify", "tiers", "revive_at", "resolved_lost_reasons"] {
            let items = changes.filter { $0.section == section }
            guard !items.isEmpty else { continue }
            lines.append("")
            lines.append("\(titles[section] ?? section):")
            for item in items { lines.append("  \(item.change == .added ? "+" : item.change == .removed ? "-" : "~") \(item.text)") }
        }
        return lines.joined(separator: "\n")
    }

    static func summary(_ v: ICPVersion, file: String) -> String {
        var lines = ["\(file): valid ICP version \(v.label), effective \(v.effective.isoDay)"]
        if let d = v.description { lines.append("  \(d)") }
        lines.append("  \(v.criteria.count) criteria, \(v.triggers.count) triggers, \(v.disqualifiers.count) disqualifiers; max score \(ICPDiff.points(v.maxScore))")
        lines.append("  tiers: " + v.tiers.map { "\($0.name) ≥ \(ICPDiff.points($0.threshold))" }.joined(separator: ", ") + "; revived at \(v.reviveAt) or better")
        for c in v.criteria { lines.append("  criterion \(c.id): \(ICPDiff.describe(c))") }
        for c in v.triggers { lines.append("  trigger \(c.id): \(ICPDiff.describe(c))") }
        for c in v.disqualifiers { lines.append("  disqualify \(c.id): \(ICPDiff.describe(c, withPoints: false))") }
        if !v.resolvedLostReasons.isEmpty { lines.append("  resolved lost reasons: \(v.resolvedLostReasons.joined(separator: ", "))") }
        return lines.joined(separator: "\n")
    }
}
