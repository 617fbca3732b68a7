extension String {
    /// The text without surrounding spaces, tabs, line breaks, no-break spaces and byte order
    /// marks: reeval's one definition of trimming, for values, headers, options and ICP files.
    ///
    /// Foundation's `trimmingCharacters(in:)` bridges through NSString on Linux; this runs on
    /// every value of every imported row, so it stays in Swift's own string views, and a value
    /// that starts and ends with a visible ASCII character (most of them) is returned as it is.
    public var trimmed: String {
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return self
        }
        return Self.trimming(unicodeScalars[...])
    }

    /// The text without surrounding white space (as `trimmed`) and `extra`, in any mix: a
    /// header a tool quoted (`"Email" `) compares as `Email`.
    public func trimmed(alsoOf extra: Unicode.Scalar) -> String { Self.trimming(unicodeScalars[...], alsoOf: extra) }

    static func trimming(_ scalars: Substring.UnicodeScalarView, alsoOf extra: Unicode.Scalar? = nil) -> String {
        var start = scalars.startIndex
        var end = scalars.endIndex
        func trims(_ scalar: Unicode.Scalar) -> Bool { scalar.isTrimmable || scalar == extra }
        while start < end, trims(scalars[start]) { start = scalars.index(after: start) }
        while start < end {
            let before = scalars.index(before: end)
            guard trims(scalars[before]) else { break }
            end = before
        }
        return String(scalars[start..<end])
    }
}

extension Substring {
    /// The text without surrounding spaces, tabs, line breaks and no-break spaces.
    public var trimmed: String { String.trimming(unicodeScalars) }
}

extension Unicode.Scalar {
    fileprivate var isTrimmable: Bool {
        switch value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0xFEFF, 0x2007, 0x202F: return true
        default: return false
        }
    }
}
