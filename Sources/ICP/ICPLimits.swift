import LeadData

/// The largest numbers an ICP file may hold. Scores add points up and trigger windows subtract
/// days from dates: bounded inputs keep every sum and every date exact, and no conversion traps.
public enum ICPLimits {
    /// Any number in an ICP (band bounds, `at_least`, `below`): a quadrillion, where a Double
    /// still holds every whole number.
    public static let magnitude = 1e15
    /// Points and tier thresholds: a million (real ICPs use 0 to 100).
    static let points = 1e6
    /// `within_days`: a century.
    static let days = 36_500

    static var magnitudeText: String { "1000000000000000" }
    static var pointsText: String { "1000000" }
}
