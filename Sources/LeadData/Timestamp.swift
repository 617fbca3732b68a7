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
        guard (0...9999).contains(c.year) else { return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2) }
        var bytes = [UInt8](repeating: 0, count: 10)
        Self.writeDay(c, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `2024-03-05T14:02:11Z`.
    public var isoDateTime: String {
        // Written digit by digit: the import formats five of these per row.
        let c = CivilDate.components(days: dayNumber)
        let within = Int(seconds - Int64(dayNumber) * 86_400)
        guard (0...9999).contains(c.year) else {
            return isoDay + "T" + pad(within / 3600, 2) + ":" + pad(within / 60 % 60, 2) + ":" + pad(within % 60, 2) + "Z"
        }
        var bytes = [UInt8](repeating: 0, count: 20)
        Self.writeDay(c, into: &bytes)
        bytes[10] = UInt8(ascii: "T")
        Self.write(within / 3600, width: 2, into: &bytes, at: 11)
        bytes[13] = UInt8(ascii: ":")
        Self.write(within / 60 % 60, width: 2, into: &bytes, at: 14)
        bytes[16] = UInt8(ascii: ":")
        Self.write(within % 60, width: 2, into: &bytes, at: 17)
        bytes[19] = UInt8(ascii: "Z")
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func writeDay(_ c: (year: Int, month: Int, day: Int), into bytes: inout [UInt8]) {
        write(c.year, width: 4, into: &bytes, at: 0)
        bytes[4] = UInt8(ascii: "-")
        write(c.month, width: 2, into: &bytes, at: 5)
        bytes[7] = UInt8(ascii: "-")
        write(c.day, width: 2, into: &bytes, at: 8)
    }

    private static func write(_ value: Int, width: Int, into bytes: inout [UInt8], at offset: Int) {
        var v = value
        for i in stride(from: offset + width - 1, through: offset, by: -1) {
            bytes[i] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
        }
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
