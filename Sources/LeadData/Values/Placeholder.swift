import Foundation

/// Values that CRMs write where they mean "empty".
public enum Placeholder {
    /// `Select`, `N/A`, `#N/A`, `-`, `null`, and Salesforce's empty lookup `000000000000000AAA`.
    public static func isEmpty(_ text: String) -> Bool {
        let trimmed = text.trimmed
        guard let first = trimmed.utf8.first else { return true }
        // Every placeholder starts with one of `s n # - ( u 0`, in either case.
        switch first | 0x20 {
        case 0x73, 0x6E, 0x23, 0x2D, 0x28, 0x75, 0x30: break
        default: return false
        }
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
