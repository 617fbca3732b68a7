import Foundation

/// Values that CRMs write where they mean "empty".
public enum Placeholder {
    /// `Select`, `N/A`, `#N/A`, `-`, `null`, and Salesforce's empty lookup `000000000000000AAA`.
    public static func isEmpty(_ text: some StringProtocol) -> Bool {
        let trimmed = text.trimmed
        if trimmed.isEmpty { return true }
        // Every placeholder is short: most values are decided without lower-casing.
        if trimmed.utf8.count > 18 { return false }
        switch trimmed.lowercased() {
        case "select", "n/a", "#n/a", "na", "-", "--", "null", "(none)", "none", "nil", "undefined", "000000000000000aaa", "000000000000000":
            return true
        default:
            return false
        }
    }
}
