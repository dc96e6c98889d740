/// How a command ended: 0 success, 1 errors found (or a failed run), 2 a usage or I/O problem.
///
/// When several outcomes happen in one invocation the most severe wins (``combined(with:)``):
/// a missing file among otherwise invalid ones still exits 2.
public struct ExitCode: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int32

    public init(_ rawValue: Int32) { self.rawValue = rawValue }

    public static let success = ExitCode(0)
    public static let failure = ExitCode(1)
    public static let usage = ExitCode(2)

    /// The more severe of two outcomes (the larger code).
    public func combined(with other: ExitCode) -> ExitCode {
        rawValue >= other.rawValue ? self : other
    }

    public var description: String { String(rawValue) }
}
