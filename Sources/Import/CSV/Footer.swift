import Foundation

/// The lines Salesforce writes after a report export's data: not rows, and not rejects.
///
/// ```
/// "Grand Totals (1,234 records)"
/// "Confidential Information - Do Not Distribute"
/// "Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."
/// ```
enum Footer {
    static func isFooter(_ record: CSVReader.Record, encoding: TextEncoding) -> Bool {
        // A footer line is one non-empty field, the rest (if any) empty.
        guard record.fieldCount >= 1, (1..<record.fieldCount).allSatisfy({ record.field($0).isEmpty }),
              let text = encoding.decode(record.field(0))?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        return text.hasPrefix("grand totals (") || text.hasPrefix("grand total (")
            || text == "confidential information - do not distribute"
            || (text.hasPrefix("copyright") && text.contains("salesforce.com"))
    }
}
