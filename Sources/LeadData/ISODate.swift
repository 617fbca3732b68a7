/// The fast path for dates as reeval stores them and exports write most: ISO 8601 read from
/// its bytes, without tokens or a string.
extension DateParser {
    /// A date as reeval stores it (ISO 8601 text, `Timestamp.iso` or `isoDay`), read from its
    /// bytes without making a string: a run reads two per candidate. Anything else is read as
    /// `parse` reads a year-month-day text.
    public static func stored(_ bytes: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        parseISO(bytes) ?? DateParser(order: .yearMonthDay).parse(String(decoding: bytes, as: UTF8.self))
    }

    /// The fast path for the ISO 8601 forms exports write most (`2024-03-05`,
    /// `2024-03-05 14:02[:11]`, `2024-03-05T14:02:11[.000][Z|+0000|+00:00]`); nil for anything
    /// else, which the general parser then reads. Both give the same moment for these forms.
    static func parseISO(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= b.count else { return nil }
            var v = 0
            for i in at..<(at + count) {
                let d = b[i] &- 0x30
                guard d < 10 else { return nil }
                v = v * 10 + Int(d)
            }
            return v
        }
        guard b.count >= 10, b[4] == 0x2D, b[7] == 0x2D, let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
              CivilDate.isValid(year: year, month: month, day: day) else { return nil }
        if b.count == 10 { return Timestamp(year: year, month: month, day: day, isDateOnly: true) }
        guard b[10] == 0x20 || b[10] == 0x54, b.count >= 16, b[13] == 0x3A, let hour = digits(11, 2), let minute = digits(14, 2),
              hour < 24, minute < 60 else { return nil }
        var i = 16
        var second = 0
        if i < b.count, b[i] == 0x3A {
            guard let s = digits(i + 1, 2), s < 61 else { return nil }
            second = min(s, 59)
            i += 3
            if i < b.count, b[i] == 0x2E {
                i += 1
                let start = i
                while i < b.count, b[i] &- 0x30 < 10 { i += 1 }
                guard i > start, i - start <= 9 else { return nil }
            }
        }
        var offset = 0
        if i < b.count {
            switch b[i] {
            case 0x5A where i + 1 == b.count:
                i += 1
            case 0x2B, 0x2D:
                let sign = b[i] == 0x2D ? -1 : 1
                guard let h = digits(i + 1, 2) else { return nil }
                var m = 0
                if i + 3 == b.count {
                    i += 3
                } else if b.count == i + 5, let mm = digits(i + 3, 2) {
                    m = mm; i += 5
                } else if b.count == i + 6, b[i + 3] == 0x3A, let mm = digits(i + 4, 2) {
                    m = mm; i += 6
                } else {
                    return nil
                }
                guard h <= 14, m < 60 else { return nil }
                offset = sign * (h * 3600 + m * 60)
            default:
                return nil
            }
        }
        guard i == b.count else { return nil }
        let stamp = Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return Timestamp(seconds: stamp.seconds - Int64(offset), isDateOnly: false)
    }
}
