/// Failures reading input files, each naming the file and what to do.
public enum FileFailure: UserFacingError, Equatable {
    case missing(String)
    case cannotRead(String)
    case cannotWrite(String, String)

    public var kind: FailureKind {
        switch self {
        case .missing: return .missingInput
        case .cannotRead: return .io
        case .cannotWrite: return .cannotCreate
        }
    }

    public var message: String {
        switch self {
        case .missing(let path): return "\(path): no such file; check the path"
        case .cannotRead(let path): return "\(path): cannot be read; check its permissions"
        case .cannotWrite(let path, let why): return "\(path): cannot be written (\(why)); check the folder exists and is writable"
        }
    }
}
