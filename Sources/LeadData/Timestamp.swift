import Foundation

/// A moment in UTC with second precision, and whether only its day is known.
///
/// Stored as ISO 8601 text: `2024-03-05` for a date, `2024-03-05T14:02:11Z` for a time, so
/// that text order is time order and analysts can compare with plain SQL.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64
    /// True when the source gave a day without a time.
    public var isDateOnly: Bool

    public init(seconds: Int64, isDateOnly: Bool = false) {
        self.seconds = seconds
        self.isDateOnly = isDateOnly
    }

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, isDateOnly: Bool = false) {
        let days = CivilDate.days(year: year, month: month, day: day)
        self.seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.isDateOnly = isDateOnly
    }

    public init(_ date: Date) {
        self.seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        self.isDateOnly = false
    }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    /// Days since 1970-01-01 (the day this moment falls on, in UTC).
    public var dayNumber: Int { Int((seconds >= 0 ? seconds : seconds - 86_399) / 86_400) }

    /// The start of this moment's day.
    public var startOfDay: Timestamp { Timestamp(seconds: Int64(dayNumber) * 86_400, isDateOnly: true) }

    /// This moment moved by whole days.
    public func adding(days: Int) -> Timestamp {
        Timestamp(seconds: seconds + Int64(days) * 86_400, isDateOnly: isDateOnly)
    }

    /// `2024-03-05` for a date, `2024-03-05T14:02:11Z` for a time.
    public var iso: String { isDateOnly ? isoDay : isoDateTime }

    /// `2024-03-05`.
    public var isoDay: String {
        let c = CivilDate.components(days: dayNumber)
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2)
    }

    /// `2024-03-05T14:02:11Z`.
    public var isoDateTime: String {
        let within = Int(seconds - Int64(dayNumber) * 86_400)
        return isoDay + "T" + pad(within / 3600, 2) + ":" + pad(within / 60 % 60, 2) + ":" + pad(within % 60, 2) + "Z"
    }

    public var description: String { iso }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

/// ISO 8601 formatting of `Date`s for bookkeeping columns (applied_at, imported_at, …).
public enum ISODate {
    /// `2026-11-22T20:42:05Z`.
    public static func string(_ date: Date) -> String { Timestamp(date).isoDateTime }
}
