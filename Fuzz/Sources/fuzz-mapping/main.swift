import Foundation
import CRMImport

/// The mapping parser on any text: a mapping is accepted or refused with a message, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let mapping = try? Mapping.parse(text, file: "fuzz.yaml") { _ = try? mapping.standalonePreset() }
    return 0
}

// libFuzzer's driver, called from this executable's own entry point (SwiftPM names the entry
// point itself, so libFuzzer's `main` is never linked).
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
               _ body: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runDriver(&argc, &argv, fuzz))
