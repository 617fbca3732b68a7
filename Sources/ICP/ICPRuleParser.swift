import Foundation
import LeadData
import Yams

/// The rules of an ICP file: criteria, triggers and disqualifiers, each checked for its id,
/// field, operator and points, with every problem collected.
extension ICPParser {
    static func rules(_ node: Node?, section: String, needsPoints: Bool, ids: inout [String: Int],
                              collector: inout ProblemCollector, required: Node?) -> [Criterion] {
        guard let node else {
            if let required { collector.add(required, "\(section) is missing: add at least one criterion with id, field, an operator and points") }
            return []
        }
        guard let list = node.sequence else {
            collector.add(node, "\(section) is a list of rules, each starting with `- id: …`")
            return []
        }
        var result: [Criterion] = []
        for item in list {
            guard let rule = item.mapping else {
                collector.add(item, "each entry of \(section) is a rule with id, field and an operator")
                continue
            }
            if let criterion = parseRule(item, rule, section: section, needsPoints: needsPoints, ids: &ids, collector: &collector) {
                result.append(criterion)
            }
        }
        return result
    }

    private static func parseRule(_ node: Node, _ rule: Node.Mapping, section: String, needsPoints: Bool,
                                  ids: inout [String: Int], collector: inout ProblemCollector) -> Criterion? {
        let before = collector.problems.count
        var id = ""
        if let idNode = rule["id"], let text = idNode.scalarText, !text.isEmpty {
            id = text
            if let first = ids[text] {
                collector.add(idNode, "duplicate id \(text) (first used on line \(first)); ids must be unique across criteria, triggers and disqualify")
            } else {
                ids[text] = line(idNode)
            }
        } else {
            collector.add(node, "this rule in \(section) has no id; add `id: a-short-name`")
        }
        let named = id.isEmpty ? "this rule" : id
        var operatorNodes: [(String, Node, Node)] = []
        for (keyNode, value) in rule {
            let key = keyNode.scalarText ?? ""
            if operators.contains(key) { operatorNodes.append((key, keyNode, value)) }
            else if !ruleKeys.contains(key) {
                collector.add(keyNode, "\(named): unknown operator or key \(key)\(hint(key, ruleKeys)); operators are \(operators.joined(separator: ", "))")
            }
        }
        // The field.
        var field: FieldReference?
        if let fieldNode = rule["field"], let name = fieldNode.scalarText {
            if name.hasPrefix("attributes.") {
                let column = String(name.dropFirst("attributes.".count))
                if column.isEmpty { collector.add(fieldNode, "\(named): attributes. needs the export column's header, like attributes.Segment__c") }
                else { field = .attribute(column) }
            } else if let canonical = CanonicalField(rawValue: name) {
                field = .canonical(canonical)
            } else {
                let known = CanonicalField.allCases.map(\.rawValue)
                collector.add(fieldNode, "\(named): unknown field \(name)\(hint(name, known)); use a canonical field (\(known.joined(separator: ", "))) or attributes.<export column>")
            }
        } else {
            collector.add(node, "\(named) has no field; add `field: industry` (or another canonical field)")
        }
        // The operator.
        guard operatorNodes.count == 1 else {
            if operatorNodes.isEmpty {
                collector.add(node, "\(named) has no operator; add one of \(operators.joined(separator: ", "))")
            } else {
                collector.add(operatorNodes[1].1, "\(named) has two operators (\(operatorNodes.map(\.0).joined(separator: ", "))); split it into two rules")
            }
            return nil
        }
        let (opName, opKey, opValue) = operatorNodes[0]
        let parsedRule = parseOperator(opName, opValue, named: named, collector: &collector)
        if let field, let parsedRule, let problem = fit(parsedRule, field) {
            collector.add(opKey, "\(named): \(problem)")
        }
        if let parsedRule, parsedRule.readsHistory, section != "triggers" {
            collector.add(opKey, "\(named): \(opName) compares the lead now with the lead when it was dismissed, so it is allowed under triggers only; move this rule to triggers")
        }
        // Points.
        var points: Double?
        if let pointsNode = rule["points"] {
            if !needsPoints {
                collector.add(pointsNode, "\(named): disqualify rules give no points (a match sets tier DQ); remove points")
            } else if case .bands? = parsedRule {
                collector.add(pointsNode, "\(named): a banded criterion takes its points from each band; remove the outer points")
            } else if let value = pointsNode.number, abs(value) <= ICPLimits.points {
                points = value
            } else {
                collector.add(pointsNode, "\(named): points must be a number from -\(ICPLimits.pointsText) to \(ICPLimits.pointsText), like points: 20 (not \(pointsNode.scalarText ?? "a list"))")
            }
        } else if needsPoints {
            if case .bands? = parsedRule {} else {
                collector.add(node, "\(named) has no points; add `points: 10` (what a match adds to the score)")
            }
        }
        guard collector.problems.count == before, let field, let parsedRule else { return nil }
        return Criterion(id: id, field: field, rule: parsedRule, points: points, line: line(node))
    }

