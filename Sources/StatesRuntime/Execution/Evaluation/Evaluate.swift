import Foundation
import JSONCore
import StatesLanguage

/// The executor's door to path and rule evaluation: it hands a state's roots (``Roots``) to
/// ``PathEvaluator`` and ``ChoiceEvaluator``, building the context object's JSON only for paths
/// that can read it.
enum Evaluate {
    /// The value `path` selects from `roots`.
    static func select(_ path: Path, in roots: Roots, mode: PathEvaluator.Mode = .jayway) throws(PathEvaluationError)
        -> JSON
    {
        let context = readsContext(path) ? roots.context.json : .null
        let variables = roots.variables
        return try PathEvaluator.evaluate(
            path, input: roots.input, context: context, variables: { variables[$0] }, mode: mode)
    }

    /// Whether a Choice rule holds for `roots`.
    static func matches(_ rule: ChoiceRule, in roots: Roots) throws(StatesError) -> Bool {
        let context = readsContext(rule) ? roots.context.json : .null
        let variables = roots.variables
        return try ChoiceEvaluator.matches(rule, input: roots.input, context: context, variables: { variables[$0] })
    }

    /// Whether evaluating `path` may read `$$` (a context path, or a filter that could).
    static func readsContext(_ path: Path) -> Bool {
        if path.root == .context { return true }
        return path.segments.contains { segment in
            switch segment {
            case .filter: true
            case .recursiveDescent(.filter): true
            default: false
            }
        }
    }

    static func readsContext(_ rule: ChoiceRule) -> Bool {
        switch rule.kind {
        case .comparison(let comparison):
            if readsContext(comparison.variable) { return true }
            if case .path(let path) = comparison.operand { return readsContext(path) }
            return false
        case .and(let rules), .or(let rules): return rules.contains(where: readsContext)
        case .not(let inner): return readsContext(inner)
        case .condition: return false
        }
    }

    /// A context-object timestamp: `2024-01-01T00:00:00.123Z`.
    static func formatTimestamp(_ date: Date) -> String { Timestamp.format(date) }
}
