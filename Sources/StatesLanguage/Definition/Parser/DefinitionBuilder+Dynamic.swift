import JSONCore

// Fields that take a literal, a `…Path` sibling (JSONPath) or a `{% %}` expression (JSONata):
// TimeoutSeconds, HeartbeatSeconds, Wait Seconds/Timestamp, MaxConcurrency, ToleratedFailure*,
// Fail Error/Cause, ItemBatcher and ReaderConfig numbers.

extension DefinitionBuilder {
    /// The literal-or-expression part: in a JSONata state a `{% %}` string is an expression; any
    /// other string is reported unless it is a placeholder. `nil` means "read the literal".
    private mutating func expression(
        _ value: JSON, field: String, expected: String, language: QueryLanguage, at pointer: JSONPointer
    ) -> (handled: Bool, expression: JSONataExpression?) {
        guard language == .jsonata, case .string(let text) = value else { return (false, nil) }
        if JSONataExpression.isExpression(text) { return (true, jsonataExpression(text, field: field, at: pointer)) }
        if isPlaceholder(value) { return (true, nil) }
        diagnostics.append(ParserDiagnostics.notAnExpression(field, text: text, expected: expected, at: pointer))
        return (true, nil)
    }

    /// `key` (integer, or `{% %}` in JSONata) or `pathKey` (a path, JSONPath only); ASL-E107
    /// when both are present.
    mutating func dynamicInteger(
        _ key: String, pathKey: String?, in object: JSONObject, at pointer: JSONPointer, language: QueryLanguage
    ) -> DynamicInteger? {
        if let pathKey { exclusive(key, pathKey, in: object, at: pointer) }
        if let value = object[key] {
            let jsonata = expression(
                value, field: key, expected: "an integer", language: language, at: pointer / key)
            if jsonata.handled { return jsonata.expression.map(DynamicInteger.jsonata) }
            return integerValue(value, field: key, at: pointer / key).map(DynamicInteger.literal)
        }
        if let pathKey, language == .jsonPath, let path = path(pathKey, in: object, at: pointer) {
            return .path(path)
        }
        return nil
    }

    /// Like ``dynamicInteger(_:pathKey:in:at:language:)`` for a number that may be a decimal.
    mutating func dynamicNumber(
        _ key: String, pathKey: String?, in object: JSONObject, at pointer: JSONPointer, language: QueryLanguage
    ) -> DynamicNumber? {
        if let pathKey { exclusive(key, pathKey, in: object, at: pointer) }
        if let value = object[key] {
            let jsonata = expression(value, field: key, expected: "a number", language: language, at: pointer / key)
            if jsonata.handled { return jsonata.expression.map(DynamicNumber.jsonata) }
            return numberValue(value, field: key, at: pointer / key).map(DynamicNumber.literal)
        }
        if let pathKey, language == .jsonPath, let path = path(pathKey, in: object, at: pointer) {
            return .path(path)
        }
        return nil
    }

    /// A string field (Fail `Error`/`Cause`, Wait `Timestamp`) or its `…Path` sibling. In
    /// JSONata a `{% %}` string is an expression. With `allowsIntrinsic` the path field also
    /// takes an intrinsic call (Fail `ErrorPath`/`CausePath`).
    mutating func dynamicString(
        _ key: String, pathKey: String, allowsIntrinsic: Bool, in object: JSONObject, at pointer: JSONPointer,
        language: QueryLanguage
    ) -> DynamicString? {
        exclusive(key, pathKey, in: object, at: pointer)
        if object[key] != nil {
            guard let text = string(key, in: object, at: pointer) else { return nil }
            if language == .jsonata, JSONataExpression.isExpression(text) {
                return jsonataExpression(text, field: key, at: pointer / key).map(DynamicString.jsonata)
            }
            return .literal(text)
        }
        guard language == .jsonPath, let text = string(pathKey, in: object, at: pointer) else { return nil }
        guard allowsIntrinsic else {
            return parsePath(text, field: pathKey, at: pointer / pathKey).map(DynamicString.path)
        }
        if containsPlaceholder(text) { return nil }
        do {
            let dynamic = try DynamicValue.parse(text)
            let advisories = dynamic.advisories
            if !advisories.isEmpty {
                diagnostics.append(
                    contentsOf: Diagnostic.pathAdvisories(field: pathKey, advisories, at: pointer / pathKey))
            }
            switch dynamic {
            case .path(let path): return .path(path)
            case .intrinsic(let call):
                diagnostics.append(
                    contentsOf: Diagnostic.intrinsicArgumentProblems(field: pathKey, text: text, at: pointer / pathKey))
                return .intrinsic(call)
            }
        } catch {
            diagnostics.append(.invalidDynamicValue(key: pathKey, text: text, error: error, at: pointer / pathKey))
            return nil
        }
    }
}
