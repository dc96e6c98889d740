public import JSONCore

/// A JSON template in either query language: `Parameters`/`ResultSelector`/`ItemSelector`/
/// `Assign`/`Credentials` in JSONPath states (`"key.$"` fields), `Arguments`/`Output`/`Assign`
/// in JSONata states (`{% %}` strings).
public enum DynamicTemplate: Sendable, Hashable {
    case jsonPath(PayloadTemplate)
    case jsonata(JSONataTemplate)
}

/// An `InputPath`, `OutputPath` or `ResultPath` value: a path, or `null`.
///
/// Source: AWS developer guide, "InputPath, Parameters and ResultSelector" and "ResultPath":
/// `InputPath: null` gives the state `{}` as input, `OutputPath: null` sends `{}` on,
/// `ResultPath: null` discards the result and passes the input on. An absent field means `$`.
public enum PathOrNull: Sendable, Hashable {
    case path(Path)
    case null
}

/// An integer field that may also be given by a path (`TimeoutSecondsPath`, `SecondsPath`,
/// `MaxConcurrencyPath`, …) or, in JSONata states, by a `{% %}` expression.
///
/// The field's pointer is its state's pointer plus the field name as written (`TimeoutSeconds`
/// or `TimeoutSecondsPath`); rules that check ranges use ``StateCommon/pointer``. A field whose
/// value is a lone `${Name}` placeholder (with ``ParseOptions/allowsPlaceholders``) is left `nil`:
/// its value is only known after substitution.
public enum DynamicInteger: Sendable, Hashable {
    case literal(Int64)
    case path(Path)
    case jsonata(JSONataExpression)
}

/// A number field with the same three forms (`ToleratedFailurePercentage` may be a decimal).
public enum DynamicNumber: Sendable, Hashable {
    case literal(JSONNumber)
    case path(Path)
    case jsonata(JSONataExpression)
}

/// A string field with the same forms (Fail `Error`/`ErrorPath`, Wait `Timestamp`/
/// `TimestampPath`), plus an intrinsic call: Fail `ErrorPath`/`CausePath` accept
/// `States.Format(…)` and the other intrinsics (AWS developer guide, "Fail workflow state").
public enum DynamicString: Sendable, Hashable {
    case literal(String)
    case path(Path)
    /// An intrinsic function call (Fail `ErrorPath`/`CausePath` only).
    case intrinsic(IntrinsicCall)
    case jsonata(JSONataExpression)
}

/// A timestamp field (Wait `Timestamp`/`TimestampPath`) in its three forms; the literal is
/// parsed when the definition is parsed.
public enum DynamicTimestamp: Sendable, Hashable {
    case literal(TimestampLiteral)
    case path(Path)
    case jsonata(JSONataExpression)
}

/// The input/output fields of a JSONPath state, each `nil` when absent.
///
/// Source: AWS developer guide, "Processing input and output in Step Functions". Which fields
/// a kind accepts is checked by the parser (ASL-E102); a kind that does not accept a field
/// simply leaves it `nil`.
public struct InputOutput: Sendable, Hashable {
    /// `InputPath` (JSONPath).
    public var inputPath: PathOrNull?
    /// `Parameters` (JSONPath) or `Arguments` (JSONata).
    public var parameters: DynamicTemplate?
    /// `ResultSelector` (JSONPath).
    public var resultSelector: PayloadTemplate?
    /// `ResultPath` (JSONPath).
    public var resultPath: PathOrNull?
    /// `OutputPath` (JSONPath).
    public var outputPath: PathOrNull?
    /// `Output` (JSONata).
    public var output: JSONataTemplate?

    public init(
        inputPath: PathOrNull? = nil,
        parameters: DynamicTemplate? = nil,
        resultSelector: PayloadTemplate? = nil,
        resultPath: PathOrNull? = nil,
        outputPath: PathOrNull? = nil,
        output: JSONataTemplate? = nil
    ) {
        self.inputPath = inputPath
        self.parameters = parameters
        self.resultSelector = resultSelector
        self.resultPath = resultPath
        self.outputPath = outputPath
        self.output = output
    }
}

/// `Retry` and `Catch` of a Task, Parallel or Map state.
public struct ErrorHandling: Sendable, Hashable {
    public var retriers: [Retrier]
    public var catchers: [Catcher]

    public init(retriers: [Retrier] = [], catchers: [Catcher] = []) {
        self.retriers = retriers
        self.catchers = catchers
    }
}
