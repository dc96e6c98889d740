/// What a parameter of an intrinsic accepts, checked against literal arguments at parse time.
public enum ParameterKind: String, Sendable, Hashable {
    /// Any JSON value.
    case any
    case string
    case number
    /// A number the function uses as an integer. Any number literal is accepted: AWS truncates
    /// fractions at run time (`States.ArrayRange(1.4, 5.6, 2.2)` gives `[1, 3, 5]` and
    /// `States.ArrayPartition($.a, 2.4)` chunks by 2 on AWS, conformance suite ARANGE-004,
    /// AP-014), so refusing `2.4` would reject definitions that run.
    case integer
    case boolean
    case array
    case object
    /// The boolean `false` only (States.JsonMerge's deep-merge flag; AWS supports shallow merge only).
    case falseBoolean

    /// Whether a literal argument can be passed here; paths and calls always can (checked at run time).
    func accepts(_ argument: IntrinsicArgument) -> Bool {
        switch (self, argument) {
        case (_, .path), (_, .call), (.any, _): true
        case (.string, .string): true
        case (.number, .number): true
        case (.integer, .number): true
        case (.boolean, .bool): true
        case (.falseBoolean, .bool(let value)): !value
        default: false
        }
    }

    /// How the kind reads in a message: "a string", "an integer", "the boolean false".
    var phrase: String {
        switch self {
        case .any: "any value"
        case .string: "a string"
        case .number: "a number"
        case .integer: "an integer"
        case .boolean: "a boolean"
        case .array: "an array"
        case .object: "an object"
        case .falseBoolean: "the boolean false"
        }
    }
}

/// An intrinsic's argument list as data: fixed parameters, optional trailing ones, a variadic tail.
///
///     States.MathRandom: parameters [.integer, .integer, .integer], minimumArguments 2  → 2 or 3 arguments
///     States.Format:     parameters [.string], variadic .any, minimumArguments 1        → 1 or more
public struct IntrinsicSignature: Sendable {
    public let function: IntrinsicFunction
    /// The positional parameters; those at index ≥ ``minimumArguments`` are optional.
    public let parameters: [ParameterKind]
    /// What any arguments after ``parameters`` must be; `nil` when there may be none.
    public let variadic: ParameterKind?
    public let minimumArguments: Int

    public init(
        _ function: IntrinsicFunction, parameters: [ParameterKind], variadic: ParameterKind? = nil,
        minimumArguments: Int? = nil
    ) {
        self.function = function
        self.parameters = parameters
        self.variadic = variadic
        self.minimumArguments = minimumArguments ?? parameters.count
    }

    /// The largest argument count accepted, or `nil` when unbounded.
    public var maximumArguments: Int? { variadic == nil ? parameters.count : nil }

    /// The kind expected at a position, or `nil` past the end.
    public func kind(at index: Int) -> ParameterKind? {
        index < parameters.count ? parameters[index] : variadic
    }
}
