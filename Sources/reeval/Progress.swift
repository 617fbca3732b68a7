#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A one-line progress bar on stderr, only when stderr is a terminal (not under cron, not in
/// pipes) and TERM is not `dumb`.
enum Progress {
    static var isTerminal: Bool {
        isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// A reporter for one file, or nil when no bar should be drawn.
    static func bar(label: String, quiet: Bool) -> (@Sendable (Int, Int) -> Void)? {
        guard isTerminal, !quiet else { return nil }
        return { done, total in
            guard total > 0 else { return }
            let fraction = min(1, Double(done) / Double(total))
            let width = 30
            let filled = Int(fraction * Double(width))
            let line = "\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
                + "] \(Int(fraction * 100))%"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Clears the bar's line.
    static func clear(quiet: Bool) {
        guard isTerminal, !quiet else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
