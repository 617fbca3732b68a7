import Foundation
import LeadData

/// A file a command writes for the user (`icp suggest --out`, `backtest --records`): `-` is
/// standard output; an existing file is refused unless `force` (it may be an edited draft), and
/// a symbolic link is followed, never replaced by a plain file. Created readable by its owner only.
enum OutputFile {
    static func save(_ bytes: [UInt8], to path: String, force: Bool, option: String) throws {
        if path == "-" {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        let flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | (force ? 0 : O_EXCL)
        let fd = open(path, flags, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST {
                throw Failure(.cannotCreate, "\(path) exists; pass --force to replace it, or choose another \(option)")
            }
            throw FileFailure.cannotWrite(path, String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            guard n > 0 else { throw FileFailure.cannotWrite(path, String(cString: strerror(errno))) }
            written += n
        }
        guard fsync(fd) == 0 else { throw FileFailure.cannotWrite(path, String(cString: strerror(errno))) }
    }
}
