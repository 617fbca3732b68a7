import Foundation
import ICP
import ICPRegistry

/// `--icp VERSION|FILE`: a registered label, or an ICP file (a name ending in `.yaml` or `.yml`,
/// or any path that exists). One rule for every command that takes it.
enum ICPArgument {
    static func isFile(_ name: String) -> Bool {
        name.hasSuffix(".yaml") || name.hasSuffix(".yml") || FileManager.default.fileExists(atPath: name)
    }

    /// Each name's version: parsed from its file, or the registered one under its label.
    static func versions(_ names: [String], registry: ICPRegistry) throws -> [ICPVersion] {
        try names.map { isFile($0) ? try ICPParser.load(path: $0).version : try registry.entry($0).version }
    }
}
