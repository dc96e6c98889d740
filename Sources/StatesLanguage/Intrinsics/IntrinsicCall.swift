public import JSONCore

/// One argument of an intrinsic call.
public indirect enum IntrinsicArgument: Sendable, Hashable {
    /// A single-quoted string literal, escapes resolved (`'it\'s'` → `it's`).
    case string(String)
    /// A number literal, keeping its text.
    case number(JSONNumber)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// A path (`$.x`, `$$.Execution.Id`, `$var`), evaluated at run time.
    case path(Path)
    /// A nested intrinsic call.
    case call(IntrinsicCall)
}

/// A compiled intrinsic function call, e.g. `States.Format('Hello, {}', $.name)`.
///
///     IntrinsicCall.parse("States.Array(1, 'a', $.x, States.UUID())")
///     → function .array, arguments [.number(1), .string("a"), .path($.x), .call(States.UUID())]
public struct IntrinsicCall: Sendable, Hashable {
    public let function: IntrinsicFunction
    public let arguments: [IntrinsicArgument]
    /// The call as written.
    public let source: String
    /// For `States.Format` with a literal first argument, that argument split at its `{}`
    /// placeholders with escapes honoured (`\{}` is text); `nil` otherwise.
    public let formatTemplate: FormatTemplate?

    public init(
        function: IntrinsicFunction, arguments: [IntrinsicArgument], source: String,
        formatTemplate: FormatTemplate? = nil
    ) {
        self.function = function
        self.arguments = arguments
        self.source = source
        self.formatTemplate = formatTemplate
    }

    /// Parses a call: the syntax must be valid and the function must exist.
    ///
    /// A wrong argument count or a literal argument of the wrong type does not make the parse
    /// fail: AWS accepts such a call when the state machine is created and fails it at run time
    /// with `States.Runtime` (SPEC-NOTES §5.4); ``argumentProblems(in:)`` lists them.
    ///
    /// - Throws: ``IntrinsicSyntaxError`` with the UTF-8 offset of the problem, and a did-you-mean
    ///   for an unknown function name.
    public static func parse(_ text: String) throws(IntrinsicSyntaxError) -> IntrinsicCall {
        var parser = IntrinsicParser(text)
        return try parser.parseWholeCall()
    }

    /// The argument problems of the call in `text`, its nested calls included, in text order:
    /// an argument count the signature does not allow, a literal argument of a type the
    /// function does not take, an unknown `States.Hash` algorithm, `true` as `States.JsonMerge`'s
    /// flag. Each can only fail at run time; none is an error at creation. Empty when `text` does
    /// not parse (``parse(_:)`` reports that).
    ///
    ///     IntrinsicCall.argumentProblems(in: "States.MathAdd($.a, 'x')")
    ///     → [argument 2 of States.MathAdd must be a number, not a string (offset 20)]
    public static func argumentProblems(in text: String) -> [IntrinsicSyntaxError] {
        var parser = IntrinsicParser(text)
        do {
            _ = try parser.parseWholeCall()
        } catch {
            return []
        }
        return parser.problems.sorted { $0.offset < $1.offset }
    }
}
