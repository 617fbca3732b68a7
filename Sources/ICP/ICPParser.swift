import Foundation
import LeadData
import Yams

/// Reads ICP files (YAML) into validated ``ICPVersion``s, reporting every problem at once.
///
/// ```swift
/// let version = try ICPParser.parse(text, file: "icp/2025-q3.yaml")
/// print(version.maxScore)
/// ```
public enum ICPParser {
    static let topKeys = ["version", "effective", "description", "tiers", "revive_at", "criteria", "triggers", "disqualify",
                          "resolved_lost_reasons"]
    static let operators = ["in", "not_in", "equals", "starts_with", "any", "all", "none", "between", "at_least", "below", "exists",
                            "within_days", "bands", "grew_by", "changed", "entered", "added", "after_dismissal"]
    static let ruleKeys = ["id", "field", "points", "description"] + operators

    public static func load(path: String) throws -> (version: ICPVersion, text: String) {
        guard FileManager.default.fileExists(atPath: path) else { throw FileFailure.missing(path) }
        guard let data = FileManager.default.contents(atPath: path) else { throw FileFailure.cannotRead(path) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InvalidICP(file: path, problems: [ICPProblem(line: 1, column: 1, message: "the file is not UTF-8 text; save it as UTF-8")])
        }
        return (try parse(text, file: path), text)
    }

