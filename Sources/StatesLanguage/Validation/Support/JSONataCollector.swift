import JSONCore
import JSONata

/// Every compiled JSONata expression a state holds (`Arguments`, `Output`, `Assign`, Choice
/// conditions, Catcher fields, `Items`, `Seconds`, …), found by walking the state's stored
/// properties with `Mirror`, so a field added to a state type later is not missed. JSON values
/// and compiled trees are not descended into; nested states are separate (scopes are ids).
struct JSONataCollector {
    private(set) var expressions: [JSONataExpression] = []

    init(_ state: State) {
        collect(state, depth: 0)
    }

    private mutating func collect(_ value: Any, depth: Int) {
        // Definition types nest a handful of levels; the bound only guards against surprises.
        guard depth < 16 else { return }
        if let expression = value as? JSONataExpression {
            expressions.append(expression)
            return
        }
        if value is JSON || value is JSONObject || value is JSONPointer || value is String { return }
        for child in Mirror(reflecting: value).children {
            collect(child.value, depth: depth + 1)
        }
    }

    /// Whether `$name` is one of JSONata's or AWS's functions rather than a variable
    /// (`$map($a, $string)` passes a function by name).
    static func isFunctionName(_ name: String) -> Bool {
        let environment = JSONata.EvaluationEnvironment(
            millis: 0, hostFunctions: AWSJSONataFunctions.hostFunctions(), deniedFunctions: AWSJSONataFunctions.denied)
        guard let probe = try? JSONata.Expression(parsing: "$type($\(name))"),
            let type = try? probe.evaluate(input: nil, environment: environment)
        else { return false }
        return type == .string("function")
    }
}
