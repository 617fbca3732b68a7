import Foundation
import LeadData

/// Which column of one file feeds which canonical field, worked out once from its header line;
/// then turns each row into a normalised ``LeadRecord``.
struct ColumnPlan: Sendable {
    /// Header names as written, made unique: a repeated `Industry` becomes `Industry (2)`,
    /// an unnamed column `Column 12`.
    let headers: [String]
    let idIndex: Int
    /// Each field's columns, best first: the first non-empty one gives the value
    /// (Salesforce's `CountryCode` is often empty where `Country` is not).
    let fieldIndex: [(field: FieldDescriptor, indexes: [Int])]
    let attributeIndexes: [Int]
    let deletedIndex: Int?
    let preset: Preset
    /// The header line's names as compared (case and spaces folded), to know a header line
    /// repeated mid-file (two exports pasted together) from a row.
    let headerKeys: [String]
    private let indexByKey: [String: Int]
    /// The lifecycle rule's columns by the name the rule uses, resolved once.
    private let lifecycleIndex: [String: Int]
    private let dates: DateParser
    /// Each date column's parser, once its order is decided for the whole column.
    private let datesByColumn: [Int: DateParser]
    /// The date columns whose slash dates are read value by value until the column is decided
    /// (no `date_format`): the rows' evidence for `DateOrderDecision`.
    let undecidedDateColumns: [Int]
    /// The money columns whose decimal mark the rows decide (`DecimalMarkDecision`), and each
    /// column's mark once decided.
    let undecidedMoneyColumns: [Int]
    private let marksByColumn: [Int: NumberParser.DecimalMark]

    /// Whether a row repeats the header line.
    func isHeader(_ values: [String]) -> Bool {
        values.count >= headerKeys.count && zip(headerKeys, values).allSatisfy { $0 == Preset.key($1) }
            && values.dropFirst(headerKeys.count).allSatisfy(\.isEmpty)
    }

    init(rawHeaders: [String], preset: Preset, file: String, mappingFile: String?, dateOrders: [String: DateParser.Order] = [:],
         decimalMarks: [String: NumberParser.DecimalMark] = [:]) throws {
        var seen: [String: Int] = [:]
        var headers: [String] = []
        for (i, raw) in rawHeaders.enumerated() {
            var name = raw.trimmed
            if name.isEmpty { name = "Column \(i + 1)" }
            let count = (seen[Preset.key(name)] ?? 0) + 1
            seen[Preset.key(name)] = count
            headers.append(count == 1 ? name : "\(name) (\(count))")
        }
        self.headers = headers
        headerKeys = rawHeaders.map { Preset.key($0) }
        var indexByKey: [String: Int] = [:]
        for (i, h) in headers.enumerated() where indexByKey[Preset.key(h)] == nil { indexByKey[Preset.key(h)] = i }
        self.indexByKey = indexByKey
        var lifecycleIndex: [String: Int] = [:]
        for name in preset.lifecycle.columns { lifecycleIndex[name] = indexByKey[Preset.key(name)] }
        self.lifecycleIndex = lifecycleIndex
        self.preset = preset

        if let mappingFile {
            for column in preset.mappedColumns.sorted() where indexByKey[column] == nil {
                let field = preset.fields.first { $0.value.map(Preset.key).contains(column) }?.key.rawValue
                    ?? (preset.lifecycle.columns.map(Preset.key).contains(column) ? "lifecycle.column" : "id")
                // Named as the mapping spells it (`column` is the case-folded key headers match by).
                let spelled = (preset.fields.values.flatMap { $0 } + preset.lifecycle.columns + preset.idColumns)
                    .first { Preset.key($0) == column } ?? column
                throw ImportFailure.mappingColumnMissing(mapping: mappingFile, field: field, column: spelled, file: file)
            }
        }
        guard let id = preset.idColumns.lazy.compactMap({ indexByKey[Preset.key($0)] }).first else {
            throw ImportFailure.noIDColumn(file: file, preset: preset.name, lookedFor: preset.idColumns)
        }
        idIndex = id
        var used: Set<Int> = [id]
        var plan: [(CanonicalField, [Int])] = []
        for field in CanonicalField.allCases where field != .crmID {
            // The raw status comes from the field named for it, else from the lifecycle's column.
            let candidates = field == .status ? (preset.fields[.status] ?? []) + preset.lifecycle.statusColumns : (preset.fields[field] ?? [])
            let indexes = candidates.compactMap { indexByKey[Preset.key($0)] }
            guard !indexes.isEmpty else { continue }
            var unique: [Int] = []
            for i in indexes where !unique.contains(i) { unique.append(i) }
            plan.append((field, unique))
            used.formUnion(unique)
        }
        fieldIndex = plan.map { ($0.0.descriptor, $0.1) }
        deletedIndex = preset.deletedFlag.flatMap { indexByKey[Preset.key($0)] }
        // Every column no field names is kept in `attributes`, status columns included.
        attributeIndexes = headers.indices.filter { !used.contains($0) }
        dates = DateParser(order: preset.dateOrder)
        let dateColumns = plan.filter { $0.0.kind == .date }.flatMap(\.1)
        undecidedDateColumns = preset.dateOrder == nil ? dateColumns.filter { dateOrders[headers[$0]] == nil } : []
        var byColumn: [Int: DateParser] = [:]
        for index in dateColumns { if let order = dateOrders[headers[index]] { byColumn[index] = DateParser(order: order) } }
        datesByColumn = byColumn
        let moneyColumns = plan.filter { $0.0.descriptor.normaliser == .money }.flatMap(\.1)
        undecidedMoneyColumns = moneyColumns.filter { decimalMarks[headers[$0]] == nil }
        var marks: [Int: NumberParser.DecimalMark] = [:]
        for index in moneyColumns { if let mark = decimalMarks[headers[index]] { marks[index] = mark } }
        marksByColumn = marks
    }

