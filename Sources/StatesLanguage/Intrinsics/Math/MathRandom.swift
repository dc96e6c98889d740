/// `States.MathRandom`: Returns a random integer between the start (inclusive) and end (exclusive); an optional third
/// argument seeds the generator.
///
/// AWS's example: Input `{"start": 1, "end": 999}`, call `States.MathRandom($.start, $.end)`, result e.g. `456`.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesMathRandom {
    static let signature = IntrinsicSignature(
        .mathRandom, parameters: [.integer, .integer, .integer], minimumArguments: 2)
}
