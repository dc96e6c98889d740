/// A Parallel state: runs every branch on the same input; its result is the array of branch
/// outputs in branch order.
///
/// Source: ASL specification, "Parallel State"; AWS developer guide, "Parallel workflow state".
public struct ParallelState: Sendable {
    public var common: StateCommon
    /// `Branches`: one scope each.
    public var branches: [ScopeID]
    public var io: InputOutput
    public var errorHandling: ErrorHandling
    public var transition: Transition?

    public init(
        common: StateCommon,
        branches: [ScopeID],
        io: InputOutput = InputOutput(),
        errorHandling: ErrorHandling = ErrorHandling(),
        transition: Transition?
    ) {
        self.common = common
        self.branches = branches
        self.io = io
        self.errorHandling = errorHandling
        self.transition = transition
    }
}
