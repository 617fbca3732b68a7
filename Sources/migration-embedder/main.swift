import Foundation

/// Build tool: turns `migrations/*.sql` into a Swift source file so that the `reeval`
/// binary carries its schema with it (copied alone to another folder, it still migrates).
///
/// Usage: `migration-embedder OUTPUT.swift MIGRATION.sql...`
let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: migration-embedder OUTPUT.swift MIGRATION.sql...\n".utf8))
    exit(64)
}
let inputs = arguments.dropFirst().sorted { ($0 as NSString).lastPathComponent < ($1 as NSString).lastPathComponent }

var source = "// Generated from migrations/*.sql by the EmbedMigrations plugin. Do not edit.\n\n"
source += "enum EmbeddedMigrations {\n    static let files: [(name: String, sql: String)] = [\n"
for path in inputs {
    let name = (path as NSString).lastPathComponent
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write(Data("migration-embedder: cannot read \(path) as UTF-8\n".utf8))
        exit(65)
    }
    // A raw string with enough hashes that no sequence in the SQL can close it.
    var hashes = "#"
    while text.contains("\"" + hashes) { hashes += "#" }
    source += "        (\"\(name)\", \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)),\n"
}
source += "    ]\n}\n"
do {
    try source.write(toFile: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("migration-embedder: cannot write \(output): \(error)\n".utf8))
    exit(73)
}
