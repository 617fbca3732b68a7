#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LeadData

/// One run at a time: an exclusive `flock` on `<database>.lock`, beside the database's resolved
/// path, so a symlink to the database or a path through a symlinked folder takes the same lock.
/// The kernel releases it when the process ends, so a killed run never leaves a stale lock.
public final class RunLock {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock; with `wait` false, another holder makes this throw a `busy` failure at once.
    public init(databasePath: String, wait: Bool) throws {
        path = Self.resolved(databasePath) + ".lock"
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw Failure(.cannotCreate, "cannot create the lock file \(path): \(String(cString: strerror(errno))); check the folder is writable")
        }
        var result: Int32
        repeat { result = flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) } while result != 0 && errno == EINTR
        guard result == 0 else {
            close(fd)
            throw Failure(.busy, "another reeval run holds \(path); try again later, or pass --wait to wait for it")
        }
        descriptor = fd
    }

    /// The database's path with every symlink resolved: the file's own, or for a database not
    /// created yet, its folder's resolved path and its name.
    static func resolved(_ path: String) -> String {
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let (folder, name) = PathName.split(path)
        guard let real = realpath(folder, nil) else { return path }
        defer { free(real) }
        let base = String(cString: real)
        return (base.hasSuffix("/") ? base : base + "/") + name
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
