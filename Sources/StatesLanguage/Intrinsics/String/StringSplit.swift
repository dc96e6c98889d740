import JSONCore

/// `States.StringSplit`: Splits a string at every occurrence of any character of the delimiter string.
///
/// AWS's example: Input `{"inputString": "1,2,3,4,5", "splitter": ","}`, call `States.StringSplit($.inputString, $.splitter)`,
/// result `["1", "2", "3", "4", "5"]`.
///
/// This is Java's `StringTokenizer(string, delimiters)`: each character of the delimiter string
/// separates (`"1+2,3.4"` split by `".+,"` is `["1","2","3","4"]`) and empty pieces are dropped.
/// Observed on AWS (conformance suite): `"a,,b"`, `",a,b"`, `"a,b,"` give no empty strings,
/// `","` and `""` give `[]` (SSP-03 to SSP-07, SSP-26). An empty delimiter string returns the
/// whole string as one piece (StringTokenizer; not observed on AWS). Non-strings fail.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesStringSplit {
    static let signature = IntrinsicSignature(.stringSplit, parameters: [.string, .string])

    static func call(_ arguments: [JSON]) throws(StatesError) -> JSON {
        try IntrinsicValue.checkCount(arguments, .stringSplit)
        let text = try IntrinsicValue.string(arguments[0], .stringSplit)
        let delimiters = Set(try IntrinsicValue.string(arguments[1], .stringSplit).unicodeScalars)
        var pieces: [JSON] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if delimiters.contains(scalar) {
                if !current.isEmpty { pieces.append(.string(String(current))) }
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { pieces.append(.string(String(current))) }
        return .array(pieces)
    }
}
