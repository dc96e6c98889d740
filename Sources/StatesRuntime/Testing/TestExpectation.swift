public import JSONCore

/// A value to compare against: the whole value, or a subset (objects by key, recursively; arrays
/// exactly).
public enum ValueMatch: Sendable, Hashable {
    case exact(JSON)
    case contains(JSON)
}

/// What one state's entry must show (the `state` expectation).
public struct StateAssertion: Sendable, Hashable {
    public var stateName: String
    /// Which entry of the state (0 = the first; a Map iteration or a loop enters a state again).
    public var entry: Int
    /// The state's input as its entered event shows it.
    public var input: ValueMatch?
    /// The state's output as its exited event shows it.
    public var output: ValueMatch?
    /// The variables the state assigned (its `Assign`), as its exited event shows them.
    public var variables: ValueMatch?

    public init(
        stateName: String, entry: Int = 0, input: ValueMatch? = nil, output: ValueMatch? = nil,
        variables: ValueMatch? = nil
    ) {
        self.stateName = stateName
        self.entry = entry
        self.input = input
        self.output = output
        self.variables = variables
    }
}

/// What a test case expects of its execution. Every field is optional; ``status`` defaults to
/// `FAILED` when ``error`` or ``cause`` is given and to `SUCCEEDED` otherwise.
public struct TestExpectation: Sendable, Hashable {
    public var status: ExecutionStatus?
    public var output: ValueMatch?
    public var error: String?
    public var cause: String?
    /// The states entered, in order, exactly.
    public var states: [String]?
    /// States entered in this order, others allowed between them.
    public var statesInclude: [String]?
    public var stateAssertions: [StateAssertion]
    /// At most this many states entered.
    public var maxTransitions: Int?

    public init(
        status: ExecutionStatus? = nil, output: ValueMatch? = nil, error: String? = nil, cause: String? = nil,
        states: [String]? = nil, statesInclude: [String]? = nil, stateAssertions: [StateAssertion] = [],
        maxTransitions: Int? = nil
    ) {
        self.status = status
        self.output = output
        self.error = error
        self.cause = cause
        self.states = states
        self.statesInclude = statesInclude
        self.stateAssertions = stateAssertions
        self.maxTransitions = maxTransitions
    }

    /// The status the case must end with.
    public var expectedStatus: ExecutionStatus {
        status ?? (error != nil || cause != nil ? .failed : .succeeded)
    }
}

/// One unmet expectation: what was expected, what happened, and where they differ first.
public struct TestFailure: Sendable, Hashable {
    /// One line: "output differs at $.orders[2].total".
    public var message: String
    /// The JSON path of the first difference (`$.orders[2].total`), when values were compared.
    public var path: String?
    /// The expected and actual values at ``path`` (`nil`: absent).
    public var expected: JSON?
    public var actual: JSON?

    public init(_ message: String, path: String? = nil, expected: JSON? = nil, actual: JSON? = nil) {
        self.message = message
        self.path = path
        self.expected = expected
        self.actual = actual
    }
}
