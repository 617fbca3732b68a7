extension StringProtocol {
    /// Whether `needle` occurs in the text, compared as UTF-8 bytes (exact, case-sensitive).
    ///
    /// With Foundation imported, `contains(_:)` between two strings resolves to Foundation's,
    /// which goes through `NSString` on Linux and was a tenth of an import's time; lifecycle
    /// rules and normalisers call this on every row.
    ///
    /// ```swift
    /// "closed - not converted".containsText("not converted")   // true
    /// ```
    public func containsText(_ needle: some StringProtocol) -> Bool {
        var haystack = String(self)
        var needle = String(needle)
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard !n.isEmpty else { return true }
                guard n.count <= h.count else { return false }
                let first = n[0]
                for i in 0...(h.count - n.count) where h[i] == first {
                    var j = 1
                    while j < n.count, h[i + j] == n[j] { j += 1 }
                    if j == n.count { return true }
                }
                return false
            }
        }
    }
}
