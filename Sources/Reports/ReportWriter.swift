import Foundation
import LeadData
import ReevalStore

/// Writes a stored run's reports into a folder that always holds one run's complete set
/// (`ReportFolder`): the set is written beside it and swapped in whole.
///
/// ```swift
/// let written = try ReportWriter.write(db: db, runID: nil, folder: "reports", formats: ReportFormat.allCases)
/// ```
public enum ReportFormat: String, Sendable, CaseIterable {
    case md, html, csv, json

    /// Reads `--format md,html`; unknown names, an empty list and an empty item are usage errors
    /// naming them, and a format named twice is written once.
    public static func parse(_ list: String) throws -> [ReportFormat] {
        let names = list.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmed.lowercased() }
        var formats: [ReportFormat] = []
        for name in names {
            guard let format = ReportFormat(rawValue: name == "markdown" ? "md" : name) else {
                let shown = name.isEmpty ? "an empty name" : name
                throw Failure(.usage, "--format: unknown report format \(shown) in '\(list)'; use md, html, csv or json, comma-separated")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats
    }
}

public enum ReportWriter {
    /// Renders run `runID` (latest completed when nil) and returns the paths written.
    @discardableResult
    public static func write(db: Database, runID: Int?, folder: String, formats: [ReportFormat]) throws -> [String] {
        let report = try RunReport.load(db, runID: runID)
        let target = ReportFolder(path: folder)
        let staging = try target.stage()
        // Each format is rendered and written into the staging folder on its own thread: they
        // only read the loaded report. The folder is swapped in only if every file was written.
        let staged = OrderedResults<[StagedFile]>(count: formats.count)
        DispatchQueue.concurrentPerform(iterations: formats.count) { index in
            func stage(_ name: String, _ render: (inout ReportBuffer) -> Void) -> StagedFile {
                Self.stage(name, in: staging, render)
            }
            switch formats[index] {
            case .md: staged.set(index, [stage("report.md") { MarkdownReport.render(report, into: &$0) }])
            case .html: staged.set(index, [stage("report.html") { HTMLReport.render(report, into: &$0) }])
            case .json: staged.set(index, [stage("run.json") { JSONReport.render(report, into: &$0) }])
            case .csv: staged.set(index, WriteBackCSV.render(report).map { name, bytes in stage(name) { $0.append(bytes: bytes) } })
            }
        }
        var files = staged.values.flatMap { $0 }
        files.append(stageManifest(files.map(\.name), in: staging))
        if let failed = files.first(where: { $0.failure != nil }) {
            target.discard(staging)
            throw Failure(.io, "\((target.path as NSString).appendingPathComponent(failed.name)): cannot be written (\(failed.failure ?? "")); free some space or check the disk")
        }
        try target.swapIn(staging)
        return files.filter { $0.name != ReportFolder.manifest }.map { (target.path as NSString).appendingPathComponent($0.name) }
    }

    /// Writes one file of the set into the staging folder, streamed while it is rendered (256
    /// KiB at a time) and synced, so a swapped-in set is on disk whole.
    private static func stage(_ name: String, in staging: String, _ render: (inout ReportBuffer) -> Void) -> StagedFile {
        let path = (staging as NSString).appendingPathComponent(name)
        let fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
        guard fd >= 0 else { return StagedFile(name: name, failure: String(cString: strerror(errno))) }
        var out = ReportBuffer(streamingTo: fd)
        render(&out)
        var failure = out.flush()
        if fsync(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        return StagedFile(name: name, failure: failure)
    }

    /// The folder's list of its own files (`.reeval-report`, one name a line): what a later
    /// writer may replace. Any other file in the folder is the user's, and the folder is refused.
    private static func stageManifest(_ names: [String], in staging: String) -> StagedFile {
        let text = names.sorted().map { $0 + "\n" }.joined()
        return stage(ReportFolder.manifest, in: staging) { $0.append(bytes: Array(text.utf8)) }
    }
}

/// A report file written into the staging folder.
private struct StagedFile: Sendable {
    var name: String
    /// Why writing it failed, if it did.
    var failure: String?
}
