import JSONCore

// `Retry` and `Catch` of Task, Parallel and Map states.
// Source: ASL specification, "Retrying after error" and "Fallback states"; AWS developer guide,
// "Handling errors in Step Functions workflows".

extension DefinitionBuilder {
    mutating func errorHandling(_ context: StateContext) -> ErrorHandling {
        var handling = ErrorHandling()
        let pointer = context.pointer
        if let elements = arrayField("Retry", in: context.object, at: pointer) {
            for (index, element) in elements.enumerated() {
                if let retrier = retrier(element, at: pointer / "Retry" / index, language: context.language) {
                    handling.retriers.append(retrier)
                }
            }
        }
        if let elements = arrayField("Catch", in: context.object, at: pointer) {
            for (index, element) in elements.enumerated() {
                if let catcher = catcher(element, at: pointer / "Catch" / index, language: context.language) {
                    handling.catchers.append(catcher)
                }
            }
        }
        return handling
    }

    private mutating func retrier(_ element: JSON, at pointer: JSONPointer, language: QueryLanguage) -> Retrier? {
        guard case .object(let object) = element else {
            if !isPlaceholder(element) {
                diagnostics.append(
                    ParserDiagnostics.wrongType("Retry", expected: "an object", actual: element, at: pointer))
            }
            return nil
        }
        checkFields(object, at: pointer, allowed: FieldCatalog.retrier, language: language, owner: "a Retrier")
        _ = string("Comment", in: object, at: pointer)
        var jitter: Retrier.JitterStrategy?
        if let text = string("JitterStrategy", in: object, at: pointer) {
            jitter = enumValue(
                Retrier.JitterStrategy.self, field: "JitterStrategy", text: text, at: pointer / "JitterStrategy")
        }
        return Retrier(
            errorEquals: errorEquals(object, owner: "a Retrier", at: pointer),
            intervalSeconds: integer("IntervalSeconds", in: object, at: pointer),
            maxAttempts: integer("MaxAttempts", in: object, at: pointer),
            backoffRate: number("BackoffRate", in: object, at: pointer),
            maxDelaySeconds: integer("MaxDelaySeconds", in: object, at: pointer),
            jitterStrategy: jitter, pointer: pointer)
    }

    private mutating func catcher(_ element: JSON, at pointer: JSONPointer, language: QueryLanguage) -> Catcher? {
        guard case .object(let object) = element else {
            if !isPlaceholder(element) {
                diagnostics.append(
                    ParserDiagnostics.wrongType("Catch", expected: "an object", actual: element, at: pointer))
            }
            return nil
        }
        checkFields(object, at: pointer, allowed: FieldCatalog.catcher, language: language, owner: "a Catcher")
        _ = string("Comment", in: object, at: pointer)
        let errors = errorEquals(object, owner: "a Catcher", at: pointer)
        var next = StateReference(name: "", id: nil, pointer: pointer / "Next")
        if object["Next"] == nil {
            diagnostics.append(ParserDiagnostics.missingField("Next", in: "a Catcher", at: pointer))
        } else if let name = string("Next", in: object, at: pointer) {
            next.name = name
        }
        var catcher = Catcher(errorEquals: errors, next: next, pointer: pointer)
        switch language {
        case .jsonPath:
            catcher.resultPath = pathOrNull("ResultPath", in: object, at: pointer)
        case .jsonata:
            if let value = object["Output"], !isPlaceholder(value) {
                catcher.output = jsonataTemplate(value, at: pointer / "Output")
            }
        }
        catcher.assign = assign(in: object, at: pointer, language: language)
        return catcher
    }

    /// `ErrorEquals`: required, a non-empty array of strings.
    private mutating func errorEquals(_ object: JSONObject, owner: String, at pointer: JSONPointer)
        -> [StatesErrorName]
    {
        guard object["ErrorEquals"] != nil else {
            diagnostics.append(ParserDiagnostics.missingField("ErrorEquals", in: owner, at: pointer))
            return []
        }
        guard let elements = arrayField("ErrorEquals", in: object, at: pointer) else { return [] }
        if elements.isEmpty {
            diagnostics.append(ParserDiagnostics.emptyArray("ErrorEquals", at: pointer / "ErrorEquals"))
        }
        var names: [StatesErrorName] = []
        for (index, element) in elements.enumerated() {
            if case .string(let name) = element {
                names.append(StatesErrorName(name))
            } else {
                diagnostics.append(
                    ParserDiagnostics.wrongType(
                        "ErrorEquals[\(index)]", expected: "a string", actual: element,
                        at: pointer / "ErrorEquals" / index))
            }
        }
        return names
    }
}