    private static func parseOperator(_ name: String, _ value: Node, named: String, collector: inout ProblemCollector) -> Rule? {
        func list() -> [String]? { textList(value, name: name, named: named, collector: &collector) }
        func number(_ node: Node) -> Double? { Self.number(node, name: name, named: named, collector: &collector) }
        switch name {
        case "in": return list().map(Rule.isIn)
        case "not_in": return list().map(Rule.notIn)
        case "starts_with": return list().map(Rule.startsWith)
        case "any": return list().map(Rule.any)
        case "all": return list().map(Rule.all)
        case "none": return list().map(Rule.none)
        case "equals":
            guard let text = value.scalarText else { collector.add(value, "\(named): equals takes one value"); return nil }
            return .equals(text)
        case "between": return pair(value, named: named, collector: &collector).map { Rule.between($0.0, $0.1) }
        case "at_least": return number(value).map(Rule.atLeast)
        case "below": return number(value).map(Rule.below)
        case "exists":
            guard let text = value.scalarText, let flag = TextValues.boolean(text) else {
                collector.add(value, "\(named): exists takes true or false"); return nil
            }
            return .exists(flag)
        case "within_days":
            guard let n = value.number, n == n.rounded(), n > 0, n <= Double(ICPLimits.days) else {
                collector.add(value, "\(named): within_days takes a whole number of days from 1 to \(ICPLimits.days), like within_days: 365"); return nil
            }
            return .withinDays(Int(n))
        case "grew_by":
            return growth(value, named: named, collector: &collector).map(Rule.grewBy)
        case "changed", "after_dismissal":
            guard let text = value.scalarText, TextValues.boolean(text) == true else {
                collector.add(value, "\(named): \(name) takes true (\(name): true); to score the opposite, give the rule negative points"); return nil
            }
            return name == "changed" ? .changed : .afterDismissal
        case "entered": return list().map(Rule.entered)
        case "added": return list().map(Rule.added)
        case "bands": return bands(value, named: named, collector: &collector)
        default:
            return nil
        }
    }

    private static func textList(_ value: Node, name: String, named: String, collector: inout ProblemCollector) -> [String]? {
        guard let items = value.sequence, !items.isEmpty else {
            collector.add(value, "\(named): \(name) takes a list, like \(name): [Software, SaaS]")
            return nil
        }
        let texts = items.compactMap(\.scalarText)
        guard texts.count == items.count else {
            collector.add(value, "\(named): \(name) takes a list of values, not nested lists")
            return nil
        }
        return texts
    }

    private static func number(_ node: Node, name: String, named: String, collector: inout ProblemCollector) -> Double? {
        if let n = node.number { return n }
        collector.add(node, "\(named): \(name) takes a number (at most \(ICPLimits.magnitudeText) either way), not \(node.scalarText ?? "a list")")
        return nil
    }

