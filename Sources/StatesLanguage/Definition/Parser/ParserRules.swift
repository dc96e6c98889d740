import JSONCore

// The structural rules the definition parser reports (ASL-E100…E111), their registry entries,
// and every message they produce (`ParserDiagnostics`, at the bottom of this file). The
// decisions behind each rule are in SPEC-NOTES.md §2.

extension RuleID {
    /// ASL-E100: the document is not an object, lacks `StartAt`/`States`, or `States` is not a
    /// non-empty object; likewise for a Parallel branch and a Map `ItemProcessor`.
    public static let definitionShape: RuleID = "ASL-E100"
    /// ASL-E101: a field no object of that kind has (with did-you-mean).
    public static let unknownField: RuleID = "ASL-E101"
    /// ASL-E102: a state field that this state type does not accept.
    public static let fieldNotAllowedForType: RuleID = "ASL-E102"
    /// ASL-E103: a field of the other query language (`Arguments` in JSONPath, `InputPath` in JSONata).
    public static let fieldOfOtherQueryLanguage: RuleID = "ASL-E103"
    /// ASL-E104: `StartAt`, `Next`, `Default` or a Catcher's `Next` names no state of its scope.
    public static let unknownStateReference: RuleID = "ASL-E104"
    /// ASL-E105: a field has the wrong JSON type (or a decimal where an integer is required).
    public static let wrongFieldType: RuleID = "ASL-E105"
    /// ASL-E106: a required field is missing.
    public static let missingRequiredField: RuleID = "ASL-E106"
    /// ASL-E107: two fields that exclude each other are both present.
    public static let mutuallyExclusiveFields: RuleID = "ASL-E107"
    /// ASL-E108: a Pass, Task, Wait, Parallel or Map state has neither `Next` nor `"End": true`.
    public static let missingTransition: RuleID = "ASL-E108"
    /// ASL-E109: a field holds a value outside its enumeration (`Type`, `QueryLanguage`, …).
    public static let invalidEnumValue: RuleID = "ASL-E109"
    /// ASL-E110: a Choice rule is malformed (operators, operand types, `Next` placement, And/Or/Not).
    public static let invalidChoiceRule: RuleID = "ASL-E110"
    /// ASL-E111: a state declares `QueryLanguage: "JSONPath"` in a JSONata state machine.
    public static let queryLanguageDowngrade: RuleID = "ASL-E111"
}

extension RuleDescription {
    /// The rules ``DefinitionParser`` applies while building the graph.
    public static let parserRules: [RuleDescription] = [
        RuleDescription(
            id: .definitionShape, severity: .error,
            summary: "The definition, a branch or an ItemProcessor lacks StartAt/States or is not an object",
            source: "ASL spec, Top-level fields; AWS: \"These fields are required: [States, StartAt]\""),
        RuleDescription(
            id: .unknownField, severity: .error, summary: "Unknown field (with did-you-mean)",
            source: "ASL spec, field lists per state; AWS: \"Field 'X' is not supported\""),
        RuleDescription(
            id: .fieldNotAllowedForType, severity: .error,
            summary: "A state field that this state type does not accept",
            source: "ASL spec, state type sections; AWS developer guide, per-state field tables"),
        RuleDescription(
            id: .fieldOfOtherQueryLanguage, severity: .error,
            summary: "A field of the other query language (JSONPath vs JSONata)",
            source:
                "AWS developer guide, Transforming data with JSONata; AWS: \"not supported when QueryLanguage is …\""),
        RuleDescription(
            id: .unknownStateReference, severity: .error,
            summary: "StartAt, Next, Default or Catch Next names no state in the same scope",
            source: "ASL spec, Transitions; AWS: MISSING_TRANSITION_TARGET"),
        RuleDescription(
            id: .wrongFieldType, severity: .error, summary: "A field has the wrong JSON type",
            source: "ASL spec, field definitions; AWS: SCHEMA_VALIDATION_FAILED"),
        RuleDescription(
            id: .missingRequiredField, severity: .error, summary: "A required field is missing",
            source: "ASL spec, field definitions; AWS: \"The field 'X' is required but was missing\""),
        RuleDescription(
            id: .mutuallyExclusiveFields, severity: .error,
            summary: "Two mutually exclusive fields are both present (Next/End, Error/ErrorPath, …)",
            source: "ASL spec, Task/Wait/Fail/Map state; statelint \"MUST have only one of\""),
        RuleDescription(
            id: .missingTransition, severity: .error,
            summary: "A Pass, Task, Wait, Parallel or Map state has neither Next nor \"End\": true",
            source: "ASL spec, Transitions"),
        RuleDescription(
            id: .invalidEnumValue, severity: .error,
            summary: "A value outside its enumeration (Type, QueryLanguage, JitterStrategy, Map configs)",
            source: "ASL spec; AWS: \"The field 'Type' should have one of these values: […]\""),
        RuleDescription(
            id: .invalidChoiceRule, severity: .error,
            summary: "A malformed Choice rule (operators, operand types, Next placement, And/Or/Not)",
            source: "ASL spec, Choice Rules; AWS developer guide, Choice workflow state"),
        RuleDescription(
            id: .queryLanguageDowngrade, severity: .error,
            summary: "A state sets QueryLanguage JSONPath in a JSONata state machine",
            source: "AWS: \"'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine\""),
    ]
}

