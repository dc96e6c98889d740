import JSONCore

// Choice states and their rules.
// Source: ASL specification, "Choice State" and "Choice Rules"; AWS developer guide, "Choice
// workflow state" and "Transforming data with JSONata" (Condition rules).

extension DefinitionBuilder {
    mutating func buildChoice(_ context: StateContext) -> ChoiceState {
        let object = context.object
        let pointer = context.pointer
        var branches: [ChoiceState.Branch] = []
        if object["Choices"] == nil {
            diagnostics.append(ParserDiagnostics.missingField("Choices", in: context.owner, at: pointer))
        } else if let elements = arrayField("Choices", in: object, at: pointer) {
            if elements.isEmpty {
                diagnostics.append(
                    ParserDiagnostics.choiceRule("\"Choices\" must be a non-empty array", at: pointer / "Choices"))
            }
            for (index, element) in elements.enumerated() {
                let rulePointer = pointer / "Choices" / index
                guard case .object(let rule) = element else {
                    diagnostics.append(
                        ParserDiagnostics.choiceRule(
                            "A Choice rule must be an object, not \(element.typeName)", at: rulePointer))
                    continue
                }
                branches.append(topLevelRule(rule, at: rulePointer, language: context.language))
            }
        }
        var defaultState: StateReference?
        if let name = string("Default", in: object, at: pointer) {
            defaultState = StateReference(name: name, id: nil, pointer: pointer / "Default")
        }
        return ChoiceState(
            common: context.common, choices: branches, defaultState: defaultState, io: inputOutput(context))
    }

    /// An element of `Choices`. A rule that cannot be built (errors, or a placeholder where a
    /// typed operand belongs) is kept as `Or []`, which never matches, so its `Next` still counts.
    private mutating func topLevelRule(_ object: JSONObject, at pointer: JSONPointer, language: QueryLanguage)
        -> ChoiceState.Branch
    {
        var next = StateReference(name: "", id: nil, pointer: pointer / "Next")
        if object["Next"] == nil {
            diagnostics.append(ParserDiagnostics.missingField("Next", in: "a top-level Choice rule", at: pointer))
        } else if let name = string("Next", in: object, at: pointer) {
            next.name = name
        }
        _ = string("Comment", in: object, at: pointer)
        let assign = assign(in: object, at: pointer, language: language)
        let rule: ChoiceRule?
        var output: JSONataTemplate?
        switch language {
        case .jsonata:
            rule = conditionRule(object, at: pointer)
            if let value = object["Output"], !isPlaceholder(value) {
                output = jsonataTemplate(value, at: pointer / "Output")
            }
        case .jsonPath:
            rule = dataRule(object, at: pointer, isTopLevel: true)
        }
        return ChoiceState.Branch(
            rule: rule ?? ChoiceRule(.or([]), pointer: pointer), next: next, assign: assign, output: output)
    }

    /// A JSONata rule: `Condition` (+ `Next`, `Assign`, `Output`, `Comment`).
    private mutating func conditionRule(_ object: JSONObject, at pointer: JSONPointer) -> ChoiceRule? {
        let allowed = ["Condition", "Next", "Assign", "Output", "Comment"]
        for key in object.keys where !allowed.contains(key) {
            if ComparisonOperator(rawValue: key) != nil || ["Variable", "And", "Or", "Not"].contains(key) {
                diagnostics.append(
                    ParserDiagnostics.choiceRule(
                        "Field \(DiagnosticText.quoted(key)) is not supported in a JSONata Choice rule; use \"Condition\" with a "
                            + "{% %} expression", at: pointer / key, anchor: .key))
            } else {
                let suggestion = NameSuggestion.nearest(key, in: allowed)
                diagnostics.append(
                    ParserDiagnostics.unknownField(
                        key, in: "a JSONata Choice rule", suggestion: suggestion, at: pointer / key))
            }
        }
        guard let value = object["Condition"] else {
            diagnostics.append(ParserDiagnostics.missingField("Condition", in: "a JSONata Choice rule", at: pointer))
            return nil
        }
        switch value {
        case .bool(let flag):
            return ChoiceRule(.condition(.literal(flag)), pointer: pointer)
        case .string(let text) where JSONataExpression.isExpression(text):
            guard let expression = jsonataExpression(text, field: "Condition", at: pointer / "Condition") else {
                return nil
            }
            return ChoiceRule(.condition(.expression(expression)), pointer: pointer)
        case .string(let text):
            if !isPlaceholder(value) {
                diagnostics.append(
                    ParserDiagnostics.notAnExpression(
                        "Condition", text: text, expected: "true, false", at: pointer / "Condition"))
            }
            return nil
        default:
            diagnostics.append(
                ParserDiagnostics.wrongType(
                    "Condition", expected: "a {% %} expression or a boolean", actual: value, at: pointer / "Condition"))
            return nil
        }
    }

