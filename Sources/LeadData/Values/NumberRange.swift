/// A number as CRMs give it: exact (`250`), a band (`51-200`) or open-ended (`10,000+`).
///
/// An exact value has `low == high`. A band keeps both bounds; `10,000+` has no upper bound.
public struct NumberRange: Hashable, Sendable, CustomStringConvertible {
    public var low: Double
    public var high: Double?

    public init(_ value: Double) { low = value; high = value }
    public init(low: Double, high: Double?) { self.low = low; self.high = high }

    public var isExact: Bool { high == low }

    public var description: String {
        func text(_ v: Double) -> String {
            v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
        }
        guard let high else { return text(low) + "+" }
        return high == low ? text(low) : text(low) + "-" + text(high)
    }
}
