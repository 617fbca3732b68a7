import Foundation
import FuzzDriver
import CRMImport

/// The mapping parser on any text: a mapping is accepted or refused with a message, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let mapping = try? Mapping.parse(text, file: "fuzz.yaml") { _ = try? mapping.standalonePreset() }
    return 0
}

runFuzzer(fuzz)
