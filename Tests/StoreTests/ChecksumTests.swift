import Foundation
import ReevalStore
import Testing

@Suite("Checksum: SHA-256 as imports, ICP files and migrations are identified by")
struct ChecksumTests {
    @Test("the FIPS 180-4 example messages give their published digests")
    func publishedVectors() {
        #expect(Checksum.sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Checksum.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Checksum.sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Checksum.sha256(String(repeating: "a", count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("a file hashed in chunks, or bytes in pieces as the CSV reader reads them, give the digest of the whole, at every length around a block")
    func inPieces() throws {
        let folder = try TemporaryFolder()
        for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1_048_577] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            try Data(bytes).write(to: folder.url.appendingPathComponent("f"))
            #expect(try Checksum.sha256(fileAt: folder.path("f")) == Checksum.sha256(bytes: bytes), "length \(length)")
            var pieces = SHA256()
            var offset = 0, step = 1
            while offset < length {
                let end = min(length, offset + step)
                pieces.update(bytes[offset..<end])
                offset = end
                step = step * 3 + 1
            }
            #expect(Checksum.hex(pieces.finalize()) == Checksum.sha256(bytes: bytes), "length \(length) in pieces")
        }
        // 56 bytes: the padding needs a block of its own (digest from Python's hashlib).
        #expect(Checksum.sha256(String(repeating: "a", count: 56)) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    }
}
