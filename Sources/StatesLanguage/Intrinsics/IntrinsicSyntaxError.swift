/// Why an intrinsic call failed to parse or check, and where.
public struct IntrinsicSyntaxError: Error, Sendable, Hashable {
    /// What is wrong, without the position.
    public let message: String
    /// UTF-8 offset in the call text.
    public let offset: Int
    /// For an unknown function, the nearest known name (`States.Format` for `States.Formatt`).
    public let suggestion: String?

    public init(message: String, offset: Int, suggestion: String? = nil) {
        self.message = message
        self.offset = offset
        self.suggestion = suggestion
    }
}
