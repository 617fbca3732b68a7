import LeadData
import Foundation

/// SHA-256 digests as lowercase hex: migration checksums, import file identity, ICP identity.
public enum Checksum {
    /// The SHA-256 of `text`'s UTF-8 bytes.
    public static func sha256(_ text: String) -> String {
        hex(SHA256.hash(text.utf8))
    }

    /// The SHA-256 of `bytes`.
    public static func sha256<Bytes: Sequence>(bytes: Bytes) -> String where Bytes.Element == UInt8 {
        hex(SHA256.hash(bytes))
    }

    /// The SHA-256 of a file, read in chunks so memory stays flat whatever its size.
    public static func sha256(fileAt path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FileFailure.cannotRead(path)
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw FileFailure.cannotRead(path)
            }
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { hasher.update($0) }
        }
        return hex(hasher.finalize())
    }

    /// The first 16 bytes of the SHA-256 of `bytes`, as two big-endian words: the identity of a
    /// stored explanation. 128 bits keep collisions out of reach (about 2^64 texts) at half an
    /// index entry's size, and two words make a dictionary key with no allocation.
    public static func digest128(_ bytes: [UInt8]) -> (high: UInt64, low: UInt64) {
        SHA256.hash(bytes).withUnsafeBytes { raw in
            (UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
             UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
    }

    public static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
