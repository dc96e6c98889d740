/// A Wait state: delays for a duration or until a time.
///
/// Source: ASL specification, "Wait State"; AWS developer guide, "Wait workflow state".
public struct WaitState: Sendable {
    /// Exactly one of `Seconds`, `SecondsPath`, `Timestamp`, `TimestampPath`.
    public enum Duration: Sendable, Hashable {
        /// `Seconds` (literal or JSONata) or `SecondsPath`.
        case seconds(DynamicInteger)
        /// `Timestamp` (literal, compiled at parse time, or JSONata) or `TimestampPath`.
        case timestamp(DynamicTimestamp)
    }

    public var common: StateCommon
    public var duration: Duration?
    public var io: InputOutput
    public var transition: Transition?

    public init(common: StateCommon, duration: Duration?, io: InputOutput = InputOutput(), transition: Transition?) {
        self.common = common
        self.duration = duration
        self.io = io
        self.transition = transition
    }
}
