public import JSONCore
public import StatesLanguage

/// The errors AWS reports when a path cannot be used, with AWS's exact cause texts.
///
/// Each builder returns the *bare* cause. When a `States.Runtime` error ends an execution, AWS
/// prefixes the cause with where it happened; the executor applies ``decorated(_:stateName:enteredEventID:)``
/// at that point (not to other error names, which `Catch` can see and which AWS leaves bare):
///
///     An error occurred while executing the state 'Pick' (entered at the event id #2). The JSONPath
///     '$.nope' specified for the field 'v.$' could not be found in the input '{"other":1}'
///
/// Inputs are written with ``JSONWriter/compact(_:)`` (AWS's escaping). Note that AWS quotes the
/// state input *as received*: when it is the untouched execution input, that is the text the
/// caller sent, whitespace included; the executor may pass that text to the `String` overloads.
///
/// Sources per builder; all collected in SPEC-NOTES.md §5.3.
public enum EvaluationFailure {
    // MARK: The prefix of States.Runtime causes

    /// Adds AWS's "An error occurred while executing the state …" prefix to a `States.Runtime`
    /// cause; returns other errors unchanged.
    ///
    ///     decorated(StatesError(.runtime, "X"), stateName: "S", enteredEventID: 4)
    ///     // States.Runtime: An error occurred while executing the state 'S' (entered at the event id #4). X
    ///
    /// - Parameters:
    ///   - enteredEventID: The id of the state's `…StateEntered` event; `nil` for Express
    ///     workflows, which have no history: "An error occurred while executing the state 'S'. X".
    /// Source: observed on AWS (LocalStack `FailureEvent.get_execution_failed_event_details`,
    /// AWS-recorded causes quoted in floci tests and user reports).
    public static func decorated(_ error: StatesError, stateName: String, enteredEventID: Int?) -> StatesError {
        guard error.name == .runtime else { return error }
        let prefix =
            if let enteredEventID {
                "An error occurred while executing the state '\(stateName)' (entered at the event id #\(enteredEventID))."
            } else {
                "An error occurred while executing the state '\(stateName)'."
            }
        guard let cause = error.cause, !cause.isEmpty else { return StatesError(.runtime, prefix) }
        return StatesError(.runtime, prefix + " " + cause)
    }

    // MARK: InputPath, OutputPath, TimeoutSecondsPath, HeartbeatSecondsPath

    /// A path field (`InputPath`, `OutputPath`, `TimeoutSecondsPath`, `HeartbeatSecondsPath`) that
    /// selects nothing or cannot be applied: AWS quotes Jayway's message.
    ///
    ///     Invalid path '$.Payload' : No results for path: $['Payload']
    ///     Invalid path '$.a.b' : Missing property in path $['a']
    ///
    /// Source: observed on AWS (OutputPath `$.Payload`, cause quoted in a user report); LocalStack
    /// `InputPath`/`OutputPath`/`TimeoutSecondsPath`/`HeartbeatSecondsPath` (validated tests).
    public static func invalidPath(_ path: Path, _ error: PathEvaluationError) -> StatesError {
        StatesError(.runtime, "Invalid path '\(path.source)' : \(error.message)")
    }

    // MARK: Payload templates and Fail paths

    /// A `"key.$"` path of `Parameters`, `ItemSelector`, `ResultSelector` (field `key.$`), or a
    /// Fail state's `ErrorPath`/`CausePath` (field `ErrorPath`), that selects nothing.
    ///
    ///     The JSONPath '$.x' specified for the field 'x.$' could not be found in the input '{"a":1}'
    ///
    /// Source: observed on AWS (many reports; floci issue 2521 against Step Functions Local;
    /// LocalStack issue 11951 for `ErrorPath`).
    public static func fieldPathNotFound(path: Path, field: String, input: JSON) -> StatesError {
        fieldPathNotFound(path: path, field: field, inputText: JSONWriter.compact(input))
    }

    /// ``fieldPathNotFound(path:field:input:)`` with the input already written.
    public static func fieldPathNotFound(path: Path, field: String, inputText: String) -> StatesError {
        StatesError(
            .runtime,
            "The JSONPath '\(path.source)' specified for the field '\(field)' could not be found in the input '\(inputText)'"
        )
    }

    // MARK: Intrinsic functions

    /// A path argument of an intrinsic function that selects nothing (an index past the end
    /// counts as nothing here). `call` is the whole field value, even when the argument belongs
    /// to a nested call.
    ///
    ///     The function 'States.Format('{}', $.nope)' had the following error: The JsonPath argument
    ///     for the field '$.nope' could not be found in the input '{"other":1}'
    ///
    /// Source: observed on AWS in us-east-1 (floci `StepFunctionsIntrinsicMissingArgumentIntegrationTest`).
    public static func intrinsicArgumentNotFound(call: String, path: Path, input: JSON) -> StatesError {
        intrinsicArgumentNotFound(call: call, path: path, inputText: JSONWriter.compact(input))
    }

