import JSONCore

/// `States.MathRandom`: Returns a random integer between the start (inclusive) and end (exclusive); an optional third
/// argument seeds the generator.
///
/// AWS's example: Input `{"start": 1, "end": 999}`, call `States.MathRandom($.start, $.end)`, result e.g. `456`.
///
/// Observed on AWS (conformance suite): start and end are truncated (`MathRandom(1.6, 5.4)` can
/// give 1; `MathRandom(1.4, 1.6)` fails as the range is empty); `start >= end` fails; strings
/// and null fail, for the seed too; the same seed gives the same number, and seed 42 over
/// `[-5, 5)` gives -5. That is `start + new java.util.Random(seed).nextInt(end - start)`, which
/// ``JavaRandom`` reproduces exactly. Without a seed the number comes from the injected
/// generator. A fractional seed is truncated (chosen; not observed).
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesMathRandom {
    static let signature = IntrinsicSignature(
        .mathRandom, parameters: [.integer, .integer, .integer], minimumArguments: 2)

    static func call<R: RandomNumberGenerator>(_ arguments: [JSON], random: inout R) throws(StatesError) -> JSON {
        try IntrinsicValue.checkCount(arguments, .mathRandom)
        let start = try IntrinsicValue.truncatedInt32(arguments[0], .mathRandom)
        let end = try IntrinsicValue.truncatedInt32(arguments[1], .mathRandom)
        // Java computes `end - start` in 32 bits; `nextInt` refuses a bound that is not positive.
        let bound = end &- start
        var seed: Int64?
        if arguments.count > 2 { seed = try IntrinsicValue.truncatedInt64(arguments[2], .mathRandom) }
        guard bound > 0 else { throw IntrinsicValue.invalid(.mathRandom) }
        let offset: Int32
        if let seed {
            var generator = JavaRandom(seed: seed)
            offset = generator.nextInt(bound: bound)
        } else {
            offset = Int32.random(in: 0..<bound, using: &random)
        }
        return .number(JSONNumber(Int(start &+ offset)))
    }
}
