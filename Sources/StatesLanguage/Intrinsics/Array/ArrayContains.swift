import JSONCore

/// `States.ArrayContains`: Whether the array contains the value.
///
/// AWS's example: Input `{"inputArray": [1,2,3,4,5,6,7,8,9], "lookingFor": 5}`,
/// call `States.ArrayContains($.inputArray, $.lookingFor)`, result `true`.
///
/// Values match when their Java texts (`String.valueOf`, see ``JavaValue/text``) are equal,
/// which is what AWS's results show (conformance suite): `true` is found in `["true"]` and
/// `9007199254740991` in `["9007199254740991"]` (AC-028, AC-026), `{"b":2,"a":1}` is not found
/// in `[{"a":1,"b":2}]` (AC-009), `false` is not found in `[0, 1]` (AC-025). So `1` and `1.0`
/// differ ("1" vs "1.0"), and object member order matters.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesArrayContains {
    static let signature = IntrinsicSignature(.arrayContains, parameters: [.array, .any])

    static func call(_ arguments: [JSON]) throws(StatesError) -> JSON {
        try IntrinsicValue.checkCount(arguments, .arrayContains)
        let elements = try IntrinsicValue.array(arguments[0], .arrayContains)
        let target = JavaValue(arguments[1]).text
        return .bool(elements.contains { JavaValue($0).text.javaEquals(target) })
    }
}