    /// ``intrinsicArgumentNotFound(call:path:input:)`` with the input already written.
    public static func intrinsicArgumentNotFound(call: String, path: Path, inputText: String) -> StatesError {
        StatesError(
            .runtime,
            "The function '\(call)' had the following error: "
                + intrinsicArgumentReason(path: path, inputText: inputText))
    }

    /// The reason part alone, which a path argument's resolution throws; the intrinsic's evaluation
    /// puts `The function '…' had the following error: ` in front.
    public static func intrinsicArgumentReason(path: Path, inputText: String) -> String {
        "The JsonPath argument for the field '\(path.source)' could not be found in the input '\(inputText)'"
    }

    // MARK: Choice

    /// A Choice rule whose `Variable`, or whose `…Path` operand, selects nothing.
    ///
    ///     Invalid path '$.value': The choice state's condition path references an invalid value.
    ///
    /// Source: observed on AWS (user reports; ManageIQ/floe fixtures recorded against AWS for both
    /// the Variable and a `NumericEqualsPath` operand).
    public static func choiceInvalidPath(_ path: Path) -> StatesError {
        StatesError(
            .runtime, "Invalid path '\(path.source)': The choice state's condition path references an invalid value.")
    }

    // MARK: ResultPath and ItemsPath

    /// `ResultPath` on an input that is not an object.
    ///
    ///     Unable to apply ReferencePath $.someTaskResult to input "input1"
    ///
    /// Source: observed on AWS (error `States.ReferencePathConflict`, user report).
    public static func resultPathConflict(path: Path, input: JSON) -> StatesError {
        StatesError(
            .referencePathConflict, "Unable to apply ReferencePath \(path.source) to input \(JSONWriter.compact(input))"
        )
    }

    /// A reference-path step that cannot be applied: for `ResultPath`, a member on the way that
    /// holds something other than an object; for `ItemsPath`, a member that is missing.
    ///
    ///     Unable to apply step "objects" to input {"discovery":{"statusCode":500}}
    ///
    /// Source: observed on AWS (`States.ReferencePathConflict` for a Map whose `ItemsPath` member
    /// was missing, several user reports); the `ResultPath` use follows the same step logic.
    public static func referencePathStep(_ step: String, input: JSON) -> StatesError {
        StatesError(.referencePathConflict, "Unable to apply step \"\(step)\" to input \(JSONWriter.compact(input))")
    }

    /// A Map `ItemsPath` that selects nothing: names the first step that cannot be applied.
    public static func itemsPathNotFound(path: Path, input: JSON) -> StatesError {
        var current = input
        for segment in path.segments {
            switch (segment, current) {
            case (.name(let key), .object(let object)):
                guard let next = object[key] else { return referencePathStep(key, input: input) }
                current = next
            case (.index(let index), .array(let elements)):
                let effective = index < 0 ? elements.count + index : index
                guard elements.indices.contains(effective) else {
                    return referencePathStep(String(index), input: input)
                }
                current = elements[effective]
            case (.name(let key), _):
                return referencePathStep(key, input: input)
            default:
                return referencePathStep(JavaText.fragment(segment), input: input)
            }
        }
        return referencePathStep(path.source, input: input)
    }

    /// A Map `ItemsPath` whose value is not an array.
    ///
    ///     Invalid path '$.items' : the value is not a JSON array: {"a":1}
    ///
    /// Not observed on AWS: the text is ours (no recording found); the error name follows the
    /// other `ItemsPath` evaluation errors.
    public static func itemsPathNotArray(path: Path, value: JSON) -> StatesError {
        StatesError(
            .runtime, "Invalid path '\(path.source)' : the value is not a JSON array: \(JSONWriter.compact(value))")
    }

    // MARK: Wait

    /// `SecondsPath` selects nothing: `The SecondsPath parameter does not reference an input value: $.s`.
    /// Source: LocalStack `SecondsPath` (validated tests, PR 12094).
    public static func secondsPathNotFound(path: Path) -> StatesError {
        StatesError(.runtime, "The SecondsPath parameter does not reference an input value: \(path.source)")
    }

    /// `SecondsPath` selects something other than an integer:
    /// `The SecondsPath parameter cannot be parsed as a long value: $.s == abc`.
    /// Source: LocalStack `SecondsPath` (validated tests).
    public static func secondsPathNotInteger(path: Path, value: JSON) -> StatesError {
        StatesError(
            .runtime,
            "The SecondsPath parameter cannot be parsed as a long value: \(path.source) == \(valueText(value))")
    }

    /// `SecondsPath` selects a negative integer:
    /// `The SecondsPath parameter references a negative value: $.s == -1`.
    /// Source: LocalStack `SecondsPath` (validated tests).
    public static func secondsPathNegative(path: Path, value: JSON) -> StatesError {
        StatesError(
            .runtime, "The SecondsPath parameter references a negative value: \(path.source) == \(valueText(value))")
    }

