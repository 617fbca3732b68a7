import ArgumentParser
import Foundation
import LeadData

/// The one mapping from failures to the sysexits codes DESIGN.md documents.
enum ExitCodes {
    static let ok: Int32 = 0
    static let usage: Int32 = 64
    static let badData: Int32 = 65
    static let missingInput: Int32 = 66
    static let bug: Int32 = 70
    static let cannotCreate: Int32 = 73
    static let io: Int32 = 74
    static let busy: Int32 = 75

    static func code(for kind: FailureKind) -> Int32 {
        switch kind {
        case .usage: return usage
        case .badData: return badData
        case .missingInput: return missingInput
        case .cannotCreate: return cannotCreate
        case .io: return io
        case .busy: return busy
        case .bug: return bug
        }
    }
}

/// Runs a command's body and turns any library error into one line on stderr and its exit code.
/// Nothing uncaught escapes: an unexpected error is reported as a bug (70), never a stack trace.
func withExitCodes(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as UserFacingError {
        Console.error(error.message)
        throw ExitCode(ExitCodes.code(for: error.kind))
    } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
        Console.error("\(error.localizedDescription); check the path")
        throw ExitCode(ExitCodes.missingInput)
    } catch {
        Console.error("internal error: \(error); please report it with the command you ran")
        throw ExitCode(ExitCodes.bug)
    }
}

/// stdout for results, stderr for logs, one line at a time.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("reeval: \(terminalSafe(message))\n".utf8))
    }

    static func log(_ message: String) {
        FileHandle.standardError.write(Data("\(terminalSafe(message))\n".utf8))
    }

    static func out(_ text: String) {
        let safe = terminalSafe(text)
        FileHandle.standardOutput.write(Data((safe.hasSuffix("\n") ? safe : safe + "\n").utf8))
    }

    /// Text with every control character but newline and tab shown as `�`: CRM values and file
    /// headers reach messages and previews, and an escape sequence in them (`\u{1B}[2J`) would
    /// clear the screen or retitle the window. JSON output escapes them itself.
    static func terminalSafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(isControl(scalar) ? "\u{FFFD}" : scalar) }
        return String(scalars)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
    }

    /// Pretty, key-sorted JSON on stdout: exactly one document for `--json`.
    static func json(_ object: Any) {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        out(String(decoding: data, as: UTF8.self))
    }
}

/// A subcommand another issue fills in: its help is real; running it says so and exits 64.
func notYetAvailable(_ name: String) throws -> Never {
    Console.error("`reeval \(name)` is not yet available in this version")
    throw ExitCode(ExitCodes.usage)
}
