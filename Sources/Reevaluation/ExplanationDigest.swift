/// The identity of a stored explanation: the first 128 bits of the SHA-256 of its evaluation's
/// identity bytes (`Evaluation.identityBytes`), kept in `explanations.digest` as 16 bytes.
struct ExplanationDigest: Hashable, Sendable {
    let high: UInt64, low: UInt64

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Nil for a blob that is not 16 bytes long.
    init?(blob: [UInt8]) {
        guard blob.count == 16 else { return nil }
        high = blob[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
        low = blob[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The 16 bytes as stored.
    var blob: [UInt8] {
        (0..<16).map { i in UInt8(truncatingIfNeeded: (i < 8 ? high : low) >> (8 * (7 - i % 8))) }
    }
}
