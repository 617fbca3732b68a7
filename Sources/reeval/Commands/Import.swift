import ArgumentParser
import CRMImport
import Foundation
import LeadData
import ReevalStore

extension Reeval {
    /// `reeval import`: load CRM exports.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import CRM export CSVs into the database.",
            discussion: """
                Salesforce (Lead, Account, Contact, Opportunity: Data Export or report), HubSpot (contacts, \
                companies, deals) and Pipedrive (deals, organizations, persons) exports are recognised by \
                their headers; any other CRM imports through a YAML mapping file (see examples/mappings/).
                Examples:
                  reeval import Lead.csv Account.csv Opportunity.csv
                  reeval import deals.csv --source hubspot --observed-at 2026-06-30
                  reeval import Leads.csv --mapping examples/mappings/zoho-leads.yaml
                """)

        @ParentCommand var root: Reeval

        @Argument(help: ArgumentHelp("The export files; - reads one from standard input.", valueName: "file"))
        var files: [String]

        @Option(help: ArgumentHelp("The CRM, or auto to tell it from the headers.", valueName: "source"))
        var source: SourceArgument = .auto

        @Option(help: ArgumentHelp("The CRM object (Lead, Account, Opportunity, contacts, deals, …) when the headers do not tell.", valueName: "name"))
        var object: String?

        @Option(help: ArgumentHelp("A YAML mapping file for any other CRM, or to add fields to a preset.", valueName: "file"))
        var mapping: String?

        @Option(help: ArgumentHelp("The date the export describes (default: now).", valueName: "date"))
        var observedAt: DateArgument?

        @Option(help: ArgumentHelp("The file's encoding (default: detected; cp1252, iso-8859-1 and latin1 name windows-1252).", valueName: "name"))
        var encoding: EncodingArgument?

        @Flag(help: "Fail the whole import if any row is rejected.")
        var strict = false

        @Flag(help: "Report what would happen and write nothing.")
        var dryRun = false

        func run() throws {
            try perform(root.global)
        }

        private func perform(_ global: GlobalOptions) throws {
                var options = ImportOptions(now: Date(), clock: { Date() })
                options.source = source == .auto && mapping != nil ? nil : source.rawValue
                options.object = object
                options.observedAt = observedAt?.timestamp
                options.strict = strict
                options.dryRun = dryRun
                options.encoding = encoding?.encoding
                if let mapping { options.mapping = try Mapping.load(path: mapping) }
                for file in files where file != "-" && !FileManager.default.fileExists(atPath: file) { throw FileFailure.missing(file) }
                guard files.filter({ $0 == "-" }).count <= 1 else { throw Failure(.usage, "standard input (-) can be read only once; name it once") }
                let db = try Database.openMigrated(path: global.databasePath, now: options.now)
                // One command is one transaction: every file lands, or none does. The summaries are
                // printed once it has committed, so none reports rows that were then rolled back.
                var summaries: [ImportSummary] = []
                do {
                    // Foreign keys unchecked: the importer writes only ids it read or created.
                    try db.inTransaction(.immediate, foreignKeys: .unchecked) {
                        for file in files {
                            var fileOptions = options
                            fileOptions.progress = Progress.bar(label: file, quiet: global.quiet || global.json)
                            defer { Progress.clear(quiet: global.quiet || global.json) }
                            summaries.append(try Importer(db: db).importFile(file, options: fileOptions))
                        }
                    }
                } catch let failure as UserFacingError where files.count > 1 {
                    let done = summaries.count
                    throw Failure(failure.kind, failure.message + (failure.message.hasSuffix("nothing was imported") ? "" : "; nothing was imported")
                                  + " (one command is one transaction: \(done) of \(files.count) files had been read; fix this one and run the command again)")
                }
                if !global.json && !global.quiet {
                    for summary in summaries { Console.out(ImportReport.text(summary, verbose: global.verbose)) }
                }
                if global.json {
                    let documents: [[String: Any]] = summaries.map(ImportReport.json)
                    if documents.count == 1 { Console.json(documents[0]) } else { Console.json(["imports": documents]) }
                }
        }
    }
}

