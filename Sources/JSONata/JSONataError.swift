import JSONCore

/// An error raised while compiling or evaluating a JSONata expression, worded as jsonata-js 2.0.6
/// words it.
///
/// `code` is jsonata-js's code (`S0xxx` for syntax, `T` for type, `D` for dynamic errors);
/// `position` is the UTF-8 offset in the expression just past the token that failed, as
/// jsonata-js reports it (`nil` where jsonata-js has none); `token` and `value` are the inserts
/// of the message when jsonata-js has them.
public struct JSONataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// jsonata-js's error code, e.g. `S0202`, `T2001`, `D3030`.
    public var code: String
    /// The message as jsonata-js words it, inserts filled in.
    public var message: String
    /// UTF-8 offset in the expression, when the error has one.
    public var position: Int?
    /// The token the error is about, when it has one.
    public var token: String?
    /// The value the error is about, when it has one (a function value has none).
    public var value: JSON?

    package init(code: String, message: String, position: Int? = nil, token: String? = nil, value: JSON? = nil) {
        self.code = code
        self.message = message
        self.position = position
        self.token = token
        self.value = value
    }

    public var description: String {
        if let position { return "\(code) at \(position): \(message)" }
        return "\(code): \(message)"
    }
}
