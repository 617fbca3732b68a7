import ArgumentParser
import Foundation
import LeadData

/// The one mapping from failures to the sysexits codes DESIGN.md documents.
enum ExitCodes {
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

/// The one place a failure becomes its exit code: `Reeval.main` hands every error a command
/// throws here. A library error is one line on stderr and its code; an unexpected one is a bug
/// (70), never a stack trace; ArgumentParser's own (usage, help, `ExitCode`) pass through.
func exitError(_ error: Error) -> Error {
    switch error {
    case let error as ExitCode:
        return error
    case let error as UserFacingError:
        Console.error(error.message)
        return ExitCode(ExitCodes.code(for: error.kind))
    case let error as CocoaError where error.code == .fileReadNoSuchFile:
        Console.error("\(error.localizedDescription); check the path")
        return ExitCode(ExitCodes.missingInput)
    case is ValidationError, is CleanExit:
        return error
    case _ where String(reflecting: type(of: error)).hasPrefix("ArgumentParser."):
        // The parser's own (`--help` of a command with subcommands): it prints and exits itself.
        return error
    default:
        Console.error("internal error: \(error); please report it with the command you ran")
        return ExitCode(ExitCodes.bug)
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

    /// Text for the terminal: reeval's own line breaks and tabs stay, every other character of
    /// ``UnsafeCharacters`` (escape sequences, C1, bidi overrides, CR and the other line breaks)
    /// is shown as `�` or a space. CRM values reach messages and previews, and `\u{1B}[2J` in one
    /// would clear the screen; a CRM value is also put on one line where it is interpolated
    /// (``value(_:)``), so it cannot forge lines. JSON output escapes them itself.
    static func terminalSafe(_ text: String) -> String {
        guard UnsafeCharacters.mayContain(text.utf8) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\t" { scalars.append(scalar); continue }
            switch UnsafeCharacters.replacement(scalar.value) {
            case nil: scalars.append(scalar)
            case .space?: scalars.append(" ")
            case .replacementCharacter?: scalars.append("\u{FFFD}")
            }
        }
        return String(scalars)
    }

    /// A CRM value on one line, for interpolating into terminal output.
    static func value(_ text: String) -> String { UnsafeCharacters.oneLine(text) }

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