    /// `[low, high]`, low not above high.
    private static func pair(_ node: Node, named: String, collector: inout ProblemCollector) -> (Double, Double)? {
        guard let items = node.sequence, items.count == 2, let low = items[0].number, let high = items[1].number else {
            collector.add(node, "\(named): between takes [low, high], like between: [50, 200], each at most \(ICPLimits.magnitudeText) either way")
            return nil
        }
        guard low <= high else {
            collector.add(node, "\(named): between [\(format(low)), \(format(high))] has its low bound above its high bound; swap them")
            return nil
        }
        return (low, high)
    }

    /// `bands:`, each `{between: [low, high], points: n}`, no two overlapping.
    private static func bands(_ value: Node, named: String, collector: inout ProblemCollector) -> Rule? {
        guard let items = value.sequence, !items.isEmpty else {
            collector.add(value, "\(named): bands is a list like - {between: [50, 200], points: 25}"); return nil
        }
        var bands: [Band] = []
        for item in items {
            guard let band = item.mapping, let range = band["between"].flatMap({ pair($0, named: named, collector: &collector) }) else {
                if item.mapping?["between"] == nil { collector.add(item, "\(named): each band needs between: [low, high]") }
                continue
            }
            guard let pointsNode = band["points"], let points = pointsNode.number, abs(points) <= ICPLimits.points else {
                collector.add(item, "\(named): each band needs points: a number from -\(ICPLimits.pointsText) to \(ICPLimits.pointsText)")
                continue
            }
            for other in bands where range.0 <= other.high && other.low <= range.1 {
                collector.add(item, "\(named): band \(format(range.0))-\(format(range.1)) overlaps band \(format(other.low))-\(format(other.high)); a value must fall in one band only")
            }
            bands.append(Band(low: range.0, high: range.1, points: points))
        }
        return .bands(bands)
    }

    /// `grew_by: 30%` as the fraction 0.3: a whole or decimal percentage from 1% to 1000%, with its sign.
    private static func growth(_ value: Node, named: String, collector: inout ProblemCollector) -> Double? {
        let text = value.scalarText?.trimmed ?? ""
        let problem = "\(named): grew_by takes a percentage from 1% to 1000%, like grew_by: 30%"
        guard text.hasSuffix("%") else {
            collector.add(value, "\(problem) (not \(text.isEmpty ? "a list" : text); write the % sign)"); return nil
        }
        let digits = text.dropLast().trimmed
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              let percent = Double(digits), percent >= 1, percent <= 1000 else {
            collector.add(value, "\(problem) (not \(text))"); return nil
        }
        return percent / 100
    }

    /// Why an operator does not fit a field's kind of value, or nil when it does.
    static func fit(_ rule: Rule, _ field: FieldReference) -> String? {
        guard case .canonical(let canonical) = field else { return nil }
        let kind = canonical.kind
        let allowed: [CanonicalField.Kind]
        switch rule {
        case .isIn, .notIn, .startsWith: allowed = [.text, .country]
        case .equals: allowed = [.text, .country, .number]
        case .any, .all, .none: allowed = [.list]
        case .between, .atLeast, .below, .bands: allowed = [.number]
        case .withinDays, .afterDismissal: allowed = [.date]
        case .grewBy: allowed = [.number]
        case .entered: allowed = [.text, .country]
        case .added: allowed = [.list]
        case .exists, .changed: return nil
        }
        guard !allowed.contains(kind) else { return nil }
        let suggestion: String
        switch kind {
        case .text, .country: suggestion = "in, not_in, equals, starts_with or exists (under triggers also entered or changed)"
        case .number: suggestion = "between, at_least, below, bands, equals or exists (under triggers also grew_by or changed)"
        case .list: suggestion = "any, all, none or exists (under triggers also added or changed)"
        case .date: suggestion = "within_days or exists (under triggers also after_dismissal or changed)"
        }
        return "\(rule.name) does not fit \(canonical.rawValue), a \(kind == .country ? "country" : kind.rawValue) field; use \(suggestion)"
    }
}
