import Foundation
import LeadData
import ReevalStore
import Yams

/// A YAML mapping file: how any CRM's export maps onto canonical fields (public format).
///
/// ```yaml
/// source: acme-crm
/// object: leads            # leads | accounts
/// id: Lead ID
/// fields: {company: Company Name, employees: Headcount}
/// lifecycle: {column: Stage, won: [Won], lost: [Lost], disqualified: [Junk]}
/// list_separator: ";"
/// date_format: MM/DD/YYYY
/// ```
/// Alone it describes the whole export; with `--source PRESET` it adds or overrides the
/// preset's fields (an org's custom `Loss_Reason__c`, say).
public struct Mapping: Sendable, Equatable {
    public var file: String
    /// The SHA-256 of the mapping's text: a file read with another mapping is read again.
    public var sha256 = ""
    public var source: String?
    public var kind: RecordKind?
    public var crmObject: String?
    public var id: String?
    public var fields: [(field: CanonicalField, column: String, line: Int)]
    public var lifecycle: LifecycleRule?
    public var listSeparator: String?
    public var dateOrder: DateParser.Order?

    public static func == (a: Mapping, b: Mapping) -> Bool {
        a.file == b.file && a.source == b.source && a.id == b.id && a.fields.map(\.column) == b.fields.map(\.column)
    }

    static let keys = ["source", "object", "crm_object", "id", "fields", "lifecycle", "list_separator", "date_format"]