/// The parser's message catalog: one factory per message, so wording lives in one place.
enum ParserDiagnostics {
    static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { " (did you mean \(DiagnosticText.quoted($0))?)" } ?? ""
    }

    private static func fixIt(_ suggestion: String?) -> String? {
        suggestion.map { "use \(DiagnosticText.quoted($0))" }
    }

    // MARK: ASL-E100

    static func notAnObject(_ json: JSON, what: String, at pointer: JSONPointer) -> Diagnostic {
        Diagnostic(
            rule: .definitionShape, severity: .error,
            message: "\(what) must be a JSON object, not \(json.typeName)", pointer: pointer)
    }

    /// `These fields are required: [States, StartAt]`, AWS's wording, naming the object.
    static func missingScopeFields(_ fields: [String], what: String, at pointer: JSONPointer) -> Diagnostic {
        let list = fields.joined(separator: ", ")
        return Diagnostic(
            rule: .definitionShape, severity: .error,
            message: "\(what) is missing required fields; these fields are required: [\(list)]", pointer: pointer)
    }

    static func emptyStates(what: String, at pointer: JSONPointer) -> Diagnostic {
        Diagnostic(
            rule: .definitionShape, severity: .error,
            message: "\"States\" of \(what) must contain at least one state", pointer: pointer)
    }

    static func scopeFieldType(_ field: String, expected: String, actual: JSON, at pointer: JSONPointer)
        -> Diagnostic
    {
        Diagnostic(
            rule: .definitionShape, severity: .error,
            message: "\(DiagnosticText.quoted(field)) must be \(expected), not \(actual.typeName)", pointer: pointer)
    }

    // MARK: ASL-E101 … E103

    static func unknownField(_ key: String, in owner: String, suggestion: String?, at pointer: JSONPointer)
        -> Diagnostic
    {
        Diagnostic(
            rule: .unknownField, severity: .error,
            message: "Field \(DiagnosticText.quoted(key)) is not supported in \(owner)\(didYouMean(suggestion))",
            pointer: pointer, anchor: .key, fixIt: fixIt(suggestion))
    }

    static func fieldNotAllowed(_ key: String, kind: StateKind, at pointer: JSONPointer) -> Diagnostic {
        Diagnostic(
            rule: .fieldNotAllowedForType, severity: .error,
            message: "Field \(DiagnosticText.quoted(key)) is not supported in a \(kind.rawValue) state",
            pointer: pointer, anchor: .key, fixIt: "remove \(DiagnosticText.quoted(key))")
    }

    static func fieldOfOtherLanguage(_ key: String, language: QueryLanguage, at pointer: JSONPointer)
        -> Diagnostic
    {
        let other: QueryLanguage = language == .jsonPath ? .jsonata : .jsonPath
        return Diagnostic(
            rule: .fieldOfOtherQueryLanguage, severity: .error,
            message: "Field \(DiagnosticText.quoted(key)) is not supported when QueryLanguage is \(language.rawValue)",
            pointer: pointer, anchor: .key,
            notes: [
                DiagnosticNote(
                    "\(DiagnosticText.quoted(key)) is only supported when QueryLanguage is \(other.rawValue)")
            ],
            fixIt: replacementHint(for: key, in: language))
    }

    private static func replacementHint(for key: String, in language: QueryLanguage) -> String? {
        switch (key, language) {
        case ("Arguments", .jsonPath): "use \"Parameters\""
        case ("Output", .jsonPath): "use \"OutputPath\" or \"ResultSelector\""
        case ("Parameters", .jsonata): "use \"Arguments\""
        case ("InputPath", .jsonata), ("OutputPath", .jsonata), ("ResultSelector", .jsonata),
            ("ResultPath", .jsonata):
            "use \"Output\" (and \"Arguments\") with {% %} expressions"
        default: nil
        }
    }

    // MARK: ASL-E104

    static func unknownReference(
        field: String, owner: String?, target: String, suggestion: String?, notes: [DiagnosticNote],
        at pointer: JSONPointer
    ) -> Diagnostic {
        let subject =
            owner.map { "State \(DiagnosticText.quoted($0)) has \(field) \(DiagnosticText.quoted(target))" }
            ?? "\(field) \(DiagnosticText.quoted(target))"
        return Diagnostic(
            rule: .unknownStateReference, severity: .error,
            message: "\(subject), which is not a state in this scope\(didYouMean(suggestion))",
            pointer: pointer, notes: notes, fixIt: fixIt(suggestion))
    }

    // MARK: ASL-E105

    static func wrongType(_ field: String, expected: String, actual: JSON, at pointer: JSONPointer) -> Diagnostic {
        Diagnostic(
            rule: .wrongFieldType, severity: .error,
            message: "\(DiagnosticText.quoted(field)) must be \(expected), not \(actual.typeName)", pointer: pointer)
    }

    static func notAnInteger(_ field: String, number: JSONNumber, at pointer: JSONPointer) -> Diagnostic {
        Diagnostic(
            rule: .wrongFieldType, severity: .error,
            message: "\(DiagnosticText.quoted(field)) must be an integer, not \(DiagnosticText.name(number.text))",
            pointer: pointer)
    }

    /// A warning: `1.0` where an integer is required; whether AWS accepts it is unconfirmed.
    static func integralDecimal(_ field: String, number: JSONNumber, value: Int64, at pointer: JSONPointer)
        -> Diagnostic
    {
        Diagnostic(
            rule: .wrongFieldType, severity: .warning,
            message:
                "\(DiagnosticText.quoted(field)) should be written as an integer (\(value)), not \(DiagnosticText.name(number.text))",
            pointer: pointer,
            notes: [DiagnosticNote("the States Language requires an integer; AWS may reject a decimal literal")],
            fixIt: "write \(value)")
    }

    static func integerOutOfRange(_ field: String, number: JSONNumber, at pointer: JSONPointer) -> Diagnostic {
        Diagnostic(
            rule: .wrongFieldType, severity: .error,
            message:
                "\(DiagnosticText.quoted(field)) is too large: \(DiagnosticText.name(number.text)) does not fit in a 64-bit integer",
            pointer: pointer)
    }

    static func emptyArray(_ field: String, at pointer: JSONPointer) -> Diagnostic {
        Diagnostic(
            rule: .wrongFieldType, severity: .error,
            message: "\(DiagnosticText.quoted(field)) must be a non-empty array", pointer: pointer)
    }

    static func notAnExpression(_ field: String, text: String, expected: String, at pointer: JSONPointer)
        -> Diagnostic
    {
        Diagnostic(
            rule: .wrongFieldType, severity: .error,
            message:
                "\(DiagnosticText.quoted(field)) must be \(expected) or a JSONata expression \"{% … %}\", not the string \(DiagnosticText.quoted(text))",
            pointer: pointer)
    }

    // MARK: ASL-E106

    static func missingField(_ field: String, in owner: String, at pointer: JSONPointer) -> Diagnostic {
        Diagnostic(
            rule: .missingRequiredField, severity: .error,
            message: "The field \(DiagnosticText.quoted(field)) is required in \(owner) but was missing",
            pointer: pointer)
    }

    static func missingOneOf(_ fields: [String], in owner: String, at pointer: JSONPointer) -> Diagnostic {
        let list = fields.map { DiagnosticText.quoted($0) }.joined(separator: ", ")
        return Diagnostic(
            rule: .missingRequiredField, severity: .error,
            message: "\(owner) must have one of \(list)", pointer: pointer)
    }

    // MARK: ASL-E107

    static func exclusiveFields(_ first: String, _ second: String, at pointer: JSONPointer) -> Diagnostic {
        Diagnostic(
            rule: .mutuallyExclusiveFields, severity: .error,
            message:
                "Fields \(DiagnosticText.quoted(first)) and \(DiagnosticText.quoted(second)) cannot both be present",
            pointer: pointer,
            anchor: .key, fixIt: "keep only one of \(DiagnosticText.quoted(first)) and \(DiagnosticText.quoted(second))"
        )
    }

    // MARK: ASL-E108

    static func missingTransition(state: String, kind: StateKind, at pointer: JSONPointer) -> Diagnostic {
        Diagnostic(
            rule: .missingTransition, severity: .error,
            message:
                "\(kind.rawValue) state \(DiagnosticText.quoted(state)) must have either \"Next\" or \"End\": true",
            pointer: pointer, fixIt: "add \"Next\": \"<state>\" or \"End\": true")
    }

    static func endNotTrue(state: String, at pointer: JSONPointer) -> Diagnostic {
        Diagnostic(
            rule: .missingTransition, severity: .error,
            message:
                "State \(DiagnosticText.quoted(state)) has \"End\": false, which does not end it; \"End\" must be true",
            pointer: pointer, fixIt: "use \"End\": true or replace \"End\" with \"Next\"")
    }

    // MARK: ASL-E109

    static func invalidEnum(
        _ field: String, value: String, allowed: [String], suggestion: String?, at pointer: JSONPointer
    ) -> Diagnostic {
        let list = allowed.joined(separator: ", ")
        return Diagnostic(
            rule: .invalidEnumValue, severity: .error,
            message:
                "The field \(DiagnosticText.quoted(field)) should have one of these values: [\(list)], not \(DiagnosticText.quoted(value))"
                + didYouMean(suggestion),
            pointer: pointer, fixIt: fixIt(suggestion))
    }

    // MARK: ASL-E110

    static func choiceRule(_ message: String, at pointer: JSONPointer, anchor: DiagnosticAnchor = .value)
        -> Diagnostic
    {
        Diagnostic(rule: .invalidChoiceRule, severity: .error, message: message, pointer: pointer, anchor: anchor)
    }

    // MARK: ASL-E111

    static func queryLanguageDowngrade(state: String, at pointer: JSONPointer) -> Diagnostic {
        Diagnostic(
            rule: .queryLanguageDowngrade, severity: .error,
            message:
                "State \(DiagnosticText.quoted(state)): 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
            pointer: pointer, fixIt: "remove \"QueryLanguage\" from the state and rewrite its fields in JSONata")
    }
}
