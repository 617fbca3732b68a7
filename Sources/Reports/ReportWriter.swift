import Foundation
import LeadData
import ReevalStore

/// Writes a stored run's reports into a folder, each file under a temporary name first and
/// renamed into place, so a reader never sees half a report.
///
/// ```swift
/// let written = try ReportWriter.write(db: db, runID: nil, folder: "reports", formats: ReportFormat.allCases)
/// ```
public enum ReportFormat: String, Sendable, CaseIterable {
    case md, html, csv, json

    /// Reads `--format md,html`; unknown names are a usage error naming them.
    public static func parse(_ list: String) throws -> [ReportFormat] {
        let names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return try names.map { name in
            guard let format = ReportFormat(rawValue: name == "markdown" ? "md" : name) else {
                throw Failure(.usage, "unknown report format \(name); use md, html, csv or json, comma-separated")
            }
            return format
        }
    }
}

public enum ReportWriter {
    /// Renders run `runID` (latest completed when nil) and returns the paths written.
    @discardableResult
    public static func write(db: Database, runID: Int?, folder: String, formats: [ReportFormat]) throws -> [String] {
        let report = try RunReport.load(db, runID: runID)
        var files: [(String, String)] = []
        for format in formats {
            switch format {
            case .md: files.append(("report.md", MarkdownReport.render(report)))
            case .html: files.append(("report.html", HTMLReport.render(report)))
            case .json: files.append(("run.json", JSONReport.render(report)))
            case .csv: files += WriteBackCSV.render(report)
            }
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw FileFailure.cannotWrite(folder, error.localizedDescription)
        }
        var written: [String] = []
        for (name, text) in files {
            let path = (folder as NSString).appendingPathComponent(name)
            let temporary = (folder as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
            guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw FileFailure.cannotWrite(path, "the disk may be full or the folder read-only")
            }
            if rename(temporary, path) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw FileFailure.cannotWrite(path, reason)
            }
            written.append(path)
        }
        return written
    }
}
