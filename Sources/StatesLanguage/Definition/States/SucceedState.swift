/// A Succeed state: ends its scope successfully.
///
/// Source: ASL specification, "Succeed State"; AWS developer guide, "Succeed workflow state"
/// (`InputPath`/`OutputPath` and, in JSONata, `Output` are accepted).
public struct SucceedState: Sendable {
    public var common: StateCommon
    public var io: InputOutput

    public init(common: StateCommon, io: InputOutput = InputOutput()) {
        self.common = common
        self.io = io
    }
}