    public static func parse(_ text: String, file: String) throws -> ICPVersion {
        var collector = ProblemCollector()
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw InvalidICP(file: file, problems: [ICPProblem(line: 1, column: 1, message: "the file is empty; an ICP needs version, effective, tiers, revive_at and criteria")])
            }
            root = node
        } catch let error as YamlError {
            throw InvalidICP(file: file, problems: [yamlProblem(error)])
        }
        guard let map = root.mapping else {
            throw InvalidICP(file: file, problems: [collector.problem(root, "an ICP file is a YAML dictionary with version, effective, tiers, revive_at and criteria")])
        }
        var version = ICPVersion(label: "", effective: Timestamp(seconds: 0, isDateOnly: true), description: nil, tiers: [],
                                 reviveAt: "", criteria: [], triggers: [], disqualifiers: [], resolvedLostReasons: [])
        for (key, _) in map {
            let name = key.scalarText ?? ""
            if !topKeys.contains(name) {
                collector.add(key, "unknown key \(name)\(hint(name, topKeys)); an ICP has \(topKeys.joined(separator: ", "))")
            }
        }
        readHeader(map, root: root, into: &version, collector: &collector)
        readTiers(map, root: root, into: &version, collector: &collector)
        var ids: [String: Int] = [:]
        version.criteria = rules(map["criteria"], section: "criteria", needsPoints: true, ids: &ids, collector: &collector, required: root)
        version.triggers = rules(map["triggers"], section: "triggers", needsPoints: true, ids: &ids, collector: &collector, required: nil)
        version.disqualifiers = rules(map["disqualify"], section: "disqualify", needsPoints: false, ids: &ids, collector: &collector, required: nil)
        readResolvedLostReasons(map, into: &version, collector: &collector)
        if !collector.problems.isEmpty {
            throw InvalidICP(file: file, problems: collector.problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return version
    }

    /// `version`, `effective` and `description`.
    private static func readHeader(_ map: Node.Mapping, root: Node, into version: inout ICPVersion, collector: inout ProblemCollector) {
        // version
        if let node = map["version"] {
            if let label = node.scalarText, !label.trimmed.isEmpty { version.label = label.trimmed }
            else { collector.add(node, "version must be a label such as 2025-q3") }
        } else {
            collector.add(root, "version is missing: add `version: 2025-q3` (a label no other version uses)")
        }
        // effective
        if let node = map["effective"] {
            if let text = node.scalarText, let day = DateParser(order: .yearMonthDay).parse(text), text.first?.isNumber == true {
                version.effective = day.startOfDay
            } else {
                collector.add(node, "effective must be a date like 2025-07-01, not \(node.scalarText ?? "a list")")
            }
        } else {
            collector.add(root, "effective is missing: add `effective: 2025-07-01` (the day this version takes over)")
        }
        if let node = map["description"] { version.description = node.scalarText }
    }

    /// `tiers` (highest threshold first) and `revive_at`, which must name one of them.
    private static func readTiers(_ map: Node.Mapping, root: Node, into version: inout ICPVersion, collector: inout ProblemCollector) {
        // tiers
        if let node = map["tiers"] {
            if let tiers = node.mapping, !tiers.isEmpty {
                for (nameNode, thresholdNode) in tiers {
                    let name = nameNode.scalarText ?? ""
                    if name == "DQ" { collector.add(nameNode, "DQ is reserved for disqualified leads; name the tier differently") }
                    guard let threshold = thresholdNode.number else {
                        collector.add(thresholdNode, "tier \(name) needs a number threshold, like \(name): 60 (at most \(ICPLimits.pointsText) either way)")
                        continue
                    }
                    guard abs(threshold) <= ICPLimits.points else {
                        collector.add(thresholdNode, "tier \(name): \(NumberRange.text(threshold)) is out of range; thresholds are at most \(ICPLimits.pointsText) either way")
                        continue
                    }
                    version.tiers.append(.init(name: name, threshold: threshold))
                }
                version.tiers.sort { $0.threshold > $1.threshold }
            } else {
                collector.add(node, "tiers maps tier names to thresholds, like {A: 80, B: 60, C: 40}")
            }
        } else {
            collector.add(root, "tiers is missing: add `tiers: {A: 80, B: 60, C: 40}`")
        }
        // revive_at
        if let node = map["revive_at"] {
            let name = node.scalarText ?? ""
            if version.tiers.contains(where: { $0.name == name }) { version.reviveAt = name }
            else if !version.tiers.isEmpty {
                collector.add(node, "revive_at names tier \(name), which tiers lacks; use one of \(version.tiers.map(\.name).joined(separator: ", "))")
            }
        } else {
            collector.add(root, "revive_at is missing: add `revive_at: B` (revived = now at this tier or better)")
        }
    }

    private static func readResolvedLostReasons(_ map: Node.Mapping, into version: inout ICPVersion, collector: inout ProblemCollector) {
        if let node = map["resolved_lost_reasons"] {
            if let list = node.sequence { version.resolvedLostReasons = list.compactMap(\.scalarText) }
            else if let one = node.scalarText { version.resolvedLostReasons = [one] }
            else { collector.add(node, "resolved_lost_reasons is a list, like [No SSO, Missing HubSpot integration]") }
        }
    }

    static func hint(_ word: String, _ candidates: [String]) -> String {
        Suggestion.nearest(word, in: candidates).map { " (did you mean \($0)?)" } ?? ""
    }

    static func line(_ node: Node) -> Int { node.mark?.line ?? 1 }

    static func format(_ value: Double) -> String {
        NumberRange.text(value)
    }

    private static func yamlProblem(_ error: YamlError) -> ICPProblem {
        let advice = "check the indentation and quoting on this line"
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ICPProblem(line: mark.line, column: mark.column, message: "not valid YAML: \(YAMLMessage.plain(problem)); \(advice)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let (line, column) = YAMLDuplicate.secondOccurrence(of: duplicates.first ?? "", in: context.text, after: (context.mark.line, context.mark.column))
            return ICPProblem(line: line, column: column,
                              message: "not valid YAML: the key \(duplicates.joined(separator: ", ")) appears twice in one dictionary (first on line \(context.mark.line)); keep one")
        default:
            return ICPProblem(line: 1, column: 1, message: "not valid YAML: \(error)")
        }
    }
}

/// Collects problems with their positions while parsing goes on.
struct ProblemCollector {
    var problems: [ICPProblem] = []

    mutating func add(_ node: Node, _ message: String) {
        problems.append(problem(node, message))
    }

    func problem(_ node: Node, _ message: String) -> ICPProblem {
        ICPProblem(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, message: message)
    }
}

extension Node {
    var scalarText: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }

    /// A YAML number (`20`, `-5`, `2.5`) no larger than `ICPLimits.magnitude` either way; quoted
    /// text, `inf`, `nan` and `1e308` are not numbers an ICP can use (scores add them up).
    var number: Double? {
        guard case .scalar(let scalar) = self, scalar.style == .plain,
              let value = Double(scalar.string.replacingOccurrences(of: "_", with: "")),
              value.isFinite, abs(value) <= ICPLimits.magnitude else { return nil }
        return value
    }
}
