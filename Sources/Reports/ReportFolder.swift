import Foundation
import LeadData

/// A report folder that always holds one run's complete set of files.
///
/// The set is written into a new folder beside it (`.NAME.new-PID`); only when every file is
/// written is the old folder moved aside (`.NAME.old-PID`), the new one renamed into its place
/// and the old one removed. A writer killed before the swap leaves the old set in place and a
/// staging folder that the next writer removes; one killed between the two renames leaves the
/// old set aside, and the next writer puts it back before it starts. The name is never a mix
/// of two runs' files, and no temporary file is left behind after the next write.
struct ReportFolder {
    let path: String
    private let parent: String
    private let name: String

    init(path: String) {
        var trimmed = path
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        // A folder named by `.` or `..` (`--out .`, `./`, `sub/..`) has no name of its own to
        // swap, so it is named by its absolute path.
        if [".", ".."].contains(PathName.split(trimmed).name) { trimmed = Self.absolute(trimmed) }
        self.path = trimmed
        (parent, name) = PathName.split(trimmed)
    }

    /// `path` made absolute against the working folder, with its `.` and `..` steps taken.
    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in full.split(separator: "/") where part != "." {
            if part == ".." { if !parts.isEmpty { parts.removeLast() } } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Restores a set a killed writer left aside, removes what killed writers staged, and
    /// creates a new empty staging folder, whose path it returns.
    func stage() throws -> String {
        let fm = FileManager.default
        guard !name.isEmpty, name != "/" else {
            throw FileFailure.cannotWrite(path, "a report needs a folder of its own, not the root folder; pass another --out or --report-dir")
        }
        try checkHoldsOnlyReports()
        do {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw FileFailure.cannotWrite(parent, error.localizedDescription)
        }
        let leftovers = ((try? fm.contentsOfDirectory(atPath: parent)) ?? []).filter {
            $0.hasPrefix(".\(name).new-") || $0.hasPrefix(".\(name).old-")
        }.sorted()
        // Only what a writer that is gone left: another writer's live staging folder stays (it
        // swaps in its own set when done; the last to finish wins, each set whole).
        let abandoned = leftovers.filter { !Self.writerIsAlive($0) }
        for leftover in abandoned where leftover.hasPrefix(".\(name).old-") && !fm.fileExists(atPath: path) {
            _ = rename(join(leftover), path)
        }
        for leftover in abandoned where fm.fileExists(atPath: join(leftover)) { try? fm.removeItem(atPath: join(leftover)) }
        let staging = join(".\(name).new-\(getpid())")
        guard mkdir(staging, 0o700) == 0 else { throw FileFailure.cannotWrite(staging, String(cString: strerror(errno))) }
        return staging
    }

    /// Puts the complete staged set in the folder's place.
    func swapIn(_ staging: String) throws {
        let aside = join(".\(name).old-\(getpid())")
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if exists {
            guard isFolder.boolValue else {
                discard(staging)
                throw FileFailure.cannotWrite(path, "it is a file, not a folder; pass another --out or --report-dir")
            }
            guard rename(path, aside) == 0 else {
                let reason = String(cString: strerror(errno))
                discard(staging)
                throw FileFailure.cannotWrite(path, reason)
            }
        }
        guard rename(staging, path) == 0 else {
            let reason = String(cString: strerror(errno))
            if exists { _ = rename(aside, path) }
            discard(staging)
            throw FileFailure.cannotWrite(path, reason)
        }
        if exists { try? FileManager.default.removeItem(atPath: aside) }
    }

    /// The folder is replaced whole, so it must hold nothing but reeval's reports: a folder with
    /// other files (`--report-dir .`, a shared folder) is refused rather than emptied.
    func checkHoldsOnlyReports() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else {
            throw FileFailure.cannotWrite(path, "it is a file, not a folder; pass another --out or --report-dir")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let manifestPath = (path as NSString).appendingPathComponent(Self.manifest)
        let foreign: [String]
        if let listed = FileManager.default.contents(atPath: manifestPath) {
            // The names the writer of this set listed, and nothing else.
            let own = Set(String(decoding: listed, as: UTF8.self).split(separator: "\n").map(String.init) + [Self.manifest])
            foreign = names.filter { !own.contains($0) }.sorted()
        } else {
            // A folder written before the list existed: only the names reeval gives its files
            // (`revived.csv`, `revived-SOURCE-OBJECT.csv`), never a look-alike such as `revived-notes.csv`.
            foreign = names.filter { name in
                !(Self.reportNames.contains(name) || name == "revived.csv"
                  || (name.hasPrefix("revived-") && name.hasSuffix(".csv") && name.dropFirst(8).dropLast(4).split(separator: "-").count == 2))
            }.sorted()
        }
        guard foreign.isEmpty else {
            throw Failure(.cannotCreate, "\(path) holds files reeval did not write (\(foreign.prefix(3).joined(separator: ", "))\(foreign.count > 3 ? ", …" : "")); "
                          + "reports replace their folder whole, so give them a folder of their own")
        }
    }

    /// What a report folder holds.
    static let reportNames: Set<String> = ["report.md", "report.html", "run.json"]
    /// The hidden list of the files a report set holds.
    static let manifest = ".reeval-report"

    /// Whether the process whose id ends a staging name (`.NAME.new-PID`) still runs.
    static func writerIsAlive(_ leftover: String) -> Bool {
        guard let dash = leftover.lastIndex(of: "-"), let pid = Int32(leftover[leftover.index(after: dash)...]), pid > 0 else { return false }
        if pid == getpid() { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    func discard(_ staging: String) {
        try? FileManager.default.removeItem(atPath: staging)
    }

    private func join(_ child: String) -> String { (parent as NSString).appendingPathComponent(child) }
}
