import JSONCore

/// `States.JsonMerge`: Shallow-merges two objects; keys of the second win. The third argument is the deep-merge flag,
/// and Step Functions supports only shallow merging, so it must be `false`.
///
/// AWS's example: Input `{"json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}}`,
/// call `States.JsonMerge($.json1, $.json2, false)`, result `{"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3}`.
///
/// A key of the first object keeps its position with the second's value; new keys follow in the
/// second's order (Java `LinkedHashMap.putAll`). Observed on AWS (conformance suite): `null`,
/// arrays and strings in place of either object fail; a non-boolean flag (`"false"`) is accepted
/// and merges shallowly (JMG-13). A flag of `true` from a path fails (chosen: AWS rejects a
/// literal `true`; the parser does so too).
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesJsonMerge {
    static let signature = IntrinsicSignature(.jsonMerge, parameters: [.object, .object, .falseBoolean])

    static func call(_ arguments: [JSON]) throws(StatesError) -> JSON {
        try IntrinsicValue.checkCount(arguments, .jsonMerge)
        var merged = try IntrinsicValue.object(arguments[0], .jsonMerge)
        let second = try IntrinsicValue.object(arguments[1], .jsonMerge)
        if arguments[2] == .bool(true) { throw IntrinsicValue.invalid(.jsonMerge) }
        for (key, value) in second { merged[key] = value }
        return .object(merged)
    }
}
