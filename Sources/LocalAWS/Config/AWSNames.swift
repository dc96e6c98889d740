/// AWS's naming rules for the resources whose names become files or folders in the data
/// directory (`kinesis/<stream>/`, `sns/<topic>.jsonl`, `s3/<bucket>/`,
/// `kinesis/<stream>/checkpoints/<function>.json`), each with the message AWS gives where it has
/// one. A name that breaks a rule is refused where it is written (the configuration, with its
/// line and column), before anything is created.
///
/// Where AWS's own pattern admits a name that cannot be a folder (`.` and `..` match Kinesis's
/// `[a-zA-Z0-9_.-]+`), the name is refused locally and the message says so.
///
///     AWSNames.streamNameProblem("..")
///     // "'..' matches Kinesis's pattern, but a stream's name is a folder of the data directory
///     //  and '.' and '..' name no new folder; rename the stream"
public enum AWSNames {
    /// Kinesis `StreamName`: 1 to 128 characters of `[a-zA-Z0-9_.-]` (Kinesis API reference,
    /// `CreateStream`, "StreamName … Length Constraints: Minimum length of 1. Maximum length of
    /// 128. Pattern: [a-zA-Z0-9_.-]+").
    public static func streamNameProblem(_ name: String) -> String? {
        if let problem = lengthProblem(name, field: "streamName", maximum: 128) { return problem }
        let allowed = name.utf8.allSatisfy { isLetterOrDigit($0) || $0 == 0x5F || $0 == 0x2E || $0 == 0x2D }
        guard allowed else { return patternProblem(name, field: "streamName", pattern: "[a-zA-Z0-9_.-]+") }
        if name == "." || name == ".." {
            return "'\(name)' matches Kinesis's pattern, but a stream's name is a folder of the data directory "
                + "and '.' and '..' name no new folder; rename the stream"
        }
        return nil
    }

    /// SNS topic name: 1 to 256 ASCII letters, digits, `_` and `-`; a FIFO topic's name ends in
    /// `.fifo` (SNS API reference, `CreateTopic`, "Name … Constraints: Topic names must be made
    /// up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and
    /// must be between 1 and 256 characters long. For a FIFO (first-in-first-out) topic, the
    /// name must end with the .fifo suffix."). AWS answers `InvalidParameter` with "Invalid
    /// parameter: Topic Name".
    public static func topicNameProblem(_ name: String) -> String? {
        let base = name.hasSuffix(".fifo") ? name.dropLast(5) : Substring(name)
        let valid =
            (1...256).contains(base.utf8.count)
            && base.utf8.allSatisfy { isLetterOrDigit($0) || $0 == 0x5F || $0 == 0x2D }
        guard !valid else { return nil }
        return "Invalid parameter: Topic Name (a topic name has 1 to 256 ASCII letters, digits, '_' and '-', "
            + "and a FIFO topic's ends in '.fifo'; '\(name)' does not)"
    }

    /// Lambda function name (the name form, not an ARN): 1 to 64 characters of `[a-zA-Z0-9-_]`
    /// (Lambda API reference, `CreateFunction`, "FunctionName … If you specify only the function
    /// name, it is limited to 64 characters in length", pattern `…(function:)?([a-zA-Z0-9-_]+)…`).
    public static func functionNameProblem(_ name: String) -> String? {
        if let problem = lengthProblem(name, field: "functionName", maximum: 64) { return problem }
        let allowed = name.utf8.allSatisfy { isLetterOrDigit($0) || $0 == 0x5F || $0 == 0x2D }
        return allowed ? nil : patternProblem(name, field: "functionName", pattern: "[a-zA-Z0-9-_]+")
    }

    /// Glue job name: 1 to 255 characters of a single line (Glue API reference, `CreateJob`,
    /// `Name`: "Length Constraints: Minimum length of 1. Maximum length of 255. Pattern: Single-line
    /// string pattern"). Locally a job's name may also name a folder, so `/`, `.` and `..` are
    /// refused as well.
    public static func glueJobNameProblem(_ name: String) -> String? {
        if let problem = lengthProblem(name, field: "name", maximum: 255) { return problem }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }) {
            return "1 validation error detected: Value at 'name' failed to satisfy constraint: Member must satisfy "
                + "regular expression pattern: [\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*"
        }
        if name.contains("/") || name == "." || name == ".." {
            return "'\(name)' is a valid Glue job name, but a local job's name may name a folder of the data "
                + "directory, so '/', '.' and '..' are refused; rename the job"
        }
        return nil
    }

    /// S3 general purpose bucket names (see ``S3Location``); AWS answers `InvalidBucketName`,
    /// "The specified bucket is not valid.".
    public static func bucketNameProblem(_ name: String) -> String? {
        S3Location.bucketProblem(name).map { "The specified bucket is not valid: \($0)" }
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// AWS's validation message for a length (the value is not echoed by AWS for lengths either).
    private static func lengthProblem(_ name: String, field: String, maximum: Int) -> String? {
        if name.isEmpty {
            return "1 validation error detected: Value '' at '\(field)' failed to satisfy constraint: Member must "
                + "have length greater than or equal to 1"
        }
        if name.count > maximum {
            return "1 validation error detected: Value at '\(field)' failed to satisfy constraint: Member must have "
                + "length less than or equal to \(maximum)"
        }
        return nil
    }

    private static func patternProblem(_ name: String, field: String, pattern: String) -> String {
        "1 validation error detected: Value '\(name)' at '\(field)' failed to satisfy constraint: Member must "
            + "satisfy regular expression pattern: \(pattern)"
    }
}
