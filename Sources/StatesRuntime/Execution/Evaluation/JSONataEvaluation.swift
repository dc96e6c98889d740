import Foundation
import JSONCore
import JSONata
import StatesLanguage

/// Where a JSONata-mode failure happened, noted on the path so the envelope can write AWS's
/// `EvaluationFailed` event (with its `location`) before the state fails.
struct QueryFailureNote: Sendable {
    /// The field path (`Output`, `Output/result`, `Arguments`, …); `nil` when AWS writes none.
    var location: String?
    /// Whether AWS names the entered event itself as the previous event (Wait `Timestamp`).
    var afterEntered = false
}

/// What a JSONata-mode field sees: `$states` (`input`, `context`, and `result` or `errorOutput`
/// where the ASL specification allows them) and the variables from state entry.
///
/// Source: ASL specification, "Reserved 'states' Variable with JSONata"; AWS developer guide,
/// "Transforming data with JSONata in Step Functions". Every field of one state reads the same
/// variable values (those at state entry), as the spec's "first evaluates … then performs the
/// assignments" requires.
struct JSONataScope {
    /// The variables at state entry.
    var variables: [CodeUnitString: JSON]
    /// `$states`, bound for every evaluation of the state's fields.
    private(set) var hostBindings: [JSONata.Binding.Member]
    private var states: StatesObject
    var millis: Double
    var seed: UInt64

    /// `$states.input`.
    var input: JSON { states.input }

    init(input: JSON, path: inout PathContext, result: JSON? = nil, errorOutput: JSON? = nil) {
        variables = path.variables
        states = StatesObject(input: input, context: path.context, result: result, errorOutput: errorOutput)
        hostBindings = [.init(key: "states", value: .object(states))]
        millis = (path.clock.now().timeIntervalSince1970 * 1000).rounded(.down)
        // Drawn from a fork keyed by the last event id, so JSONata states leave the path's own
        // stream (task tokens, retry jitter, handlers' draws) as it would be.
        var fork = path.random.fork(path.previousEventID)
        seed = fork.next()
    }

    /// A scope for another stage of the same state (the variables stay those of state entry).
    func with(result: JSON? = nil, errorOutput: JSON? = nil) -> JSONataScope {
        var copy = self
        copy.states = StatesObject(
            input: states.input, context: states.context, result: result ?? states.result,
            errorOutput: errorOutput ?? states.errorOutput)
        copy.hostBindings = [.init(key: "states", value: .object(copy.states))]
        return copy
    }
}

/// `$states`: `input`, `context`, then `result` or `errorOutput` where they exist. The context
/// object is built as JSON (its timestamps formatted) only when an expression reads it.
final class StatesObject: JSONata.HostObject {
    let input: JSON
    let context: ContextObject
    let result: JSON?
    let errorOutput: JSON?
    let keys: [String]

    private static let inputAndContext = ["input", "context"]
    private static let withResult = ["input", "context", "result"]
    private static let withErrorOutput = ["input", "context", "errorOutput"]
    private static let withBoth = ["input", "context", "result", "errorOutput"]

    init(input: JSON, context: ContextObject, result: JSON?, errorOutput: JSON?) {
        self.input = input
        self.context = context
        self.result = result
        self.errorOutput = errorOutput
        switch (result, errorOutput) {
        case (nil, nil): keys = Self.inputAndContext
        case (_?, nil): keys = Self.withResult
        case (nil, _?): keys = Self.withErrorOutput
        case (_?, _?): keys = Self.withBoth
        }
    }

    func member(_ key: String) -> JSON? {
        if key == "context" { return context.json }
        return readyMember(key)
    }

    func readyMember(_ key: String) -> JSON? {
        // Explicit returns: `JSON` is nil-literal expressible, so in a conditional expression a
        // bare `nil` could become `null` instead of absent.
        switch key {
        case "input": return input
        case "result": return result
        case "errorOutput": return errorOutput
        default: return nil
        }
    }
}

