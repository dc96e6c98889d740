import JSONCore

// The rule ids for the strings ASL compiles (paths, payload templates, intrinsic calls, JSONata
// text), with every message they produce at the bottom of this file.

extension RuleID {
    /// ASL-E300: a path field (`InputPath`, `"key.$"`, `Variable`, `ItemsPath`, …) is not valid
    /// JSONPath. Source: AWS Step Functions Developer Guide, "Paths in Amazon States Language"
    /// and "Reference Paths".
    public static let invalidPath: RuleID = "ASL-E300"
    /// ASL-E301: an intrinsic function call is malformed: unknown function (with did-you-mean),
    /// unbalanced quotes or parentheses, a bad literal. AWS rejects these at creation
    /// (`SCHEMA_VALIDATION_FAILED: The value for the field 'x.$' must be a valid JSONPath or a
    /// valid intrinsic function call`, recorded in LocalStack's AWS snapshots).
    /// Source: Developer Guide, "Intrinsic functions for JSONPath in Step Functions".
    public static let invalidIntrinsic: RuleID = "ASL-E301"
    /// ASL-W301 (warning): a well-formed intrinsic call whose argument count or literal argument
    /// types the function does not take (`States.MathAdd($.a, 'x')`, `States.UUID(1)`,
    /// `States.Hash($.a, 'SHA-999')`). AWS accepts the definition and fails the call at run time
    /// with States.Runtime (SPEC-NOTES §5.4, conformance cases ARANGE-010, MADD-020, HASH-022/024,
    /// B64E-017), so it is not an error.
    public static let intrinsicArgumentAdvisory: RuleID = "ASL-W301"
    /// ASL-E302: a `"key.$"` field whose value is not a string. Source: Developer Guide,
    /// "Manipulate parameters in Step Functions workflows" (Parameters: "the value must be a path").
    public static let dynamicFieldNotString: RuleID = "ASL-E302"
    /// ASL-E303: a `{% … %}` JSONata string whose text is not well formed (unbalanced brackets,
    /// unclosed string or comment, empty). Source: Developer Guide, "Transforming data with
    /// JSONata in Step Functions".
    public static let invalidJSONata: RuleID = "ASL-E303"
    /// ASL-E305: a JSONata expression AWS refuses at creation although it compiles
    /// (UNSUPPORTED_JSONATA_EXPRESSION): a top-level field reference, `$$`, or `$states.errorOutput`
    /// outside a Catcher. Source: SPEC-NOTES 13.3 §4.3 (floci, measured on AWS).
    public static let unsupportedJSONata: RuleID = "ASL-E305"
    /// ASL-E304: a `"key.$"` (or path field) whose path is valid JSONPath but not allowed in that
    /// position (e.g. a non-reference path where a Reference Path is required). Reserved.
    /// Source: Developer Guide, "Reference Paths".
    public static let pathNotAllowedHere: RuleID = "ASL-E304"
    /// ASL-W300 (warning): a valid path that AWS evaluates differently from what it seems to say:
    /// an unquoted word in a filter (compared as a string), a negative index (selects nothing on
    /// AWS), a path function such as `length()` (read as a member name). Source: Jayway JsonPath 2.0.0 `Criteria.create` and `ArrayPathToken`; AWS executions
    /// cited in SPEC-NOTES.md §3.
    public static let pathAdvisory: RuleID = "ASL-W300"
}

extension Diagnostic {
    /// ASL-E300 for a path field: `"InputPath" has invalid path "$.a[": expected ']' at column 5`.
    static func invalidPath(field: String, text: String, error: PathSyntaxError, at pointer: JSONPointer)
        -> Diagnostic
    {
        Diagnostic(
            rule: .invalidPath, severity: .error,
            message:
                "\(DiagnosticText.quoted(field)) has invalid path \(DiagnosticText.quoted(text)): \(error.message) at column \(error.offset + 1)",
            pointer: pointer)
    }

    /// ASL-E301 for an intrinsic call: `"Msg.$" has invalid intrinsic call: Unknown intrinsic function …`.
    static func invalidIntrinsic(field: String, text: String, error: IntrinsicSyntaxError, at pointer: JSONPointer)
        -> Diagnostic
    {
        var fixIt: String?
        if let suggestion = error.suggestion { fixIt = "use \(DiagnosticText.quoted(suggestion))" }
        return Diagnostic(
            rule: .invalidIntrinsic, severity: .error,
            message:
                "\(DiagnosticText.quoted(field)) has invalid intrinsic call \(DiagnosticText.quoted(text)): \(error.message) at column \(error.offset + 1)",
            pointer: pointer, fixIt: fixIt)
    }

    /// ASL-W301, one per argument problem of the intrinsic call `text` in `field` (nothing for a path).
    public static func intrinsicArgumentProblems(field: String, text: String, at pointer: JSONPointer) -> [Diagnostic] {
        IntrinsicCall.argumentProblems(in: text).map { problem in
            Diagnostic(
                rule: .intrinsicArgumentAdvisory, severity: .warning,
                message:
                    "\(DiagnosticText.quoted(field)) calls \(DiagnosticText.quoted(text)), which can only fail: \(problem.message) at column \(problem.offset + 1); "
                    + "AWS accepts the definition and the call fails at run time with States.Runtime",
                pointer: pointer)
        }
    }

