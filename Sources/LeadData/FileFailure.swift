/// Failures reading input files, each naming the file and what to do.
public enum FileFailure: UserFacingError, Equatable {
    case missing(String)
    case cannotRead(String)
    /// A folder named where a file is read.
    case isFolder(String)
    case cannotWrite(String, String)

    public var kind: FailureKind {
        switch self {
        case .missing: return .missingInput
        case .cannotRead, .isFolder: return .io
        case .cannotWrite: return .cannotCreate
        }
    }

    public var message: String {
        switch self {
        case .missing(let path): return "\(path): no such file; check the path"
        case .cannotRead(let path): return "\(path): cannot be read; check its permissions"
        case .isFolder(let path):
            return "\(path): cannot be read: it is a folder, not a file; name its exports (reeval import \(path)/*.csv) or import the folder nightly with run --inbox \(path)"
        case .cannotWrite(let path, let why): return "\(path): cannot be written (\(why)); check the folder exists and is writable"
        }
    }
}
