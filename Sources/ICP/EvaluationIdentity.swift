import LeadData

extension Evaluation {
    /// Bytes that say which explanation this evaluation has: two evaluations give the same
    /// identity bytes only if their explanation JSON (`jsonBytes`) is the same.
    ///
    /// A run recognises the explanations it stored before by a hash of these, so it never writes
    /// the JSON of an explanation that is already stored. They are a fraction of the JSON's size
    /// and cost: every field once, length-prefixed, with no key names or escaping (under 40% of
    /// the JSON's bytes).
    ///
    /// ```swift
    /// let same = a.identityBytes == b.identityBytes   // then a.jsonBytes == b.jsonBytes
    /// ```
    public var identityBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32 + 48 * outcomes.count)
        Self.append(icpVersion, to: &out)
        Self.append(score, to: &out)
        Self.append(tier, to: &out)
        Self.appendLength(outcomes.count, to: &out)
        for o in outcomes {
            switch o.kind {
            case .criterion: out.append(1)
            case .trigger: out.append(2)
            case .disqualifier: out.append(3)
            }
            switch o.verdict {
            case .match: out.append(1)
            case .miss: out.append(2)
            case .unknown: out.append(3)
            }
            Self.append(o.id, to: &out)
            Self.append(o.field, to: &out)
            Self.append(o.value, to: &out)
            Self.append(o.points, to: &out)
        }
        return out
    }

    private static func append(_ value: UInt64, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func append(_ value: Double, to out: inout [UInt8]) {
        append(value.bitPattern, to: &out)
    }

    /// A 0 for nil, else a 1, the UTF-8 length and the bytes, so that no two texts run together.
    private static func append(_ text: String?, to out: inout [UInt8]) {
        guard var text else { return out.append(0) }
        out.append(1)
        text.withUTF8 { bytes in
            appendLength(bytes.count, to: &out)
            out.append(contentsOf: bytes)
        }
    }

    /// Seven bits a byte, the high bit set on all but the last (LEB128): one byte for the short
    /// texts explanations hold, and still a prefix code for any length.
    private static func appendLength(_ length: Int, to out: inout [UInt8]) {
        var rest = UInt(length)
        while rest >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }
}
