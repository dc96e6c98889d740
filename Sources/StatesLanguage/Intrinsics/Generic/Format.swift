import JSONCore

/// `States.Format`: Builds a string from a template and values: each `{}` in the first argument is replaced by the
/// next argument. The first argument must be a string.
///
/// AWS's example: Input `{"name": "Arnav"}`, call `States.Format('Hello, my name is {}.', $.name)`,
/// result `"Hello, my name is Arnav."`.
///
/// Values are written as Java's `String.valueOf` writes them (``JavaValue/text``): strings as
/// they are, `null` as `null`, `true`, integers as written, other numbers as Java doubles (`1.0`,
/// `1.0E7`), arrays as `[a, 1]`, objects as `{Arg1=1, Arg2=[]}` (LocalStack snapshot
/// `test_generic`; conformance suite: `'{} {} {}'` with `"x", 2, true` is `"x 2 true"`, `null`
/// renders as `null`).
///
/// Observed on AWS (conformance suite): more or fewer values than placeholders fail at run time
/// (FMT-14/15), and so do a lone `{` or `}` and `{{}}` (FMT-17/18/21); a template from a path
/// works. A literal template's escapes `\{` and `\}` make text braces; a template from a path has
/// no escapes.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesFormat {
    static let signature = IntrinsicSignature(.format, parameters: [.string], variadic: .any, minimumArguments: 1)

    /// - Parameter template: The literal template compiled at parse time, if the first argument
    ///   was a literal; otherwise the first argument is read as a template now.
    static func call(_ arguments: [JSON], template: FormatTemplate?) throws(StatesError) -> JSON {
        try IntrinsicValue.checkCount(arguments, .format)
        let text = try IntrinsicValue.string(arguments[0], .format)
        let template = template ?? FormatTemplate(unescaped: text)
        let values = arguments.dropFirst()
        guard template.loneBraceOffset == nil, template.placeholderCount == values.count else {
            throw IntrinsicValue.invalid(.format)
        }
        var result = ""
        var next = values.startIndex
        for piece in template.pieces {
            switch piece {
            case .text(let text):
                result += text
            case .placeholder:
                if case .string(let string) = values[next] {
                    result += string
                } else {
                    result += JavaValue(values[next]).text
                }
                next += 1
            }
        }
        return .string(result)
    }
}
