/// A Fail state: ends the execution with an error name and cause.
///
/// Source: ASL specification, "Fail State"; AWS developer guide, "Fail workflow state"
/// (`ErrorPath`/`CausePath` in JSONPath; `{% %}` `Error`/`Cause` in JSONata).
public struct FailState: Sendable {
    public var common: StateCommon
    /// `Error` or `ErrorPath`.
    public var error: DynamicString?
    /// `Cause` or `CausePath`.
    public var cause: DynamicString?

    public init(common: StateCommon, error: DynamicString? = nil, cause: DynamicString? = nil) {
        self.common = common
        self.error = error
        self.cause = cause
    }
}
