import JSONCore

/// A literal string parameter of an optimized integration call, found in `Parameters`
/// (JSONPath) or `Arguments` (JSONata), that the integration parameter rules check.
///
/// Values computed at run time (`"key.$"` fields, `{% %}` expressions) and values holding a
/// `${…}` placeholder are never returned.
struct IntegrationParameter {
    var service: String
    var action: String
    /// The parameter's path inside `Parameters`, e.g. `["ResultConfiguration", "OutputLocation"]`.
    var path: [String]
    var value: String
    var pointer: JSONPointer

    /// The literal string parameters at `paths` of a Task's call, if the Task calls `service:action`.
    static func find(
        in state: State, context: ValidationContext, service: String, action: String, paths: [[String]]
    ) -> [IntegrationParameter] {
        guard case .optimized(let actualService, let actualAction, _) = context.resource(of: state)?.kind,
            actualService == service, actualAction == action
        else { return [] }
        let field = state.isJSONPath ? "Parameters" : "Arguments"
        guard let parameters = state.json[field] else { return [] }
        var found: [IntegrationParameter] = []
        for path in paths {
            var value: JSON? = parameters
            for key in path { value = value?[key] }
            guard let text = value?.stringValue, !text.containsPlaceholder,
                !JSONataExpression.isExpression(text)
            else { continue }
            found.append(
                IntegrationParameter(
                    service: service, action: action, path: path, value: text,
                    pointer: JSONPointer([String](state.pointer.tokens + [field] + path))))
        }
        return found
    }
}
