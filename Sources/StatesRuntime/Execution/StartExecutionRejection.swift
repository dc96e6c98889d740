public import JSONCore

/// Why AWS's `StartExecution` would refuse to start an execution, so that nothing runs: the
/// execution input is larger than the payload quota.
///
///     ValidationException: 1 validation error detected: Value at 'input' failed to satisfy
///     constraint: Member must have length less than or equal to 262144
///
/// Source: AWS API reference, "StartExecution": `input` has "Length Constraints: Maximum length of
/// 262144", applied "to the payload size, … expressed as bytes in UTF-8 encoding"; a request that
/// breaks a modelled constraint fails with `ValidationException` and AWS's "1 validation error
/// detected" text, the value left out for a sensitive member such as `input`. The text for
/// `input` was not found recorded (SPEC-NOTES.md §5.5).
public struct StartExecutionRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// The API error code (`ValidationException`).
    public var code: String
    /// The API error message.
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    /// The rejection of an input of `byteCount` UTF-8 bytes over `limit`, or `nil` when it fits.
    public static func inputSize(_ byteCount: Int, limit: Int?) -> StartExecutionRejection? {
        guard let limit, byteCount > limit else { return nil }
        return inputTooLarge(limit: limit)
    }

    /// The rejection of `input` when its compact JSON is over `quotas`' payload limit.
    static func input(_ input: JSON, quotas: Quotas) -> StartExecutionRejection? {
        guard let limit = quotas.maximumPayloadBytes, PayloadSize.exceeds(input, limit: limit) else { return nil }
        return inputTooLarge(limit: limit)
    }

    private static func inputTooLarge(limit: Int) -> StartExecutionRejection {
        StartExecutionRejection(
            code: "ValidationException",
            message: "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have "
                + "length less than or equal to \(limit)")
    }
}

extension Executor {
    /// Why `StartExecution` would refuse `input` under this executor's quotas, or `nil`. The size
    /// is that of `input`'s compact JSON; a caller holding the text it was given (with its
    /// whitespace, which AWS counts) should also check ``startExecutionRejection(inputByteCount:)``.
    ///
    /// ``run(input:)`` performs this check itself and ends a refused run at once (status FAILED,
    /// the rejection's code and message as error and cause, no history); report it before running.
    public func startExecutionRejection(for input: JSON) -> StartExecutionRejection? {
        StartExecutionRejection.input(input, quotas: options.quotas)
    }

    /// Why `StartExecution` would refuse an input text of `byteCount` UTF-8 bytes, or `nil`.
    public func startExecutionRejection(inputByteCount byteCount: Int) -> StartExecutionRejection? {
        StartExecutionRejection.inputSize(byteCount, limit: options.quotas.maximumPayloadBytes)
    }
}
