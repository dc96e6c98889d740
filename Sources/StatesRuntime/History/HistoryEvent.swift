public import Foundation
public import JSONCore

/// One entry of an execution's history, in the shape `GetExecutionHistory` returns.
///
/// `details` holds payloads as ``JSONCore/JSON`` values; ``json()`` turns them into the JSON text
/// strings AWS writes (`"input": "{\"a\":1}"`). An event AWS writes without details
/// (`LambdaFunctionStarted`, `ParallelStateStarted`, `MapStateSucceeded`, …) has `.none`.
///
///     HistoryEvent(id: 2, previousEventId: 0, timestamp: start, type: .passStateEntered,
///                  details: .stateEntered(.init(name: "Start", input: ["a": 1])))
///     // {"timestamp":1709720954.123,"type":"PassStateEntered","id":2,"previousEventId":0,
///     //  "stateEnteredEventDetails":{"name":"Start","input":"{\"a\":1}",
///     //  "inputDetails":{"truncated":false}}}
///
/// Source: API reference, "HistoryEvent"; shapes and member order from the API model (botocore
/// `service-2.json`); observed values from LocalStack's snapshots recorded on AWS
/// (`tests/aws/services/stepfunctions/v2/**/*.snapshot.json`).
public struct HistoryEvent: Sendable, Hashable {
    /// Position in the history, starting at 1 (API reference: "Events are numbered
    /// sequentially, starting at one").
    public var id: Int
    /// The event this one follows on its path: `0` for `ExecutionStarted` and the first state's
    /// entered event; inside a Map iteration or Parallel branch, the iteration's or branch's own
    /// previous event (see SPEC-NOTES.md §5.2, "previousEventId").
    public var previousEventId: Int
    /// When the event happened (the execution clock's time).
    public var timestamp: Date
    public var type: HistoryEventType
    public var details: Details

    public init(id: Int, previousEventId: Int, timestamp: Date, type: HistoryEventType, details: Details = .none) {
        self.id = id
        self.previousEventId = previousEventId
        self.timestamp = timestamp
        self.type = type
        self.details = details
    }

    /// The details of one event; each case is one details shape of the API model. Which case a
    /// type carries is fixed (``fits(_:)``); the member name comes from the type
    /// (``HistoryEventType/detailsKey``).
    public enum Details: Sendable, Hashable {
        /// No details member.
        case none
        /// `stateEnteredEventDetails` (every `…StateEntered`, `FailStateEntered`).
        case stateEntered(StateEntered)
        /// `stateExitedEventDetails` (every `…StateExited`).
        case stateExited(StateExited)
        /// `executionStartedEventDetails`.
        case executionStarted(ExecutionStarted)
        /// `output` + `outputDetails`: `ExecutionSucceeded`, `LambdaFunctionSucceeded`,
        /// `ActivitySucceeded`.
        case output(Output)
        /// `error` + `cause`: `ExecutionFailed`, `ExecutionAborted`, `ExecutionTimedOut`,
        /// `LambdaFunction{Failed,ScheduleFailed,StartFailed,TimedOut}`,
        /// `Activity{Failed,ScheduleFailed,TimedOut}`, `MapRunFailed`.
        case failure(Failure)
        /// `executionRedrivenEventDetails`.
        case executionRedriven(ExecutionRedriven)
        /// `taskScheduledEventDetails`.
        case taskScheduled(TaskScheduled)
        /// `taskStartedEventDetails`.
        case taskStarted(TaskStarted)
        /// `resourceType`, `resource`, `output`, `outputDetails`: `TaskSucceeded`, `TaskSubmitted`.
        case taskOutput(TaskOutput)
        /// `resourceType`, `resource`, `error`, `cause`: `TaskFailed`, `TaskStartFailed`,
        /// `TaskSubmitFailed`, `TaskTimedOut`.
        case taskFailure(TaskFailure)
        /// `lambdaFunctionScheduledEventDetails`.
        case lambdaFunctionScheduled(LambdaFunctionScheduled)
        /// `activityScheduledEventDetails`.
        case activityScheduled(ActivityScheduled)
        /// `activityStartedEventDetails`.
        case activityStarted(ActivityStarted)
        /// `mapStateStartedEventDetails`.
        case mapStateStarted(MapStateStarted)
        /// `name` + `index`: every `MapIteration…` type.
        case mapIteration(MapIteration)
        /// `mapRunStartedEventDetails`.
        case mapRunStarted(MapRunStarted)
        /// `mapRunRedrivenEventDetails`.
        case mapRunRedriven(MapRunRedriven)
        /// `evaluationFailedEventDetails`.
        case evaluationFailed(EvaluationFailed)