    /// Reads and checks a mapping file; every problem names the file and line.
    public static func load(path: String) throws -> Mapping {
        guard FileManager.default.fileExists(atPath: path) else { throw FileFailure.missing(path) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw FileFailure.cannotRead(path) }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws -> Mapping {
        let root = try composeRoot(text, file: file)
        guard let map = root.mapping else { throw invalid(file, root, "a mapping is a YAML dictionary (source:, object:, id:, fields:, …)") }
        var mapping = Mapping(file: file, fields: [])
        mapping.sha256 = Checksum.sha256(text)
        for (keyNode, value) in map {
            guard let key = keyNode.string else { continue }
            switch key {
            case "source": mapping.source = value.string
            case "object":
                guard let kind = value.string.flatMap(RecordKind.init(rawValue:)) else {
                    throw invalid(file, value, "object must be leads or accounts, not \(value.string ?? "a list")")
                }
                mapping.kind = kind
            case "crm_object": mapping.crmObject = value.string
            case "id": mapping.id = value.string
            case "list_separator":
                // One or two characters that cannot be part of a value: `;`, `,`, `|`, `; `.
                guard let separator = value.string, !separator.isEmpty, separator.count <= 2,
                      !separator.contains(where: { $0.isLetter || $0.isNumber || $0 == "\"" }) else {
                    throw invalid(file, value, "list_separator must be one or two characters that are not letters, digits or quotes, like \";\" or \"|\" (not \(value.string.map { "\"\($0)\"" } ?? "a list"))")
                }
                mapping.listSeparator = separator
            case "date_format":
                guard let format = value.string, let order = DateParser.Order(format: format) else {
                    throw invalid(file, value, "date_format \(value.string ?? "") is not one reeval reads; use one of "
                               + DateParser.Order.supportedFormats.joined(separator: ", ") + " (each may end with a time, like HH:MM:SS)")
                }
                mapping.dateOrder = order
            case "fields":
                mapping.fields = try parseFields(value, file: file)
            case "lifecycle":
                mapping.lifecycle = try parseLifecycle(value, file: file)
            default:
                let hint = Suggestion.nearest(key, in: keys).map { " (did you mean \($0)?)" } ?? ""
                throw invalid(file, keyNode, "unknown key \(key)\(hint); a mapping has \(keys.joined(separator: ", "))")
            }
        }
        return mapping
    }

    /// A mapping refused at `node`'s line (nil: the whole file).
    private static func invalid(_ file: String, _ node: Node?, _ problem: String) -> ImportFailure {
        .invalidMapping(file: file, line: node?.mark.map { $0.line }, problem: problem)
    }

    /// The YAML document's root node; YAML errors become one line naming the mapping's line.
    private static func composeRoot(_ text: String, file: String) throws -> Node {
        do {
            guard let node = try Yams.compose(yaml: text) else { throw invalid(file, nil, "the mapping is empty") }
            return node
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                throw ImportFailure.invalidMapping(file: file, line: mark.line, problem: "not valid YAML: \(YAMLMessage.plain(problem)); check the indentation and quoting on this line")
            case .duplicatedKeysInMapping(let duplicates, let context):
                let (line, _) = YAMLDuplicate.secondOccurrence(of: duplicates.first ?? "", in: context.text, after: (context.mark.line, context.mark.column))
                throw ImportFailure.invalidMapping(file: file, line: line,
                                                   problem: "the key \(duplicates.joined(separator: ", ")) appears twice in one dictionary (first on line \(context.mark.line)); keep one")
            default:
                throw invalid(file, nil, "not valid YAML; check the indentation and quoting")
            }
        }
    }

    /// `fields:`: canonical field to export column, each with its line for later messages.
    private static func parseFields(_ value: Node, file: String) throws -> [(field: CanonicalField, column: String, line: Int)] {
        var result: [(field: CanonicalField, column: String, line: Int)] = []
        guard let fields = value.mapping else { throw invalid(file, value, "fields maps canonical fields to export columns") }
        for (fieldNode, columnNode) in fields {
            let name = fieldNode.string ?? ""
            guard let field = CanonicalField(rawValue: name) else {
                let known = CanonicalField.allCases.map(\.rawValue)
                let hint = Suggestion.nearest(name, in: known).map { " (did you mean \($0)?)" } ?? ""
                throw invalid(file, fieldNode, "unknown field \(name)\(hint); fields are \(known.joined(separator: ", "))")
            }
            guard let column = columnNode.string, !column.isEmpty else {
                throw invalid(file, columnNode, "\(name) needs the export column's header")
            }
            result.append((field, column, (fieldNode.mark?.line ?? 0)))
        }
        return result
    }

    /// `lifecycle:`: the column and the values that mean won, lost and disqualified.
    private static func parseLifecycle(_ value: Node, file: String) throws -> LifecycleRule {
        guard let section = value.mapping, let column = section["column"]?.string else {
            throw invalid(file, value, "lifecycle needs column: and lists won:, lost:, disqualified:")
        }
        func list(_ k: String) -> [String] {
            guard let node = section[k] else { return [] }
            if let s = node.string { return [s] }
            return node.sequence?.compactMap(\.string) ?? []
        }
        for (k, _) in section where !["column", "won", "lost", "disqualified"].contains(k.string ?? "") {
            throw invalid(file, k, "lifecycle knows column, won, lost and disqualified, not \(k.string ?? "?")")
        }
        // A value under two lifecycles would be read as whichever comes first: refuse it.
        var seen: [String: String] = [:]
        for name in ["won", "lost", "disqualified"] {
            for item in list(name) {
                let key = item.trimmed.lowercased()
                if let earlier = seen[key] {
                    throw invalid(file, section[name], "lifecycle lists \"\(item)\" under both \(earlier) and \(name); keep it under one")
                }
                seen[key] = name
            }
        }
        return .mapped(column: column, won: list("won"), lost: list("lost"), disqualified: list("disqualified"))
    }

    /// The preset this mapping describes alone (no `--source`).
    public func standalonePreset() throws -> Preset {
        guard let id else { throw ImportFailure.invalidMapping(file: file, line: nil, problem: "a mapping used alone needs id: (the column holding the CRM id)") }
        guard let kind else { throw ImportFailure.invalidMapping(file: file, line: nil, problem: "a mapping used alone needs object: leads or accounts") }
        var preset = Preset(source: source ?? "custom", object: crmObject ?? kind.rawValue, kind: kind, idColumns: [id],
                            fields: [:], signature: [id], lifecycle: lifecycle ?? .alwaysOpen)
        preset.defaultDateOrder = nil
        preset = applied(to: preset)
        return preset
    }

    /// The preset with this mapping's id, fields, lifecycle and formats laid over it.
    public func applied(to preset: Preset) -> Preset {
        var fields = preset.fields
        for entry in self.fields { fields[entry.field] = [entry.column] }
        var result = Preset(source: preset.source, object: preset.object, kind: kind ?? preset.kind,
                            idColumns: id.map { [$0] } ?? preset.idColumns, fields: fields, signature: preset.signature,
                            lifecycle: lifecycle ?? preset.lifecycle, deletedFlag: preset.deletedFlag,
                            listSeparator: listSeparator ?? preset.listSeparator, dateOrder: dateOrder ?? preset.dateOrder)
        result.defaultDateOrder = preset.defaultDateOrder
        result.mappedColumns = Set(self.fields.map { Preset.key($0.column) } + (id.map { [Preset.key($0)] } ?? [])
                                   + (lifecycle?.columns.map(Preset.key) ?? []))
        return result
    }
}

extension Node {
    fileprivate var string: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }
}
