public import JSONCore
public import StatesLanguage
public import StatesRuntime

/// Checks a mocked Task result against the response model of the integration it stands for, as
/// AWS's TestState does under `mock.fieldValidationMode` (SPEC-NOTES.md §15.3): STRICT (the
/// default) requires the model's required fields and checks the types of the fields present,
/// PRESENT checks only the fields present, NONE nothing. Fields the model does not have pass
/// (observed: `{"random": "json"}` passes for `events:putEvents`).
///
/// Models are known for the request-response pattern of `lambda:invoke`, `sns:publish`,
/// `sqs:sendMessage`, `events:putEvents`, `states:startExecution`, `glue:startJobRun` and
/// `athena:startQueryExecution` (each service's API reference, output shape; field names as
/// Step Functions writes them, first letter upper-case); any other resource is not checked.
///
/// Messages are AWS's (observed, LocalStack snapshots `test_state/test_field_validation_mode`,
/// `test_field_validation_mode_present`): `Mock result schema validation error: Field 'X' must be
/// a string`, `… Required field 'X' is missing`, `… Field 'X' is smaller than the minimum length`.
public enum MockResultSchema {
    /// The problem with `result` for `resource`, or `nil` when it conforms (or no model is known).
    public static func problem(_ result: JSON, resource: TaskResource, mode: MockFieldValidationMode) -> String? {
        guard mode != .none, resource.pattern == .requestResponse, let key = resource.integrationKey,
            let shape = models[key], case .object = result
        else { return nil }
        return check(result, shape, field: nil, mode: mode)
    }

    indirect enum Shape: Sendable {
        case string(minimumLength: Int)
        case integer
        /// Any JSON value (a Lambda function's `Payload`, which Step Functions returns as JSON).
        case any
        case list(Shape)
        case structure([(String, Shape)], required: [String])
    }

    static let models: [String: Shape] = [
        "lambda:invoke": .structure(
            [
                ("StatusCode", .integer), ("FunctionError", .string(minimumLength: 0)),
                ("LogResult", .string(minimumLength: 0)), ("Payload", .any),
                ("ExecutedVersion", .string(minimumLength: 1)),
            ], required: []),
        "sns:publish": .structure(
            [("MessageId", .string(minimumLength: 0)), ("SequenceNumber", .string(minimumLength: 0))], required: []),
        "sqs:sendMessage": .structure(
            [
                ("MD5OfMessageBody", .string(minimumLength: 0)), ("MD5OfMessageAttributes", .string(minimumLength: 0)),
                ("MD5OfMessageSystemAttributes", .string(minimumLength: 0)), ("MessageId", .string(minimumLength: 0)),
                ("SequenceNumber", .string(minimumLength: 0)),
            ], required: []),
        "events:putEvents": .structure(
            [
                ("FailedEntryCount", .integer),
                (
                    "Entries",
                    .list(
                        .structure(
                            [
                                ("EventId", .string(minimumLength: 0)), ("ErrorCode", .string(minimumLength: 0)),
                                ("ErrorMessage", .string(minimumLength: 0)),
                            ], required: []))
                ),
            ], required: []),
        // A timestamp is written as a string (observed: "Field 'StartDate' must be a string").
        "states:startExecution": .structure(
            [("ExecutionArn", .string(minimumLength: 1)), ("StartDate", .string(minimumLength: 0))],
            required: ["ExecutionArn", "StartDate"]),
        "glue:startJobRun": .structure([("JobRunId", .string(minimumLength: 1))], required: []),
        "athena:startQueryExecution": .structure([("QueryExecutionId", .string(minimumLength: 1))], required: []),
    ]

    private static func check(_ value: JSON, _ shape: Shape, field: String?, mode: MockFieldValidationMode)
        -> String?
    {
        let name = field ?? "result"
        switch shape {
        case .any:
            return nil
        case .string(let minimum):
            guard case .string(let text) = value else { return message("Field '\(name)' must be a string") }
            return text.count < minimum ? message("Field '\(name)' is smaller than the minimum length") : nil
        case .integer:
            guard value.numberValue?.integralValue != nil else { return message("Field '\(name)' must be a number") }
            return nil
        case .list(let element):
            guard case .array(let items) = value else { return message("Field '\(name)' must be an array") }
            for item in items {
                if let problem = check(item, element, field: field, mode: mode) { return problem }
            }
            return nil
        case .structure(let members, let required):
            guard case .object(let object) = value else { return message("Field '\(name)' must be an object") }
            if mode == .strict {
                for key in required where object[key] == nil {
                    return message("Required field '\(key)' is missing")
                }
            }
            for (key, member) in object {
                guard let memberShape = members.first(where: { $0.0 == key })?.1 else { continue }
                if let problem = check(member, memberShape, field: key, mode: mode) { return problem }
            }
            return nil
        }
    }

    private static func message(_ text: String) -> String { "Mock result schema validation error: \(text)" }
}