extension ExecutionRunner {
    /// Evaluates a JSONata-mode template; an expression anywhere inside that fails or gives
    /// undefined is `States.QueryEvaluationError` naming `field` plus the nested keys.
    func evaluate(
        _ template: JSONataTemplate, field: String, scope: JSONataScope, path: inout PathContext,
        site: EvaluationSite
    ) throws(StatesError) -> JSON {
        try evaluate(template, fieldPath: { field }, scope: scope, path: &path, site: site)
    }

    /// `fieldPath` (`Output/result`, `Arguments[2]`) is written out only for a failure.
    private func evaluate(
        _ template: JSONataTemplate, fieldPath: () -> String, scope: JSONataScope, path: inout PathContext,
        site: EvaluationSite
    ) throws(StatesError) -> JSON {
        switch template {
        case .literal(let value): return value
        case .expression(let expression):
            return try evaluate(expression, fieldPath: fieldPath, scope: scope, path: &path, site: site)
        case .object(let fields):
            var object = JSONObject()
            object.reserveCapacity(fields.count)
            for member in fields {
                let value = try evaluate(
                    member.value, fieldPath: { fieldPath() + "/" + member.key }, scope: scope, path: &path,
                    site: site)
                // The keys are those of one object of the definition: unique.
                object.appendUnchecked(key: member.key, value: value)
            }
            return .object(object)
        case .array(let elements):
            var array: [JSON] = []
            array.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                array.append(
                    try evaluate(
                        element, fieldPath: { fieldPath() + "[\(index)]" }, scope: scope, path: &path, site: site))
            }
            return .array(array)
        }
    }

    /// Evaluates one compiled expression; undefined is an error.
    func evaluate(
        _ expression: JSONataExpression, field: String, scope: JSONataScope, path: inout PathContext,
        site: EvaluationSite
    ) throws(StatesError) -> JSON {
        try evaluate(expression, fieldPath: { field }, scope: scope, path: &path, site: site)
    }

    private func evaluate(
        _ expression: JSONataExpression, fieldPath: () -> String, scope: JSONataScope, path: inout PathContext,
        site: EvaluationSite
    ) throws(StatesError) -> JSON {
        guard
            let value = try evaluateOptional(expression, fieldPath: fieldPath, scope: scope, path: &path, site: site)
        else {
            let field = fieldPath()
            throw queryFailure(
                "The JSONata expression '\(expression.source)' specified for the field '\(field)' returned nothing (undefined).",
                location: field, path: &path, site: site)
        }
        return value
    }

    /// Evaluates one compiled expression; `nil` is undefined.
    func evaluateOptional(
        _ expression: JSONataExpression, field: String, scope: JSONataScope, path: inout PathContext,
        site: EvaluationSite
    ) throws(StatesError) -> JSON? {
        try evaluateOptional(expression, fieldPath: { field }, scope: scope, path: &path, site: site)
    }

    private func evaluateOptional(
        _ expression: JSONataExpression, fieldPath: () -> String, scope: JSONataScope, path: inout PathContext,
        site: EvaluationSite
    ) throws(StatesError) -> JSON? {
        var environment = jsonataEnvironment
        environment.millis = scope.millis
        environment.seed = scope.seed
        let evaluation: JSONata.Expression.Evaluation
        do {
            evaluation = try expression.compiled.evaluation(
                input: nil, variables: scope.variables, hostBindings: scope.hostBindings, environment: environment)
        } catch {
            let detail =
                error.code.isEmpty
                ? "threw an error during evaluation: \(error.message)"
                : "threw an error during evaluation. \(error.code): \(error.message)"
            let field = fieldPath()
            throw queryFailure(
                "The JSONata expression '\(expression.source)' specified for the field '\(field)' \(detail)",
                location: field, path: &path, site: site)
        }
        switch evaluation {
        case .value(let json): return json
        case .undefined: return nil
        case .function:
            // A function has no JSON form: observed on AWS for Map `Items` (LocalStack snapshot
            // `scenarios/test_base_scenarios`, `test_map_state_items_eval_jsonata_fail[function]`).
            let field = fieldPath()
            throw queryFailure(
                "The JSONata expression '\(expression.source)' specified for the field '\(field)' returned an "
                    + "unsupported result type.", location: field, path: &path, site: site)
        }
    }

    /// A field's result of the wrong type, as AWS words it for Map `Items` (observed on AWS,
    /// LocalStack snapshot `scenarios/test_base_scenarios`).
    func unexpectedType(
        _ expression: JSONataExpression, field: String, expected: String, value: JSON, path: inout PathContext,
        site: EvaluationSite
    ) -> StatesError {
        queryFailure(
            "The JSONata expression '\(expression.source)' specified for the field '\(field)' returned an unexpected "
                + "result type. Expected '\(expected)', but was '\(Self.jsonataTypeName(value))' for value: "
                + JSONWriter.compact(value), location: field, path: &path, site: site)
    }

    /// `States.QueryEvaluationError` with AWS's state prefix; notes `location` for the
    /// `EvaluationFailed` event.
    func queryFailure(_ detail: String, location: String?, path: inout PathContext, site: EvaluationSite)
        -> StatesError
    {
        path.queryFailure = QueryFailureNote(location: location)
        return StatesError(
            .queryEvaluationError,
            "An error occurred while executing the state '\(site.stateName)' (entered at the event id "
                + "#\(site.enteredEventID)). \(detail)")
    }

    static func jsonataTypeName(_ value: JSON) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// `Assign` of a JSONata state: each top-level key a variable, each value evaluated.
    func evaluateJSONataAssign(
        _ assign: DynamicTemplate?, scope: JSONataScope, path: inout PathContext, site: EvaluationSite
    ) throws(StatesError) -> JSONObject? {
        switch assign {
        case nil: return nil
        case .jsonPath(let template):
            // A JSONata state's Assign is always compiled as JSONata; keep a JSONPath one working.
            let roots = Roots(input: scope.input, path: path)
            return try TemplateEvaluator.evaluate(template, roots: roots, random: &path.random, site: site).objectValue
        case .jsonata(let template):
            return try evaluate(template, field: "Assign", scope: scope, path: &path, site: site).objectValue
        }
    }

    /// A JSONata integer field (`Seconds`, `TimeoutSeconds`, …): the expression must give an
    /// integer at least `minimum`.
    func jsonataInteger(
        _ value: DynamicInteger?, field: String, minimum: Int64, scope: JSONataScope, path: inout PathContext,
        site: EvaluationSite
    ) throws(StatesError) -> Int64? {
        switch value {
        case nil: return nil
        case .literal(let number): return number
        case .path: return nil
        case .jsonata(let expression):
            let result = try evaluate(expression, field: field, scope: scope, path: &path, site: site)
            guard case .number(let number) = result, let integer = Int64(exactly: number.doubleValue),
                integer >= minimum
            else {
                throw unexpectedType(
                    expression, field: field, expected: minimum > 0 ? "positive integer" : "non-negative integer",
                    value: result, path: &path, site: site)
            }
            return integer
        }
    }

    /// After a Task's, Parallel's or Map's work: `Output` (default: the result) and `Assign`, both
    /// seeing `$states.result` and the variables from state entry (ASL specification, "Using
    /// Arguments and Output": no ResultPath merge in JSONata).
    func jsonataResultStage(
        _ io: InputOutput, assign: DynamicTemplate?, result: JSON, scope: JSONataScope, path: inout PathContext,
        site: EvaluationSite
    ) throws(StatesError) -> StateCompletion {
        let after = scope.with(result: result)
        let output = try io.output.map { template throws(StatesError) in
            try evaluate(template, field: "Output", scope: after, path: &path, site: site)
        }
        let assigned = try evaluateJSONataAssign(assign, scope: after, path: &path, site: site)
        return StateCompletion(output: output ?? result, next: nil, assigned: assigned)
    }
}
