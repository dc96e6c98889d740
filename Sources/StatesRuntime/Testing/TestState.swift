public import JSONCore
public import StatesLanguage

/// What AWS's TestState API reports for a state (`inspectionLevel`).
///
/// Source: AWS Step Functions API reference, "TestState" (`inspectionLevel`): INFO shows the
/// state's output; DEBUG adds the input and output data processing; TRACE adds the HTTP request
/// and response of an HTTP Task, which a local run never makes (SPEC-NOTES.md §15.2).
public enum InspectionLevel: String, Sendable, Hashable, CaseIterable {
    case info = "INFO"
    case debug = "DEBUG"
    case trace = "TRACE"
}

/// TestState's `status` (API reference, `TestExecutionStatus`).
public enum TestExecutionStatus: String, Sendable, Hashable {
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    /// A retrier would retry the error: the test stops before the retry.
    case retriable = "RETRIABLE"
    /// A catcher took the error; `nextState` is its `Next`.
    case caughtError = "CAUGHT_ERROR"
}

/// TestState's `mock.fieldValidationMode` (API reference, `MockInput`).
public enum MockFieldValidationMode: String, Sendable, Hashable, CaseIterable {
    case strict = "STRICT"
    case present = "PRESENT"
    case none = "NONE"
}

/// TestState's `mock`: what the state's work (a Task's service call, a Map's iterations, a
/// Parallel's branches) returns, or the error it ends with.
public struct TestStateMock: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// `mock.result`, parsed.
        case result(JSON)
        /// `mock.errorOutput`: `error` is required, `cause` optional.
        case error(name: String, cause: String?)
    }

    public var outcome: Outcome
    public var fieldValidationMode: MockFieldValidationMode

    public init(_ outcome: Outcome, fieldValidationMode: MockFieldValidationMode = .strict) {
        self.outcome = outcome
        self.fieldValidationMode = fieldValidationMode
    }
}

/// TestState's `stateConfiguration` (API reference, `TestStateConfiguration`).
public struct TestStateConfiguration: Sendable, Hashable {
    /// Retries the matching retrier has made already (≥ 0).
    public var retrierRetryCount: Int?
    /// The state inside a Map or Parallel the mocked error comes from.
    public var errorCausedByState: String?
    /// How many Map iterations failed (≥ 0).
    public var mapIterationFailureCount: Int?
    /// What a Distributed Map's ItemReader read, as found in its source.
    public var mapItemReaderData: String?

    public init(
        retrierRetryCount: Int? = nil, errorCausedByState: String? = nil, mapIterationFailureCount: Int? = nil,
        mapItemReaderData: String? = nil
    ) {
        self.retrierRetryCount = retrierRetryCount
        self.errorCausedByState = errorCausedByState
        self.mapIterationFailureCount = mapIterationFailureCount
        self.mapItemReaderData = mapItemReaderData
    }

    public var isEmpty: Bool {
        retrierRetryCount == nil && errorCausedByState == nil && mapIterationFailureCount == nil
            && mapItemReaderData == nil
    }
}

/// One TestState call: which state of the machine to run, on what, and with which mock.
public struct TestStateRequest: Sendable {
    /// The state to run, anywhere in the machine (inside a Parallel branch or Map processor too).
    public var stateName: String
    public var input: JSON
    public var inspectionLevel: InspectionLevel
    public var mock: TestStateMock?
    /// The workflow variables the state sees (`variables`).
    public var variables: JSONObject
    /// The context object (`$$`) the state sees (`context`); allowed only with a mock.
    public var context: JSON?
    public var configuration: TestStateConfiguration
    /// Checks a Task's mocked result against its integration's response model under
    /// `fieldValidationMode`, returning AWS's message for a mismatch (the runtime knows no
    /// service: `LocalAWS.MockResultSchema.problem` is the one `asl test-state` plugs in).
    public var mockResultCheck: (@Sendable (JSON, TaskResource, MockFieldValidationMode) -> String?)?

    public init(
        stateName: String, input: JSON = .object(JSONObject()), inspectionLevel: InspectionLevel = .info,
        mock: TestStateMock? = nil, variables: JSONObject = JSONObject(), context: JSON? = nil,
        configuration: TestStateConfiguration = TestStateConfiguration()
    ) {
        self.stateName = stateName
        self.input = input
        self.inspectionLevel = inspectionLevel
        self.mock = mock
        self.variables = variables
        self.context = context
        self.configuration = configuration
    }
}

/// A request TestState refuses before running anything, with AWS's exception name and message
/// where they are known (SPEC-NOTES.md §15.7).
public struct TestStateRejection: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case validationException = "ValidationException"
        case invalidDefinition = "InvalidDefinition"
    }

    public var kind: Kind
    /// AWS's message (or ours, where AWS's is not known).
    public var message: String
    /// What to do about it, for a person (not part of AWS's message).
    public var hint: String?

    public init(_ kind: Kind, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    public var description: String { "\(kind.rawValue): \(message)" + (hint.map { " (\($0))" } ?? "") }
}

/// What TestState returns (API reference, `TestStateOutput`).
public struct TestStateResult: Sendable {
    public var status: TestExecutionStatus
    /// The state's output (SUCCEEDED and CAUGHT_ERROR).
    public var output: JSON?
    public var error: String?
    public var cause: String?
    /// The state to go to next; absent after an `End`, a failure or a retriable error.
    public var nextState: String?
    /// DEBUG and TRACE only: the fields of `InspectionData`, already in AWS's form (JSON values
    /// as JSON text).
    public var inspectionData: JSONObject?

    /// The response as AWS writes it: `output` and the data fields of `inspectionData` are JSON
    /// text (strings), absent fields are left out.
    public var json: JSON {
        var object = JSONObject()
        if let output { object["output"] = .string(JSONWriter.compact(output)) }
        if let error { object["error"] = .string(error) }
        if let cause { object["cause"] = .string(cause) }
        if let inspectionData { object["inspectionData"] = .object(inspectionData) }
        if let nextState { object["nextState"] = .string(nextState) }
        object["status"] = .string(status.rawValue)
        return .object(object)
    }
}
