import JSONCore

/// `States.ArrayUnique`: Returns the array without duplicate values.
///
/// AWS's example: Input `{"inputArray": [1,2,3,3,3,3,3,3,4]}`, call `States.ArrayUnique($.inputArray)`, result `[1, 2, 3, 4]`.
///
/// Duplicates are Java-equal values (`1` and `1.0` differ, objects ignore member order) and the
/// result is in Java `HashSet` order, not first-seen order: AWS returns
/// `[true, false, true, false]` as `[false, true]` and `[[1,2],[1,2],[2,1]]` as `[[2,1],[1,2]]`
/// (conformance suite AUNIQ-004, AUNIQ-010). See ``JavaHashSet``.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesArrayUnique {
    static let signature = IntrinsicSignature(.arrayUnique, parameters: [.array])

    static func call(_ arguments: [JSON]) throws(StatesError) -> JSON {
        try IntrinsicValue.checkCount(arguments, .arrayUnique)
        let elements = try IntrinsicValue.array(arguments[0], .arrayUnique)
        return .array(JavaHashSet.unique(elements))
    }
}
