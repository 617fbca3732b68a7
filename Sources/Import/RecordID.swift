/// What makes a CRM id unusable as a record id, checked for every row whatever the CRM: an id a
/// spreadsheet rounded (`1.11015E+11`: the digits after the sixth are gone, so two records would
/// merge), and an id of zeros (a totals line at the end of a report, `0,0,0,…`). Nothing is merged
/// silently: such a row is rejected with the reason.
enum RecordID {
    /// `source` is the preset's CRM when the id column is the preset's own (no mapping chose it):
    /// then the id must also have that CRM's shape (a Salesforce id is 15 or 18 letters and digits;
    /// HubSpot and Pipedrive ids are numbers).
    static func problem(_ id: String, source: String? = nil) -> String? {
        let bytes = Array(id.utf8)
        if let e = bytes.firstIndex(where: { $0 == 0x45 || $0 == 0x65 }), e > 0, e + 1 < bytes.count,
           bytes[..<e].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2C }),
           bytes[(e + 1)...].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D }),
           bytes[(e + 1)...].contains(where: { $0 >= 0x30 && $0 <= 0x39 }) {
            return "id \(id) is a number a spreadsheet rounded (scientific notation), not a record id; export the file again without opening it in a spreadsheet, or format the column as text"
        }
        if bytes.allSatisfy({ $0 == 0x30 || $0 == 0x2E }) {
            return "id \(id) cannot be a record id (a totals line?)"
        }
        // A write-back file neutralises a cell starting with = + - @ by a leading ', which no
        // CRM would match to the record: such an id is refused here, where the user can fix it.
        if let first = bytes.first, [0x3D, 0x2B, 0x2D, 0x40].contains(first) {
            return "id \(id) starts with \(String(UnicodeScalar(first))), which spreadsheets read as a formula, so it could not be written back safely; fix the id column (or the mapping's id:)"
        }
        switch source {
        case "salesforce" where !((bytes.count == 15 || bytes.count == 18) && bytes.allSatisfy(SalesforceID.isAlphanumeric)):
            return "id \(id) is not a Salesforce id (15 or 18 letters and digits)"
        case "hubspot", "pipedrive":
            guard bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return "id \(id) is not a \(source == "hubspot" ? "HubSpot" : "Pipedrive") id (a number)" }
        default: break
        }
        return nil
    }
}

/// A Salesforce record id in one form: the 18-character one. Reports show the 15-character id
/// (case-sensitive), Data Export and the API the 18-character one, whose last three characters
/// only encode which of the first 15 are capitals. So a record seen under both is one record:
/// a 15-character id gets its suffix computed, an 18-character one is kept as exported.
public enum SalesforceID {
    static let suffixAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".utf8)

    /// The 18-character form of a 15-character Salesforce id; any other text as it is.
    public static func full(_ id: String) -> String {
        let bytes = Array(id.utf8)
        guard bytes.count == 15, bytes.allSatisfy(isAlphanumeric) else { return id }
        var suffix: [UInt8] = []
        for chunk in 0..<3 {
            var bits = 0
            for i in 0..<5 where bytes[chunk * 5 + i] >= 0x41 && bytes[chunk * 5 + i] <= 0x5A { bits |= 1 << i }
            suffix.append(suffixAlphabet[bits])
        }
        return id + String(decoding: suffix, as: UTF8.self)
    }

    /// An ASCII letter or digit: all a Salesforce id is made of.
    static func isAlphanumeric(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
}
