import Foundation
import JSONCore
import StatesLanguage

/// The executor's one door to path and rule evaluation: every place that reads a path, writes a
/// `ResultPath` or tests a Choice rule goes through these, so semantics live in one place.
enum Evaluate {
    /// Why a path selected nothing.
    struct Miss: Error, Sendable {
        /// Jayway-style detail, e.g. `No results for path: $['a']`.
        var message: String
    }

    /// The value `path` selects from `roots`.
    static func select(_ path: Path, in roots: Roots) throws(Miss) -> JSON {
        var current: JSON
        switch path.root {
        case .input: current = roots.input
        case .context: current = roots.context.json
        case .variable(let name):
            guard let value = roots.variables[name] else { throw Miss(message: "Variable '\(name)' is not defined") }
            current = value
        }
        for segment in path.segments {
            switch segment {
            case .name(let key):
                guard case .object(let object) = current, let next = object[key] else {
                    throw Miss(message: "No results for path: \(path.source)")
                }
                current = next
            case .index(let index):
                guard case .array(let array) = current else {
                    throw Miss(message: "No results for path: \(path.source)")
                }
                let position = index < 0 ? array.count + index : index
                guard array.indices.contains(position) else {
                    throw Miss(message: "No results for path: \(path.source)")
                }
                current = array[position]
            default:
                throw Miss(message: "Unsupported path: \(path.source)")
            }
        }
        return current
    }

    /// Puts `value` at the reference path `path` inside `document` (`ResultPath`).
    static func assign(_ value: JSON, at path: Path, into document: inout JSON) throws(StatesError) {
        guard !path.segments.isEmpty else {
            document = value
            return
        }
        try assign(value, segments: path.segments[...], into: &document, path: path)
    }

    private static func assign(
        _ value: JSON, segments: ArraySlice<PathSegment>, into document: inout JSON, path: Path
    ) throws(StatesError) {
        guard let first = segments.first else {
            document = value
            return
        }
        guard case .name(let key) = first, case .object(var object) = document else {
            throw StatesError(.resultPathMatchFailure, "Unable to apply ResultPath \(path.source)")
        }
        document = .null
        var child = object[key] ?? .object(JSONObject())
        if segments.count > 1, child.objectValue == nil { child = .object(JSONObject()) }
        try assign(value, segments: segments.dropFirst(), into: &child, path: path)
        object[key] = child
        document = .object(object)
    }

    /// Whether a Choice rule holds for `roots`.
    static func matches(_ rule: ChoiceRule, in roots: Roots) throws(StatesError) -> Bool {
        switch rule.kind {
        case .and(let rules):
            for rule in rules where try !matches(rule, in: roots) { return false }
            return true
        case .or(let rules):
            for rule in rules where try matches(rule, in: roots) { return true }
            return false
        case .not(let inner):
            return try !matches(inner, in: roots)
        case .condition:
            throw StatesError(.runtime, "JSONata conditions are not supported yet")
        case .comparison(let comparison):
            let value: JSON
            do {
                value = try select(comparison.variable, in: roots)
            } catch {
                if comparison.comparisonOperator == .isPresent, case .bool(let expected) = comparison.operand {
                    return !expected
                }
                throw StatesError(.runtime, comparison.variable.source)
            }
            return compare(value, comparison, in: roots)
        }
    }

    private static func compare(_ value: JSON, _ comparison: ChoiceComparison, in roots: Roots) -> Bool {
        let operand: JSON
        switch comparison.operand {
        case .string(let text): operand = .string(text)
        case .number(let number): operand = .number(number)
        case .bool(let bool): operand = .bool(bool)
        case .path(let path): operand = (try? select(path, in: roots)) ?? .null
        }
        let name = comparison.comparisonOperator.rawValue
        switch comparison.comparisonOperator {
        case .isPresent: return operand.boolValue == true
        case .isNull: return value.isNull == (operand.boolValue == true)
        case .isString: return (value.stringValue != nil) == (operand.boolValue == true)
        case .isNumeric: return (value.numberValue != nil) == (operand.boolValue == true)
        case .isBoolean: return (value.boolValue != nil) == (operand.boolValue == true)
        case .isTimestamp: return (value.stringValue != nil) == (operand.boolValue == true)
        case .booleanEquals, .booleanEqualsPath: return value.boolValue != nil && value.boolValue == operand.boolValue
        default: break
        }
        if name.hasPrefix("Numeric") {
            guard let left = value.numberValue, let right = operand.numberValue else { return false }
            if name.hasPrefix("NumericEquals") { return left == right }
            if name.hasPrefix("NumericLessThanEquals") { return left <= right }
            if name.hasPrefix("NumericLessThan") { return left < right }
            if name.hasPrefix("NumericGreaterThanEquals") { return left >= right }
            return left > right
        }
        guard let left = value.stringValue, let right = operand.stringValue else { return false }
        if name.hasPrefix("StringEquals") || name.hasPrefix("TimestampEquals") { return left == right }
        if name.hasPrefix("StringLessThanEquals") || name.hasPrefix("TimestampLessThanEquals") { return left <= right }
        if name.hasPrefix("StringLessThan") || name.hasPrefix("TimestampLessThan") { return left < right }
        if name.hasPrefix("StringGreaterThanEquals") || name.hasPrefix("TimestampGreaterThanEquals") {
            return left >= right
        }
        return left > right
    }

    /// A context-object timestamp: `2024-01-01T00:00:00.123Z`.
    static func formatTimestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// Parses an RFC 3339 timestamp.
    static func parseTimestamp(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
