import LeadData

extension Outcome {
    /// A rule over history in words, naming both values and the dismissal date: "employees 120 →
    /// 174 since 2024-03-05, +45%", "last_activity_at 2026-03-11, after the dismissal on
    /// 2025-06-01"; nil for any other rule. What a `trigger` reason of such a rule says.
    public func historyChange(since dismissedAt: Timestamp) -> String? {
        guard let readThen else { return nil }
        let after = value ?? "unknown"
        if case .date(let day) = readThen, day == dismissedAt {
            return "\(field) \(after), after the dismissal on \(dismissedAt.isoDay)"
        }
        var text = "\(field) \(readThen.display ?? "unknown") → \(after) since \(dismissedAt.isoDay)"
        if case .number(let now) = read, case .number(let then) = readThen, let top = then.high, top > 0 {
            let percent = ((now.low - top) / top * 100).rounded()
            if percent.isFinite { text += ", \(percent >= 0 ? "+" : "")\(NumberRange.text(percent))%" }
        }
        return text
    }
}