    /// `TimestampPath` selects something that is not a timestamp:
    /// `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.t == soon`.
    /// Source: LocalStack `TimestampPath` (validated tests).
    public static func timestampPathInvalid(path: Path, value: JSON) -> StatesError {
        StatesError(
            .runtime,
            "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: "
                + "\(path.source) == \(valueText(value))")
    }

    /// `TimestampPath` selects nothing: `The TimestampPath parameter does not reference an input value: $.t`.
    /// Not observed on AWS: worded like the `SecondsPath` case.
    public static func timestampPathNotFound(path: Path) -> StatesError {
        StatesError(.runtime, "The TimestampPath parameter does not reference an input value: \(path.source)")
    }

    /// A Wait that would last more than 2³¹ − 1 seconds (``WaitValues/maximumDelaySeconds``):
    /// `Wait state delay is too long.`
    /// Source: observed on AWS for `TimestampPath` (LocalStack snapshot `base/test_wait`,
    /// `test_timestamp_too_far_in_future_boundary[24856]`); applied to every Wait field.
    public static let waitDelayTooLong = StatesError(.runtime, "Wait state delay is too long.")

    // MARK: Task timeouts

    /// `TimeoutSecondsPath` or `HeartbeatSecondsPath` (`field`) selects something other than a
    /// positive integer: `The TimeoutSecondsPath parameter cannot be parsed as a positive integer value: $.t == 0`.
    /// Not observed on AWS: worded like the `SecondsPath` cases. (A path selecting nothing is
    /// ``invalidPath(_:_:)``, as LocalStack's validated tests show.)
    public static func timeoutPathInvalid(field: String, path: Path, value: JSON) -> StatesError {
        StatesError(
            .runtime,
            "The \(field) parameter cannot be parsed as a positive integer value: \(path.source) == \(valueText(value))"
        )
    }

    // MARK: Map limits

    /// `MaxConcurrencyPath` or `ToleratedFailureCountPath` (`field`) selects something that is not
    /// an integer:
    /// `The MaxConcurrencyPath field refers to value "NoNumber" which is not a valid integer: $.limit`.
    /// The value as the Wait messages print it, between double quotes (`"{}"` for an empty object).
    /// Source: observed on AWS (LocalStack snapshot `scenarios/test_base_scenarios`,
    /// `test_max_concurrency_path[NoNumber]`, `…[max_concurrency_value0]`,
    /// `test_map_state_tolerated_failure_count_path[NoNumber]`, `…[tolerated_failure_count_value0]`).
    public static func mapLimitNotInteger(field: String, path: Path, value: JSON) -> StatesError {
        StatesError(
            .runtime,
            "The \(field) field refers to value \"\(valueText(value))\" which is not a valid integer: \(path.source)")
    }

    /// `ToleratedFailurePercentagePath` selects something that is not a number:
    /// `The ToleratedFailurePercentagePath field refers to value "NoNumber" which is not a valid float: $.p`.
    /// Source: observed on AWS (LocalStack snapshot `scenarios/test_base_scenarios`,
    /// `test_map_state_tolerated_failure_percentage_path[NoNumber]`, `…[tolerated_failure_percentage_value0]`).
    public static func mapPercentageNotNumber(path: Path, value: JSON) -> StatesError {
        StatesError(
            .runtime,
            "The ToleratedFailurePercentagePath field refers to value \"\(valueText(value))\" which is not a valid "
                + "float: \(path.source)")
    }

    /// `MaxConcurrencyPath` selects a negative integer:
    /// `Expected non-negative integer for MaxConcurrency, got '-1' instead.`
    /// Not observed on AWS: LocalStack's text (its implementation of `MaxConcurrencyPath`); on AWS
    /// the recorded execution with -1 stopped after `ExecutionStarted` (snapshot
    /// `test_max_concurrency_path_negative`).
    public static func maxConcurrencyNegative(_ value: Int64) -> StatesError {
        StatesError(.runtime, "Expected non-negative integer for MaxConcurrency, got '\(value)' instead.")
    }

    /// `ToleratedFailureCountPath` selects a negative integer: `ToleratedFailureCount cannot be negative.`
    /// Source: observed on AWS (snapshot `test_map_state_tolerated_failure_count_path[-1]`).
    public static let toleratedFailureCountNegative = StatesError(.runtime, "ToleratedFailureCount cannot be negative.")

    /// `ToleratedFailurePercentagePath` selects a number outside 0…100:
    /// `ToleratedFailurePercentage must be between 0 and 100.`
    /// Source: observed on AWS (snapshot `test_map_state_tolerated_failure_percentage_path` with -1.1,
    /// -1 and 100.1).
    public static let toleratedFailurePercentageOutOfRange = StatesError(
        .runtime, "ToleratedFailurePercentage must be between 0 and 100.")

    // MARK: Helpers

    /// A value as the Wait messages print it: a string without quotes, anything else as JSON.
    static func valueText(_ value: JSON) -> String {
        if case .string(let text) = value { return text }
        return JSONWriter.compact(value)
    }
}