/// The one-screen summary of an import, as text and as JSON.
enum ImportReport {
    static func text(_ s: ImportSummary, verbose: Bool) -> String {
        if let earlier = s.alreadyImported {
            return "\(s.file): already imported as #\(earlier.id) on \(earlier.at) (same SHA-256); nothing to do"
        }
        var lines = ["\(s.file): \(s.preset)\(s.dryRun ? " (dry run: nothing written)" : "")"]
        lines.append("  encoding \(s.encoding.rawValue)\(s.encodingDetected ? " (detected)" : ""), delimiter \(s.delimiter)")
        if !s.utf8LinesInWindows1252.isEmpty {
            let shown = s.utf8LinesInWindows1252.prefix(10).map(String.init).joined(separator: ", ")
            lines.append("  \(s.utf8LinesInWindows1252.count) row\(s.utf8LinesInWindows1252.count == 1 ? " was" : "s were") UTF-8 in this "
                         + "Windows-1252 file and read as UTF-8 (line\(s.utf8LinesInWindows1252.count == 1 ? "" : "s") \(shown)\(s.utf8LinesInWindows1252.count > 10 ? ", …" : ""))")
        }
        lines.append("  rows read \(s.rowsRead): inserted \(s.inserted), updated \(s.updated), unchanged \(s.unchanged), rejected \(s.rejected)"
                     + (s.deleted > 0 ? ", deleted in CRM (skipped) \(s.deleted)" : "") + (s.blankRows > 0 ? ", blank rows skipped \(s.blankRows)" : "")
                     + (s.repeatedHeaders > 0 ? ", repeated header lines skipped \(s.repeatedHeaders)" : ""))
        if !s.lifecycles.isEmpty {
            let order = ["open", "won", "lost", "disqualified"]
            lines.append("  lifecycles: " + order.compactMap { name in s.lifecycles[name].map { "\(name) \($0)" } }.joined(separator: ", "))
        }
        for warning in s.warnings { lines.append("  warning: \(warning)") }
        for note in s.dateOrderNotes { lines.append("  \(note)") }
        lines.append("  lead states written \(s.snapshots)" + (s.footerLines > 0 ? ", report footer lines skipped \(s.footerLines)" : ""))
        if !s.unreadable.isEmpty {
            lines.append("  unreadable values (left empty, kept in each record's `unreadable`):")
            for (column, count) in s.unreadable.sorted(by: { $0.key < $1.key }) {
                let examples = (s.unreadableExamples[column] ?? []).map { "\"\(Console.value($0.text))\" \($0.count)" }.joined(separator: ", ")
                lines.append("    \(Console.value(column)) \(count)" + (examples.isEmpty ? "" : ": " + examples))
            }
        }
        for reject in s.firstRejects.prefix(verbose ? 5 : 3) {
            lines.append("  rejected line \(reject.line): \(Console.value(reject.reason))")
        }
        if s.rejected > s.firstRejects.prefix(verbose ? 5 : 3).count, let id = s.importID {
            lines.append("  all rejects: sqlite3 <db> \"SELECT line, reason FROM import_rejects WHERE import_id = \(id)\"")
        }
        lines.append("  " + Figures.decimal(s.seconds, digits: 2) + " s")
        return lines.joined(separator: "\n")
    }

    static func json(_ s: ImportSummary) -> [String: Any] {
        var object: [String: Any] = ["file": s.file]
        if let earlier = s.alreadyImported {
            object["skipped"] = "already imported"
            object["import_id"] = earlier.id
            return object
        }
        object["preset"] = s.preset
        object["source"] = s.source
        object["object"] = s.object
        object["encoding"] = s.encoding.rawValue
        object["dry_run"] = s.dryRun
        object["rows_read"] = s.rowsRead
        object["inserted"] = s.inserted
        object["updated"] = s.updated
        object["unchanged"] = s.unchanged
        object["rejected"] = s.rejected
        object["deleted"] = s.deleted
        object["snapshots"] = s.snapshots
        object["footer_lines"] = s.footerLines
        object["blank_rows"] = s.blankRows
        object["repeated_headers"] = s.repeatedHeaders
        object["date_orders"] = s.dateOrderNotes
        object["lifecycles"] = s.lifecycles
        object["warnings"] = s.warnings
        object["utf8_lines_in_windows_1252"] = s.utf8LinesInWindows1252
        object["unreadable"] = s.unreadable
        object["unreadable_examples"] = s.unreadableExamples.mapValues { $0.map { ["text": $0.text, "count": $0.count] } }
        object["seconds"] = (s.seconds * 1000).rounded() / 1000
        if let id = s.importID { object["import_id"] = id }
        return object
    }
}
