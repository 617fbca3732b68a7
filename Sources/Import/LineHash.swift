/// A 64-bit hash of one row as it stood in the file, seeded with how the file is read (its
/// header, preset, mapping, encoding and the normalisers' revision): equal hashes mean the row
/// would normalise to the values already stored, so a nightly re-import of a mostly unchanged
/// export skips normalising those rows and writes nothing for them.
///
/// It is not SHA-256 because it runs over every byte of every row and needs no resistance to a
/// crafted collision: a file's identity stays SHA-256 (`imports.sha256`); this only compares a
/// row with the same record's previous row. The mixing is MurmurHash3's finaliser over 8-byte
/// words, so each word costs a few instructions. Stored values depend on these exact steps.
struct LineHash: Sendable {
    /// Bump when any normaliser changes what it stores for the same text: every row of the next
    /// import is then read again, once, instead of keeping the values the old normaliser gave.
    static let normaliserRevision = 2

    private let seed: UInt64

    /// The seed for one reading of a file.
    init(reading: String, header: [UInt8]) {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(Self.normaliserRevision)
        h = Self.mix(h, Array(reading.utf8))
        seed = Self.mix(h, header)
    }

    /// The row's hash, as SQLite stores it (a signed 64-bit integer).
    func hash(_ raw: [UInt8]) -> Int64 {
        Int64(bitPattern: Self.mix(seed, raw))
    }

    private static func mix(_ start: UInt64, _ bytes: [UInt8]) -> UInt64 {
        var h = start ^ (UInt64(bytes.count) &* 0xC2B2_AE3D_27D4_EB4F)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + 8 <= raw.count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                h = fmix(h ^ (word &* 0x87C3_7B91_1142_53D5)) &* 0x4CF5_AD43_2745_937F
                offset += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < raw.count {
                tail |= UInt64(raw[offset]) << shift
                shift += 8
                offset += 1
            }
            h = fmix(h ^ (tail &* 0x87C3_7B91_1142_53D5) ^ shift)
        }
        return h
    }

    /// MurmurHash3's 64-bit finaliser: every input bit affects every output bit.
    private static func fmix(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33
        k = k &* 0xFF51_AFD7_ED55_8CCD
        k ^= k >> 33
        k = k &* 0xC4CE_B9FE_1A85_EC53
        k ^= k >> 33
        return k
    }
}
