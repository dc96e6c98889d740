import JSONCore

/// `States.StringToJson`: Parses a string holding escaped JSON text and returns the value.
///
/// AWS's example: Input `{"escapedJsonString": "{\"foo\": \"bar\"}"}`, call `States.StringToJson($.escapedJsonString)`,
/// result `{"foo": "bar"}`.
///
/// Observed on AWS (conformance suite): any JSON value parses, with surrounding blanks
/// (STJ-22); the empty string gives `null` (STJ-11); `{bad json}`, `{"a":1` and `undefined` fail;
/// non-strings fail. We also give `null` for blanks only (Jackson reads no value there; chosen).
/// A repeated key keeps its last value (Jackson's default). Content after the value fails here
/// (Jackson's `readTree` would ignore it; not observed on AWS).
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesStringToJson {
    static let signature = IntrinsicSignature(.stringToJson, parameters: [.string])

    static func call(_ arguments: [JSON]) throws(StatesError) -> JSON {
        try IntrinsicValue.checkCount(arguments, .stringToJson)
        let text = try IntrinsicValue.string(arguments[0], .stringToJson)
        let blanks: Set<UInt8> = [0x20, 0x09, 0x0a, 0x0d]
        if text.utf8.allSatisfy({ blanks.contains($0) }) { return .null }
        do {
            let options = JSONReader.Options(duplicateKeys: .keepLast, recordsSourceMap: false)
            return try JSONReader.read(text, options: options).value
        } catch {
            throw IntrinsicValue.invalid(.stringToJson)
        }
    }
}