    /// A JSONPath rule: a data test (`Variable` + one operator) or `And`/`Or`/`Not`.
    private mutating func dataRule(_ object: JSONObject, at pointer: JSONPointer, isTopLevel: Bool) -> ChoiceRule? {
        let structural = isTopLevel ? Self.topLevelStructuralFields : Self.structuralFields
        var operators: [(ComparisonOperator, JSON)] = []
        for (key, value) in object {
            if let comparison = Self.comparisonOperators[key] {
                operators.append((comparison, value))
            } else if structural.contains(key) {
                continue
            } else if key == "Next" || key == "Assign" {
                diagnostics.append(
                    ParserDiagnostics.choiceRule(
                        "Field \(DiagnosticText.quoted(key)) is only allowed on a top-level Choice rule, not inside And/Or/Not",
                        at: pointer / key, anchor: .key))
            } else if key == "Condition" || key == "Output" {
                diagnostics.append(ParserDiagnostics.fieldOfOtherLanguage(key, language: .jsonPath, at: pointer / key))
            } else {
                let candidates = structural + ComparisonOperator.allCases.map(\.rawValue)
                diagnostics.append(
                    ParserDiagnostics.unknownField(
                        key, in: "a Choice rule", suggestion: NameSuggestion.nearest(key, in: candidates),
                        at: pointer / key))
            }
        }
        let booleans = ["And", "Or", "Not"].filter { object[$0] != nil }
        if let first = booleans.first {
            if booleans.count > 1 {
                diagnostics.append(
                    ParserDiagnostics.choiceRule(
                        "A Choice rule can have only one of \"And\", \"Or\", \"Not\"", at: pointer / booleans[1],
                        anchor: .key))
            }
            if object["Variable"] != nil || !operators.isEmpty {
                let extra = object["Variable"] != nil ? "Variable" : operators[0].0.rawValue
                diagnostics.append(
                    ParserDiagnostics.choiceRule(
                        "A boolean Choice rule (\(DiagnosticText.quoted(first))) must not also have \(DiagnosticText.quoted(extra))",
                        at: pointer / extra,
                        anchor: .key))
            }
            return booleanRule(first, in: object, at: pointer)
        }
        return comparisonRule(object, operators: operators, at: pointer)
    }

    /// The keys of a nested and of a top-level data rule that are not operators.
    private static let structuralFields = ["Variable", "And", "Or", "Not", "Comment"]
    private static let topLevelStructuralFields = structuralFields + ["Next", "Assign"]

    /// `ComparisonOperator(rawValue:)` as one hashed lookup rather than a comparison with every
    /// operator name, for every key of every rule (same `String` equality either way).
    private static let comparisonOperators = [String: ComparisonOperator](
        uniqueKeysWithValues: ComparisonOperator.allCases.map { ($0.rawValue, $0) })

