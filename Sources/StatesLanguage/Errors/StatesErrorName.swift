import JSONCore

/// An error name as Retry/Catch `ErrorEquals` and Fail `Error` use it: one of the predefined
/// `States.*` names or any name a task reports.
///
/// Source: ASL specification, "Errors"; AWS developer guide, "Error handling in Step Functions".
public struct StatesErrorName: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }

    /// Names match by code units, as AWS's `ErrorEquals` does (Java `String.equals`): `"Caf\u{E9}"`
    /// does not match `"Cafe\u{301}"` (SPEC-NOTES §1 "String equality").
    public static func == (lhs: StatesErrorName, rhs: StatesErrorName) -> Bool {
        lhs.rawValue.hasSameCodeUnits(as: rhs.rawValue)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(CodeUnitString(rawValue)) }

    public static let all: StatesErrorName = "States.ALL"
    public static let heartbeatTimeout: StatesErrorName = "States.HeartbeatTimeout"
    public static let timeout: StatesErrorName = "States.Timeout"
    public static let taskFailed: StatesErrorName = "States.TaskFailed"
    public static let permissions: StatesErrorName = "States.Permissions"
    public static let resultPathMatchFailure: StatesErrorName = "States.ResultPathMatchFailure"
    public static let parameterPathFailure: StatesErrorName = "States.ParameterPathFailure"
    public static let queryEvaluationError: StatesErrorName = "States.QueryEvaluationError"
    public static let branchFailed: StatesErrorName = "States.BranchFailed"
    public static let noChoiceMatched: StatesErrorName = "States.NoChoiceMatched"
    public static let intrinsicFailure: StatesErrorName = "States.IntrinsicFailure"
    public static let exceedToleratedFailureThreshold: StatesErrorName = "States.ExceedToleratedFailureThreshold"
    public static let itemReaderFailed: StatesErrorName = "States.ItemReaderFailed"
    public static let resultWriterFailed: StatesErrorName = "States.ResultWriterFailed"
    public static let runtime: StatesErrorName = "States.Runtime"
    public static let dataLimitExceeded: StatesErrorName = "States.DataLimitExceeded"
    /// A `ResultPath` (or `ItemsPath`) step cannot be applied to the input. Not in the developer
    /// guide's list, but what AWS reports (observed: "Unable to apply ReferencePath $.someTaskResult
    /// to input \"input1\""); `States.ALL` matches it.
    public static let referencePathConflict: StatesErrorName = "States.ReferencePathConflict"

    /// Every predefined `States.*` name, in the order the developer guide lists them.
    public static let predefined: [StatesErrorName] = [
        .all, .dataLimitExceeded, .exceedToleratedFailureThreshold, .heartbeatTimeout, .intrinsicFailure,
        .itemReaderFailed, .noChoiceMatched, .parameterPathFailure, .permissions, .queryEvaluationError,
        .resultPathMatchFailure, .resultWriterFailed, .runtime, .taskFailed, .timeout, .branchFailed,
    ]

    /// Whether the name uses the reserved `States.` prefix.
    public var isStatesPrefixed: Bool { rawValue.hasPrefix("States.") }
}
