import JSONCore

/// The cause of a Lambda function's error as the text form of `asl run` shows it.
///
/// Step Functions reports an unhandled exception of a Lambda function with a JSON cause,
/// `{"errorMessage": "…", "errorType": "ValueError", "requestId": "…", "stackTrace": []}`; the
/// history, `--format json` and Catch's `$.Cause` keep it so, byte for byte. The final line of
/// the text form shows only the message when that is all the cause says (no stack trace), so a
/// refused setting reads as the sentence it is:
///
///     Execution FAILED in 0.000s of virtual time: ValueError: RECORD_COUNT must be a number …
///
/// Any other cause (not JSON, other members, a non-empty stack trace) is shown as it is.
enum LambdaCause {
    static let members: Set<String> = ["errorMessage", "errorType", "requestId", "stackTrace"]

    static func readable(_ cause: String) -> String {
        guard cause.hasPrefix("{"),
            let document = try? JSONReader.read(Array(cause.utf8), options: .init(recordsSourceMap: false)).value,
            let object = document.objectValue, object.keys.allSatisfy(members.contains),
            let message = object["errorMessage"]?.stringValue
        else { return cause }
        switch object["stackTrace"] {
        case nil, .null?: return message
        case .array(let frames)? where frames.isEmpty: return message
        default: return cause
        }
    }
}
