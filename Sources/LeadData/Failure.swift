/// What kind of failure a user-facing error is, so the command line can map every error
/// type to one documented exit code in one place.
///
/// The library never exits or prints: it throws errors that conform to ``UserFacingError``,
/// and `reeval` turns their ``FailureKind`` into a sysexits code.
public enum FailureKind: String, Sendable, CaseIterable {
    /// A flag or argument that does not make sense (exit 64).
    case usage
    /// Input that cannot be used: an invalid ICP, an unreadable CSV, a refused database (exit 65).
    case badData
    /// An input file that does not exist (exit 66).
    case missingInput
    /// A database or report that cannot be created (exit 73).
    case cannotCreate
    /// A read or write that failed: disk full, I/O error (exit 74).
    case io
    /// Another run holds the lock, or the database is busy: try later (exit 75).
    case busy
    /// A bug in reeval (exit 70).
    case bug
}

/// An error a user can cause and fix; its message is one line naming the file, line or field
/// and what to do.
public protocol UserFacingError: Error, CustomStringConvertible {
    var kind: FailureKind { get }
    var message: String { get }
}

extension UserFacingError {
    public var description: String { message }
}

/// A plain user-facing error for failures that need no type of their own.
public struct Failure: UserFacingError, Equatable {
    public var kind: FailureKind
    public var message: String

    public init(_ kind: FailureKind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}
