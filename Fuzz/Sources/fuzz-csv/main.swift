import CRMImport
import Foundation
import FuzzDriver

/// The CSV reader and the encodings on any bytes: every record is read and decoded, nothing traps.
/// Small chunks make records straddle buffer boundaries.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let path = FuzzFile.write(bytes)
    guard let reader = try? CSVReader(path: path, chunkSize: 64) else { return 0 }
    let encoding = TextEncoding.detect(prefix: reader.prefix(), isPartial: reader.prefixIsPartial)
    while let record = try? reader.next() {
        for i in 0..<record.fieldCount { _ = encoding.decode(record.field(i)) }
        _ = TextEncoding.windows1252.decode(record.raw[...])
    }
    _ = try? reader.sha256()
    return 0
}

enum FuzzFile {
    static let path = FileManager.default.temporaryDirectory.appendingPathComponent("reeval-fuzz-\(getpid()).csv").path
    static func write(_ bytes: [UInt8]) -> String {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }
}

runFuzzer(fuzz)
