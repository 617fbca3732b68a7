/// What makes a CRM id unusable as a record id, checked for every row whatever the CRM: an id a
/// spreadsheet rounded (`1.11015E+11`: the digits after the sixth are gone, so two records would
/// merge), and an id of zeros (a totals line at the end of a report, `0,0,0,…`). Nothing is merged
/// silently: such a row is rejected with the reason.
enum RecordID {
    static func problem(_ id: String) -> String? {
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
        return nil
    }
}