    /// The record of one row's decoded values; nil when it has no id. Values that cannot be read
    /// are kept as text in the record's `unreadable`.
    func record(_ values: [String]) -> LeadRecord? {
        guard let id = crmID(values[idIndex]) else { return nil }
        var record = LeadRecord(crmID: id)
        for (field, indexes) in fieldIndex {
            var found: (index: Int, text: String)?
            for index in indexes {
                if let text = clean(values[index]) { found = (index, text); break }
            }
            guard let (index, text) = found else { continue }
            if !assign(field, text, column: index, to: &record) { record.unreadable[headers[index]] = text }
            for other in indexes where other != index && Preset.distinctFallbacks.contains(headerKeys[other]) {
                if let text = clean(values[other]) { record.attributes[headers[other]] = text }
            }
        }
        for index in attributeIndexes {
            if let text = clean(values[index]) { record.attributes[headers[index]] = text }
        }
        record.lifecycle = preset.lifecycle.lifecycle { name in
            lifecycleIndex[name].flatMap { clean(values[$0]) }
        }
        if record.domain == nil, let email = record.email, let domain = TextValues.domain(email), !Self.freeMail.contains(domain) {
            record.domain = domain
        }
        return record
    }

    /// Whether the row is a deleted record (Salesforce `IsDeleted = 1`).
    func isDeleted(_ values: [String]) -> Bool {
        guard let deletedIndex else { return false }
        return TextValues.boolean(values[deletedIndex]) == true
    }

    /// The id text of a row's id column, as `record` reads it: a Salesforce id in its
    /// 18-character form, so a report's 15-character id and an export's 18 are one record.
    func crmID(_ text: String) -> String? {
        clean(text).map(oneForm)
    }

    /// A Salesforce id (a record's, or one it names: its account, its owner) in its
    /// 18-character form; any other CRM's id as it is.
    private func oneForm(_ id: String) -> String {
        preset.source == "salesforce" ? SalesforceID.full(id) : id
    }

    private func clean(_ text: String) -> String? {
        let trimmed = text.trimmed
        return Placeholder.isEmpty(trimmed) ? nil : trimmed
    }

    /// Normalises one value into its field, as its descriptor says; false when it cannot be read.
    private func assign(_ d: FieldDescriptor, _ text: String, column: Int, to r: inout LeadRecord) -> Bool {
        switch (d.normaliser, d.slot) {
        case (.id, .key): r.crmID = text
        case (.employees, .range(_, let set, _)):
            guard let v = NumberParser.employees(text) else { return false }
            set(&r, v)
        case (.money, .range(_, let set, _)):
            guard let v = NumberParser.money(text, decimalMark: marksByColumn[column]) else { return false }
            set(&r, v)
        case (.money, .number(_, let set)):
            guard let v = NumberParser.money(text, decimalMark: marksByColumn[column]) else { return false }
            set(&r, v.low)
        case (.date, .date(_, let set)):
            guard let v = (datesByColumn[column] ?? dates).parse(text) else { return false }
            set(&r, v)
        case (.list, .list(_, let set)):
            let list = TextValues.list(text, separator: preset.listSeparator)
            set(&r, list.isEmpty ? nil : list)
        case (.country, .text(_, let set)):
            guard let v = Country.code(text) else { return false }
            set(&r, v)
        case (.domain, .text(_, let set)):
            guard let v = TextValues.domain(text) else { return false }
            set(&r, v)
        case (.label, .text(_, let set)): set(&r, Self.readableEnum(text))
        case (.text, .text(_, let set)): set(&r, text)
        case (.id, .text(_, let set)): set(&r, oneForm(text))
        case (.primaryID, .text(_, let set)):
            // HubSpot deals list several associated companies; the first is the primary one.
            set(&r, TextValues.list(text, separator: ";").first.map(oneForm))
        default:
            // A descriptor pairing a normaliser with a slot it cannot fill: FieldDescriptorTests
            // reads every field through here.
            return false
        }
        return true
    }

    /// HubSpot's internal enum values read as labels: `COMPUTER_SOFTWARE` → `Computer Software`.
    static func readableEnum(_ text: String) -> String {
        guard text.utf8.contains(0x5F), !text.utf8.contains(0x20), !text.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }),
              text == text.uppercased() else { return text }
        return text.split(separator: "_").map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined(separator: " ")
    }

    static let freeMail: Set<String> = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com", "icloud.com",
                                        "gmx.de", "gmx.net", "web.de", "mail.com", "protonmail.com", "live.com", "msn.com", "yandex.ru"]
}