    /// ASL-E300/E301 for the value of a `"key.$"` field, by what kind of string it is.
    static func invalidDynamicValue(key: String, text: String, error: DynamicValueError, at pointer: JSONPointer)
        -> Diagnostic
    {
        switch error.kind {
        case .invalidPath(let pathError):
            return invalidPath(field: key, text: text, error: pathError, at: pointer)
        case .invalidIntrinsic(let callError):
            return invalidIntrinsic(field: key, text: text, error: callError, at: pointer)
        case .notPathOrIntrinsic:
            return Diagnostic(
                rule: .invalidPath, severity: .error,
                message:
                    "\(DiagnosticText.quoted(key)) has value \(DiagnosticText.quoted(text)), which is neither a path nor an intrinsic function call",
                pointer: pointer,
                notes: [DiagnosticNote("a key ending in \".$\" takes a path ($…, $$…, $name…) or States.…(…)")],
                fixIt: "remove \".$\" from the key to use the string as written")
        }
    }

    /// ASL-E302: `"Input.$" must be a string (a path or intrinsic call), not number`; points at the key.
    static func dynamicFieldNotString(key: String, type: String, at pointer: JSONPointer) -> Diagnostic {
        Diagnostic(
            rule: .dynamicFieldNotString, severity: .error,
            message:
                "\(DiagnosticText.quoted(key)) must be a string holding a path or intrinsic function call, not \(type)",
            pointer: pointer, anchor: .key,
            fixIt: "remove \".$\" from the key to use the value as written")
    }

    /// ASL-E303: `"Output" has invalid JSONata expression: Expected "]", got ","`, located at the
    /// failing token inside the string (AWS: INVALID_JSONATA_EXPRESSION with the engine's message).
    static func invalidJSONata(field: String, error: JSONataSyntaxError, at pointer: JSONPointer) -> Diagnostic {
        var diagnostic = Diagnostic(
            rule: .invalidJSONata, severity: .error,
            message: "\(DiagnosticText.quoted(field)) has invalid JSONata expression: \(error.message)",
            pointer: pointer, fixIt: "correct the expression between {% and %}")
        diagnostic.offsetInValue = error.offset
        return diagnostic
    }

    /// ASL-E305: `"Output" has unsupported JSONata expression: Reference to 'phone' at the top level
    /// is not supported.`, located at the reference inside the string.
    static func unsupportedJSONata(field: String, reason: String, fixIt: String, offset: Int, at pointer: JSONPointer)
        -> Diagnostic
    {
        var diagnostic = Diagnostic(
            rule: .unsupportedJSONata, severity: .error,
            message: "\(DiagnosticText.quoted(field)) has unsupported JSONata expression: \(reason)",
            pointer: pointer, fixIt: fixIt)
        diagnostic.offsetInValue = offset
        return diagnostic
    }

    /// ASL-W300, one per advisory of a path (or of an intrinsic call's path arguments) in `field`.
    public static func pathAdvisories(field: String, _ advisories: [PathAdvisory], at pointer: JSONPointer)
        -> [Diagnostic]
    {
        advisories.map { advisory in
            switch advisory {
            case .unquotedWord(let word):
                Diagnostic(
                    rule: .pathAdvisory, severity: .warning,
                    message:
                        "\(DiagnosticText.quoted(field)) compares with the unquoted word \(DiagnosticText.name(word)), which AWS reads as the string '\(DiagnosticText.name(word))'",
                    pointer: pointer, fixIt: "write '\(DiagnosticText.name(word))' in quotes")
            case .negativeIndex(let index):
                Diagnostic(
                    rule: .pathAdvisory, severity: .warning,
                    message:
                        "\(DiagnosticText.quoted(field)) uses the index [\(index)], which AWS does not count from the end: it finds nothing there (null in a payload field, InputPath or OutputPath; a failure in an intrinsic argument, in Choice or before a further step)",
                    pointer: pointer, fixIt: "use [(@.length\(index))] to count from the end")
            case .pathFunction(let member):
                Diagnostic(
                    rule: .pathAdvisory, severity: .warning,
                    message:
                        "\(DiagnosticText.quoted(field)) uses \(DiagnosticText.name(member)), but AWS evaluates no path functions: it looks for a member named '\(DiagnosticText.name(member))'",
                    pointer: pointer, fixIt: "use an intrinsic such as States.ArrayLength, or JSONata")
            }
        }
    }

    /// ASL-E304: `"ResultPath" needs a reference path, but "$.a[*]" can select several values`.
    static func pathNotAllowedHere(field: String, path: Path, requirement: String, at pointer: JSONPointer)
        -> Diagnostic
    {
        Diagnostic(
            rule: .pathNotAllowedHere, severity: .error,
            message:
                "\(DiagnosticText.quoted(field)) needs \(requirement), but \(DiagnosticText.quoted(path.source)) is not one",
            pointer: pointer)
    }
}
