import Foundation

/// How every output writes a figure: the reports, the terminal, the drafted ICP and its comments.
/// One place, so a score, a share or a lift reads the same in report.md, report.html,
/// revived.csv, the backtest table and draft.yaml.
///
/// ```swift
/// Figures.percent(0.1234)             // "12.3%"
/// Figures.percent(0.1234, digits: 0)  // "12%"
/// Figures.decimal(1.234, digits: 2)   // "1.23"
/// Figures.score(72.5)                 // "72.5"; Figures.score(80) is "80"
/// Figures.number(2.5e6)               // "2500000"; Figures.number(0.1) is "0.1"
/// ```
public enum Figures {
    /// A fraction as a percentage with `digits` decimals (rounded as `printf` rounds).
    public static func percent(_ fraction: Double, digits: Int = 1) -> String {
        decimal(fraction * 100, digits: digits) + "%"
    }

    /// A number with exactly `digits` decimals: lifts, AUCs, information values, SVG coordinates.
    public static func decimal(_ v: Double, digits: Int) -> String {
        String(format: "%.\(max(0, min(digits, 9)))f", v)
    }

    /// A score: whole without a fraction (`80`), otherwise to one decimal (`72.5`).
    public static func score(_ v: Double) -> String {
        Int64(exactly: v) != nil && abs(v) < 1e15 ? NumberRange.text(v) : decimal(v, digits: 1)
    }

    /// A value as people write it, exactly: whole without a fraction, any other as Swift prints
    /// it (the shortest text that reads back as the same number). Never traps.
    public static func number(_ v: Double) -> String {
        if v == v.rounded(), let whole = Int64(exactly: v) { return String(whole) }
        return String(v)
    }
}
