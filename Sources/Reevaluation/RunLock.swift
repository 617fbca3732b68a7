#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LeadData

/// One run at a time: an exclusive `flock` on `<database>.lock`. The kernel releases it when
/// the process ends, so a killed run never leaves a stale lock.
public final class RunLock {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock; with `wait` false, another holder makes this throw a `busy` failure at once.
    public init(databasePath: String, wait: Bool) throws {
        path = databasePath + ".lock"
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

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
