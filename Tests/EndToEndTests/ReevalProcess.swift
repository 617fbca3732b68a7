import Foundation
import ReevalStore
import Testing

/// Runs the built `reeval` binary as a user would, in a folder of its own.
struct ReevalProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The `reeval` built beside this test bundle, found through Foundation's bundles (no
    /// `/proc`, which macOS lacks): on macOS the tests are a `.xctest` bundle folder that
    /// `xctest` loads; on Linux an executable named `….xctest`. Either sits in the build folder.
    static let binary: URL = {
        #if os(macOS)
        let tests = Bundle(for: BundleToken.self).bundleURL
        #else
        let tests = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath()
        #endif
        return tests.deletingLastPathComponent().appendingPathComponent("reeval")
    }()

    let folder: URL
    var environment: [String: String] = [:]

    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "REEVAL_DB")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        // Output goes to files, so a large output can never block the process on a full pipe.
        let outURL = folder.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let errURL = folder.appendingPathComponent(".stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            // Standard input from a file, so the process reads it at its own pace.
            let inURL = folder.appendingPathComponent(".stdin-\(UUID().uuidString)")
            try Data(stdin.utf8).write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try out.close(); try err.close()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The rows of a query (or what a statement changes) on the workspace's database, in process, each as its columns joined by
    /// `|` the way the `sqlite3` shell prints them (NULL as empty, a whole REAL as `90.0`). Any
    /// SQL error, a missing database included, throws and so fails the test.
    func sql(_ query: String, db: String = "reeval.sqlite") throws -> [String] {
        let path = folder.appendingPathComponent(db).path
        guard FileManager.default.fileExists(atPath: path) else { throw MissingDatabase(path: path) }
        let database = try Database(path: path, mode: .readWrite)
        var trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        while trimmed.hasSuffix(";") { trimmed.removeLast() }
        return try database.rows(trimmed).map { row in
            row.values.map(\.shellText).joined(separator: "|")
        }
    }

    struct MissingDatabase: Error, CustomStringConvertible {
        let path: String
        var description: String { "no database at \(path)" }
    }
}

/// A fresh folder, removed when released.
final class Workspace {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("reeval-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    var reeval: ReevalProcess { ReevalProcess(folder: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func write(_ name: String, _ text: String) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }
    func write(bytes: [UInt8], _ name: String) throws {
        try Data(bytes).write(to: url.appendingPathComponent(name))
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}

extension Workspace {
    /// A workspace holding a custom CRM's exports, each imported through `mapping` (in
    /// `fixtures`) as of its date, and the ICP files registered: the shape of most end-to-end
    /// scenarios.
    static func imported(_ exports: [(file: String, observedAt: String)], from fixtures: URL, mapping: String,
                         icps: [URL]) throws -> Workspace {
        let ws = try Workspace()
        let mappingPath = fixtures.appendingPathComponent(mapping).path
        for (file, date) in exports {
            let result = try ws.reeval.run(["import", fixtures.appendingPathComponent(file).path, "--mapping", mappingPath,
                                            "--observed-at", date, "--quiet"])
            #expect(result.status == 0, "\(file): \(result.stderr)")
        }
        let icp = try ws.reeval.run(["icp", "add"] + icps.map(\.path) + ["--quiet"])
        #expect(icp.status == 0, "\(icp.stderr)")
        return ws
    }
}

/// A class of the test bundle's own, for `Bundle(for:)`.
private final class BundleToken {}
