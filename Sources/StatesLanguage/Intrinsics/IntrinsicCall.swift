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

    /// Parses and checks a call: the function must exist, the argument count must match its
    /// signature, and literal arguments must have the types it accepts (paths and nested calls are
    /// checked at run time).
    ///
    /// - Throws: ``IntrinsicSyntaxError`` with the UTF-8 offset of the problem, and a did-you-mean
    ///   for an unknown function name.
    public static func parse(_ text: String) throws(IntrinsicSyntaxError) -> IntrinsicCall {
        var parser = IntrinsicParser(text)
        return try parser.parseWholeCall()
    }
}
