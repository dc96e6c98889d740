/// `States.StringSplit`: Splits a string at every occurrence of any character of the delimiter string.
///
/// AWS's example: Input `{"inputString": "1,2,3,4,5", "splitter": ","}`, call `States.StringSplit($.inputString, $.splitter)`,
/// result `["1", "2", "3", "4", "5"]`.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesStringSplit {
    static let signature = IntrinsicSignature(.stringSplit, parameters: [.string, .string])
}
