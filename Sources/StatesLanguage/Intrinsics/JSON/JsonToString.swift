import JSONCore

/// `States.JsonToString`: Serializes the value (usually from a path) to compact JSON text.
///
/// AWS's example: Input `{"unescapedJson": {"foo": "bar"}}`, call `States.JsonToString($.unescapedJson)`,
/// result `"{\"foo\":\"bar\"}"`.
///
/// Any value is accepted, literals too (`States.JsonToString('x')` is `"\"x\""`, conformance
/// suite JTS-17); the text is ``JSONWriter/compact(_:)`` (AWS's escaping, numbers as written).
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesJsonToString {
    static let signature = IntrinsicSignature(.jsonToString, parameters: [.any])

    static func call(_ arguments: [JSON]) throws(StatesError) -> JSON {
        try IntrinsicValue.checkCount(arguments, .jsonToString)
        return .string(JSONWriter.compact(arguments[0]))
    }
}
