import LeadData

/// One mistake in an ICP file: where it is and what to write instead.
public struct ICPProblem: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "line \(line), column \(column): \(message)" }
}

/// An ICP file that cannot be used, with every problem found in it.
public struct InvalidICP: UserFacingError, Equatable {
    public var file: String
    public var problems: [ICPProblem]

    public var kind: FailureKind { .badData }

    /// One line per problem, each naming the file, line and column.
    public var message: String {
        problems.map { "\(file):\($0.line):\($0.column): \($0.message)" }.joined(separator: "\n")
    }
}
