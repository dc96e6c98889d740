import JSONCore

/// `States.Array`: Returns a JSON array of its arguments' values, in order; takes zero or more arguments.
///
/// AWS's example: Input `{"Id": 123456}`, call `States.Array('Foo', 2020, $.Id)`, result `["Foo", 2020, 123456]`.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesArray {
    static let signature = IntrinsicSignature(.array, parameters: [], variadic: .any, minimumArguments: 0)

    /// The arguments as they are (numbers keep their text).
    static func call(_ arguments: [JSON]) throws(StatesError) -> JSON {
        .array(arguments)
    }
}
