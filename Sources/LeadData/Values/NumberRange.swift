/// A number as CRMs give it: exact (`250`), a band (`51-200`) or open-ended (`10,000+`).
///
/// An exact value has `low == high`. A band keeps both bounds; `10,000+` has no upper bound.
public struct NumberRange: Hashable, Sendable, CustomStringConvertible {
    public var low: Double
    public var high: Double?

    public init(_ value: Double) { low = value; high = value }
    public init(low: Double, high: Double?) { self.low = low; self.high = high }

    public var isExact: Bool { high == low }

    /// Whether both bounds are finite and no larger than `limit` either way.
    public func isWithin(_ limit: Double) -> Bool {
        low.isFinite && abs(low) <= limit && (high.map { $0.isFinite && abs($0) <= limit } ?? true)
    }

    /// A number as people write it: a whole number without a fraction (`250`, not `250.0`), any
    /// other as Swift prints it. Never traps, whatever the value (`1e300`, `inf`, `nan`).
    public static func text(_ v: Double) -> String {
        if let whole = Int64(exactly: v), abs(v) < 1e15 { return String(whole) }
        return String(v)
    }

    public var description: String {
        let text = Self.text
        guard let high else { return text(low) + "+" }
        return high == low ? text(low) : text(low) + "-" + text(high)
    }
}
