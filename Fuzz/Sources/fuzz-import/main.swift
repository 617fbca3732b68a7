import CRMImport
import Foundation
import FuzzDriver
import ReevalStore

/// The whole import of any bytes with each preset (the first byte picks it), as a dry run on an
/// in-memory database: rows are read, normalised and written, then rolled back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let choices: [(String?, String?)] = [(nil, nil), ("salesforce", "Lead"), ("salesforce", "Account"), ("salesforce", "Opportunity"),
                                         ("salesforce", "Contact"), ("hubspot", "contacts"), ("hubspot", "companies"), ("hubspot", "deals"),
                                         ("pipedrive", "deals"), ("pipedrive", "organizations"), ("pipedrive", "persons")]
    let choice = choices[Int(data[0]) % choices.count]
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("reeval-fuzz-import-\(getpid()).csv").path
    _ = FileManager.default.createFile(atPath: path, contents: Data(UnsafeBufferPointer(start: data + 1, count: size - 1)))
    var options = ImportOptions(now: Date(timeIntervalSince1970: 1_790_000_000))
    options.source = choice.0
    options.object = choice.1
    options.dryRun = true
    _ = try? Importer(db: Shared.db).importFile(path, options: options)
    return 0
}

enum Shared {
    nonisolated(unsafe) static let db: Database = try! Database.openMigrated(path: ":memory:", now: Date(timeIntervalSince1970: 1_790_000_000))
}

runFuzzer(fuzz)
