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
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw FileFailure.cannotWrite(folder, error.localizedDescription)
        }
        // Each format is rendered and written to temporary files on its own thread: they only
        // read the loaded report. Nothing is renamed into place unless every file was written.
        let staged = OrderedResults<[StagedFile]>(count: formats.count)
        DispatchQueue.concurrentPerform(iterations: formats.count) { index in
            func stage(_ name: String, _ render: (inout ReportBuffer) -> Void) -> StagedFile {
                let path = (folder as NSString).appendingPathComponent(name)
                let temporary = (folder as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
                let fd = open(temporary, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
                guard fd >= 0 else { return StagedFile(path: path, temporary: temporary, failure: String(cString: strerror(errno))) }
                // Streamed: the file is written while it is rendered, 256 KiB at a time.
                var out = ReportBuffer(streamingTo: fd)
                render(&out)
                var failure = out.flush()
                if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
                return StagedFile(path: path, temporary: temporary, failure: failure)
            }
            switch formats[index] {
            case .md: staged.set(index, [stage("report.md") { MarkdownReport.render(report, into: &$0) }])
            case .html: staged.set(index, [stage("report.html") { HTMLReport.render(report, into: &$0) }])
            case .json: staged.set(index, [stage("run.json") { JSONReport.render(report, into: &$0) }])
            case .csv: staged.set(index, WriteBackCSV.render(report).map { name, bytes in stage(name) { $0.append(bytes: bytes) } })
            }
        }
        let files = staged.values.flatMap { $0 }
        if let failed = files.first(where: { $0.failure != nil }) {
            for file in files { unlink(file.temporary) }
            throw FileFailure.cannotWrite(failed.path, failed.failure ?? "")
        }
        var written: [String] = []
        for file in files {
            if rename(file.temporary, file.path) != 0 {
                let reason = String(cString: strerror(errno))
                for file in files { unlink(file.temporary) }
                throw FileFailure.cannotWrite(file.path, reason)
            }
            written.append(file.path)
        }
        return written
    }
}

/// A report file written under its temporary name, waiting to be renamed into place.
private struct StagedFile: Sendable {
    var path: String
    var temporary: String
    /// Why writing it failed, if it did.
    var failure: String?
}
