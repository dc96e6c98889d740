public import JSONCore

/// A Pass state: passes its input (or `Result`) to its output.
///
/// Source: ASL specification, "Pass State"; AWS developer guide, "Pass workflow state".
public struct PassState: Sendable {
    public var common: StateCommon
    /// `Result` (JSONPath): the output used instead of the input, before `ResultPath`.
    public var result: JSON?
    public var io: InputOutput
    public var transition: Transition?

    public init(common: StateCommon, result: JSON? = nil, io: InputOutput = InputOutput(), transition: Transition?) {
        self.common = common
        self.result = result
        self.io = io
        self.transition = transition
    }
}
