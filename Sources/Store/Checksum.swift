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

    /// `value` as 16 lowercase hex digits, big-endian: how 64-bit content hashes are stored.
    public static func hex64(_ value: UInt64) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 16) { out in
            digits.withUTF8Buffer { table in
                for k in 0..<16 { out[k] = table[Int((value >> UInt64(60 - 4 * k)) & 0xF)] }
            }
            return 16
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