    private mutating func booleanRule(_ key: String, in object: JSONObject, at pointer: JSONPointer) -> ChoiceRule? {
        let value = object[key] ?? .null
        if key == "Not" {
            guard case .object(let nested) = value else {
                diagnostics.append(
                    ParserDiagnostics.choiceRule(
                        "\"Not\" must be a single Choice rule object, not \(value.typeName)", at: pointer / key))
                return nil
            }
            return dataRule(nested, at: pointer / key, isTopLevel: false).map { ChoiceRule(.not($0), pointer: pointer) }
        }
        guard case .array(let elements) = value, !elements.isEmpty else {
            diagnostics.append(
                ParserDiagnostics.choiceRule(
                    "\(DiagnosticText.quoted(key)) must be a non-empty array of Choice rules, not \(describe(value))",
                    at: pointer / key))
            return nil
        }
        var rules: [ChoiceRule] = []
        for (index, element) in elements.enumerated() {
            guard case .object(let nested) = element else {
                diagnostics.append(
                    ParserDiagnostics.choiceRule(
                        "A Choice rule must be an object, not \(element.typeName)", at: pointer / key / index))
                continue
            }
            if let rule = dataRule(nested, at: pointer / key / index, isTopLevel: false) { rules.append(rule) }
        }
        return ChoiceRule(key == "And" ? .and(rules) : .or(rules), pointer: pointer)
    }

    private func describe(_ value: JSON) -> String {
        if case .array = value { return "an empty array" }
        return value.typeName
    }

    private mutating func comparisonRule(
        _ object: JSONObject, operators: [(ComparisonOperator, JSON)], at pointer: JSONPointer
    ) -> ChoiceRule? {
        var variable: Path?
        if object["Variable"] == nil {
            diagnostics.append(
                ParserDiagnostics.missingField("Variable", in: "a Choice rule that compares a value", at: pointer))
        } else {
            variable = path("Variable", in: object, at: pointer)
        }
        guard let (comparison, value) = operators.first else {
            diagnostics.append(
                ParserDiagnostics.choiceRule(
                    "A Choice rule needs exactly one comparison operator (such as \"StringEquals\"), or \"And\", "
                        + "\"Or\" or \"Not\"", at: pointer))
            return nil
        }
        if operators.count > 1 {
            let names = operators.map { DiagnosticText.quoted($0.0.rawValue) }.joined(separator: ", ")
            diagnostics.append(
                ParserDiagnostics.choiceRule(
                    "A Choice rule can have only one comparison operator, but has \(names)",
                    at: pointer / operators[1].0.rawValue, anchor: .key))
        }
        let operand = self.operand(value, of: comparison, at: pointer / comparison.rawValue)
        guard let variable, let operand else { return nil }
        return ChoiceRule(
            .comparison(ChoiceComparison(variable: variable, comparisonOperator: comparison, operand: operand)),
            pointer: pointer)
    }

    /// The operand, checked against ``ComparisonOperator/operandKind``.
    private mutating func operand(
        _ value: JSON, of comparison: ComparisonOperator, at pointerOfValue: @autoclosure () -> JSONPointer
    ) -> ComparisonOperand? {
        var pointer: JSONPointer { pointerOfValue() }
        let name = comparison.rawValue
        switch (comparison.operandKind, value) {
        case (.string, .string(let text)), (.pattern, .string(let text)):
            return .string(text)
        case (.timestamp, .string(let text)):
            return .timestamp(TimestampLiteral(text))
        case (.number, .number(let number)):
            return .number(number)
        case (.boolean, .bool(let flag)):
            return .bool(flag)
        case (.path, .string(let text)):
            return parsePath(text, field: name, at: pointer).map(ComparisonOperand.path)
        default:
            if isPlaceholder(value) { return nil }
            let expected: String
            switch comparison.operandKind {
            case .string: expected = "a string"
            case .timestamp: expected = "a timestamp string"
            case .pattern: expected = "a pattern string"
            case .number: expected = "a number"
            case .boolean: expected = "a boolean"
            case .path: expected = "a path string"
            }
            diagnostics.append(
                ParserDiagnostics.choiceRule(
                    "\(DiagnosticText.quoted(name)) needs \(expected), not \(value.typeName)", at: pointer))
            return nil
        }
    }
}
