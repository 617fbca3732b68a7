import LeadData

/// A JSON document built in Swift and written with sorted keys and two-space indentation.
///
/// Foundation's `JSONSerialization` with `.sortedKeys` bridges every key through NSString on
/// Linux and took 35 s for a 50,000-lead run; this writes the same shape in a fraction of that.
indirect enum JSONValue {
    case string(String)
    case number(Double)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    func rendered() -> String {
        var out = ""
        write(to: &out, indent: 0)
        return out + "\n"
    }

    private static let indents = (0..<16).map { String(repeating: "  ", count: $0) }

    private static func pad(_ level: Int) -> String {
        level < indents.count ? indents[level] : String(repeating: "  ", count: level)
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .string(let s): JSONText.append(s, to: &out)
        case .number(let n): out += JSONText.number(n)
        case .int(let i): out += String(i)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += JSONValue.pad(indent + 1)
                item.write(to: &out, indent: indent + 1)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += JSONValue.pad(indent) + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            let keys = members.keys.sorted()
            for (i, key) in keys.enumerated() {
                out += JSONValue.pad(indent + 1)
                JSONText.append(key, to: &out)
                out += ": "
                members[key]!.write(to: &out, indent: indent + 1)
                out += i == keys.count - 1 ? "\n" : ",\n"
            }
            out += JSONValue.pad(indent) + "}"
        }
    }
}
