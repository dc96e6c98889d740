import JSONCore
import StatesLanguage

/// A Choice rule as short text for an edge label, from the rule as written:
/// `{"Variable": "$.x", "NumericEquals": 3}` → `$.x == 3`; `And`/`Or` → `a && b`, `a || b`
/// (compound operands in parentheses); `Not` → `!(a)`; a JSONata `Condition` → its expression
/// without `{% %}`. SPEC-NOTES.md §16.6.
enum ConditionText {
    static func text(of rule: JSON) -> String {
        guard case .object(let object) = rule else { return "?" }
        if let condition = object["Condition"] {
            switch condition {
            case .string(let text):
                var body = Substring(text)
                if body.hasPrefix("{%") && body.hasSuffix("%}") && body.count >= 4 {
                    body = body.dropFirst(2).dropLast(2)
                }
                return body.trimmingSpaces()
            default: return JSONWriter.compact(condition)
            }
        }
        if case .array(let rules)? = object["And"] { return rules.map(operand).joined(separator: " && ") }
        if case .array(let rules)? = object["Or"] { return rules.map(operand).joined(separator: " || ") }
        if let inner = object["Not"] { return "!(" + text(of: inner) + ")" }
        let variable: String
        if case .string(let text)? = object["Variable"] { variable = text } else { variable = "?" }
        for key in object.keys {
            guard let comparison = ComparisonOperator(rawValue: key), let value = object[key] else { continue }
            return comparisonText(variable, comparison, value)
        }
        return variable
    }

    private static func operand(_ rule: JSON) -> String {
        let inner = text(of: rule)
        if case .object(let object) = rule, object["And"] != nil || object["Or"] != nil { return "(" + inner + ")" }
        return inner
    }

    private static func comparisonText(_ variable: String, _ comparison: ComparisonOperator, _ value: JSON) -> String {
        var name = comparison.rawValue
        let isPath = name.hasSuffix("Path")
        if isPath { name.removeLast(4) }
        if name.hasPrefix("Is") {
            let what = name.dropFirst(2).lowercased()
            return value == .bool(false) ? "\(variable) is not \(what)" : "\(variable) is \(what)"
        }
        let symbols: [(suffix: String, symbol: String)] = [
            ("GreaterThanEquals", ">="), ("LessThanEquals", "<="), ("GreaterThan", ">"), ("LessThan", "<"),
            ("Equals", "=="), ("Matches", "matches"),
        ]
        let symbol = symbols.first { name.hasSuffix($0.suffix) }?.symbol ?? name
        let right: String
        if isPath, case .string(let path) = value { right = path } else { right = JSONWriter.compact(value) }
        return "\(variable) \(symbol) \(right)"
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        var text = self
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