        /// Whether `type` carries details of this case (`.none` fits the types without details).
        public func fits(_ type: HistoryEventType) -> Bool {
            family == type.detailsFamily
        }

        var family: DetailsFamily {
            switch self {
            case .none: .none
            case .stateEntered: .stateEntered
            case .stateExited: .stateExited
            case .executionStarted: .executionStarted
            case .output: .output
            case .failure: .failure
            case .executionRedriven: .executionRedriven
            case .taskScheduled: .taskScheduled
            case .taskStarted: .taskStarted
            case .taskOutput: .taskOutput
            case .taskFailure: .taskFailure
            case .lambdaFunctionScheduled: .lambdaFunctionScheduled
            case .activityScheduled: .activityScheduled
            case .activityStarted: .activityStarted
            case .mapStateStarted: .mapStateStarted
            case .mapIteration: .mapIteration
            case .mapRunStarted: .mapRunStarted
            case .mapRunRedriven: .mapRunRedriven
            case .evaluationFailed: .evaluationFailed
            }
        }

        /// The details object, members in the API model's order; `nil` for `.none`.
        public func json() -> JSON? {
            switch self {
            case .none: nil
            case .stateEntered(let details): details.json()
            case .stateExited(let details): details.json()
            case .executionStarted(let details): details.json()
            case .output(let details): details.json()
            case .failure(let details): details.json()
            case .executionRedriven(let details): details.json()
            case .taskScheduled(let details): details.json()
            case .taskStarted(let details): details.json()
            case .taskOutput(let details): details.json()
            case .taskFailure(let details): details.json()
            case .lambdaFunctionScheduled(let details): details.json()
            case .activityScheduled(let details): details.json()
            case .activityStarted(let details): details.json()
            case .mapStateStarted(let details): details.json()
            case .mapIteration(let details): details.json()
            case .mapRunStarted(let details): details.json()
            case .mapRunRedriven(let details): details.json()
            case .evaluationFailed(let details): details.json()
            }
        }
    }

    /// The case of ``Details`` an event type carries.
    enum DetailsFamily: Sendable, Hashable {
        case none, stateEntered, stateExited, executionStarted, output, failure, executionRedriven
        case taskScheduled, taskStarted, taskOutput, taskFailure, lambdaFunctionScheduled
        case activityScheduled, activityStarted, mapStateStarted, mapIteration, mapRunStarted, mapRunRedriven
        case evaluationFailed
    }

    /// The event object exactly as `GetExecutionHistory` returns it: `timestamp`, `type`, `id`,
    /// `previousEventId`, then the details member (``HistoryEventType/detailsKey``) when the type
    /// has one and `details` is not `.none`.
    ///
    /// `timestamp` is a JSON number of seconds since the Unix epoch with millisecond precision
    /// (`1709720954.123`): the API's wire value ("expressed in seconds and fractional milliseconds
    /// since the Unix epoch", API reference "HistoryEvent"), written as a plain decimal. The AWS
    /// CLI v2 shows the same instant as ISO 8601; that rendering is left to the caller.
    public func json() -> JSON {
        var object = JSONObject()
        object.appendUnchecked(key: "timestamp", value: .number(Self.epochSeconds(timestamp)))
        object.appendUnchecked(key: "type", value: .string(type.rawValue))
        object.appendUnchecked(key: "id", value: .number(JSONNumber(id)))
        object.appendUnchecked(key: "previousEventId", value: .number(JSONNumber(previousEventId)))
        if let key = type.detailsKey, let detailsObject = details.json() {
            object.appendUnchecked(key: key, value: detailsObject)
        }
        return .object(object)
    }

    /// `date` as seconds since 1970 with exactly three decimals (`1709720954.123`, `-0.250`).
    static func epochSeconds(_ date: Date) -> JSONNumber {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded(.toNearestOrAwayFromZero)
        guard milliseconds.isFinite, abs(milliseconds) < 9.0e15 else { return JSONNumber(0) }
        let total = Int64(milliseconds)
        let magnitude = total.magnitude
        let fraction = String(magnitude % 1000)
        let padded = String(repeating: "0", count: 3 - fraction.count) + fraction
        let text = (total < 0 ? "-" : "") + String(magnitude / 1000) + "." + padded
        return JSONNumber(uncheckedText: text, isInteger: false)
    }
}
