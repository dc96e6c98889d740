/// Why a path string failed to parse, and where.
public struct PathSyntaxError: Error, Sendable, Hashable {
    /// What is wrong, without the position (`expected ']'`).
    public let message: String
    /// UTF-8 byte offset in the path string where the problem was found.
    public let offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// 1-based column (UTF-8 bytes) of ``offset``; paths are single-line.
    public var column: Int { offset + 1 }
}
