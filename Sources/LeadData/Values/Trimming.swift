extension StringProtocol {
    /// The text without surrounding spaces, tabs, line breaks and no-break spaces.
    ///
    /// Foundation's `trimmingCharacters(in:)` bridges through NSString on Linux; this runs on
    /// every value of every imported row, so it stays in Swift's own string views.
    public var trimmed: String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].isTrimmable { start = scalars.index(after: start) }
        while start < end {
            let before = scalars.index(before: end)
            guard scalars[before].isTrimmable else { break }
            end = before
        }
        return String(self[start..<end])
    }
}

extension Unicode.Scalar {
    fileprivate var isTrimmable: Bool {
        switch value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0xFEFF, 0x2007, 0x202F: return true
        default: return false
        }
    }
}
