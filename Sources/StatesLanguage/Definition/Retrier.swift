public import JSONCore

/// One element of a `Retry` array.
///
/// Source: ASL specification, "Retrying after error"; AWS developer guide, "Handling errors in
/// Step Functions workflows" (retrier fields and their defaults).
public struct Retrier: Sendable, Hashable {
    public static let defaultIntervalSeconds: Int64 = 1
    public static let defaultMaxAttempts: Int64 = 3
    public static let defaultBackoffRate = JSONNumber(uncheckedText: "2.0", isInteger: false)

    public enum JitterStrategy: String, Sendable, Hashable, CaseIterable {
        case full = "FULL"
        case none = "NONE"
    }

    /// `ErrorEquals`: the error names this retrier matches.
    public var errorEquals: [StatesErrorName]
    /// `IntervalSeconds`: seconds before the first retry (default 1).
    public var intervalSeconds: Int64?
    /// `MaxAttempts`: retries at most (default 3; 0 means never retry).
    public var maxAttempts: Int64?
    /// `BackoffRate`: multiplier of the interval after each attempt (default 2.0).
    public var backoffRate: JSONNumber?
    /// `MaxDelaySeconds`: cap on any one interval.
    public var maxDelaySeconds: Int64?
    /// `JitterStrategy`: `FULL` randomizes each interval in [0, interval]; default `NONE`.
    public var jitterStrategy: JitterStrategy?
    public var pointer: JSONPointer

    public init(
        errorEquals: [StatesErrorName],
        intervalSeconds: Int64? = nil,
        maxAttempts: Int64? = nil,
        backoffRate: JSONNumber? = nil,
        maxDelaySeconds: Int64? = nil,
        jitterStrategy: JitterStrategy? = nil,
        pointer: JSONPointer
    ) {
        self.errorEquals = errorEquals
        self.intervalSeconds = intervalSeconds
        self.maxAttempts = maxAttempts
        self.backoffRate = backoffRate
        self.maxDelaySeconds = maxDelaySeconds
        self.jitterStrategy = jitterStrategy
        self.pointer = pointer
    }
}

/// One element of a `Catch` array.
///
/// Source: ASL specification, "Fallback states"; AWS developer guide, "Catch fallback states".
public struct Catcher: Sendable, Hashable {
    /// `ErrorEquals`.
    public var errorEquals: [StatesErrorName]
    /// `Next`: the state to go to in the same scope.
    public var next: StateReference
    /// `ResultPath` (JSONPath): where the error output `{"Error", "Cause"}` goes; default `$`.
    public var resultPath: PathOrNull?
    /// `Output` (JSONata).
    public var output: JSONataTemplate?
    /// `Assign`.
    public var assign: DynamicTemplate?
    public var pointer: JSONPointer

    public init(
        errorEquals: [StatesErrorName],
        next: StateReference,
        resultPath: PathOrNull? = nil,
        output: JSONataTemplate? = nil,
        assign: DynamicTemplate? = nil,
        pointer: JSONPointer
    ) {
        self.errorEquals = errorEquals
        self.next = next
        self.resultPath = resultPath
        self.output = output
        self.assign = assign
        self.pointer = pointer
    }
}
