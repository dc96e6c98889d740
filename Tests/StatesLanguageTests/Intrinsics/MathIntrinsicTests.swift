import JSONCore
import Testing

@testable import StatesLanguage

/// `States.MathAdd` and `States.MathRandom`: AWS's examples, the conformance suite's and
/// LocalStack's AWS observations, and `java.util.Random` checked against JDK 17.
@Suite struct MathIntrinsicTests {
    static let add: [IntrinsicCase] = [
        .init(
            "MathAdd: AWS example", "States.MathAdd($.value1, $.step)", input: #"{"value1": 111, "step": -1}"#,
            .result("110")),
        .init("MathAdd: positives", "States.MathAdd(5, 3)", .result("8")),
        .init("MathAdd: negatives", "States.MathAdd(-5, -3)", .result("-8")),
        .init(
            "MathAdd: rounds each operand", "States.MathAdd($.a, $.b)", input: #"{"a": 1.6, "b": 2.7}"#, .result("5")),
        .init("MathAdd: tiny decimals", "States.MathAdd($.a, $.b)", input: #"{"a": 0.1, "b": 0.2}"#, .result("0")),
        .init("MathAdd: 1.49 + 1.50", "States.MathAdd(1.49, 1.50)", .result("3")),
        .init("MathAdd: 0.5 rounds up", "States.MathAdd(0.5, 0)", .result("1")),
        .init("MathAdd: 2.5 rounds up", "States.MathAdd(2.5, 0)", .result("3")),
        .init("MathAdd: -0.5 rounds up", "States.MathAdd(-0.5, 0)", .result("0")),
        .init("MathAdd: -2.5 rounds up", "States.MathAdd(-2.5, 0)", .result("-2")),
        .init("MathAdd: -1.51 rounds down", "States.MathAdd(-1.51, 0)", .result("-2")),
        .init("MathAdd: halves of both signs", "States.MathAdd(-0.5, 0.5)", .result("1")),
        .init("MathAdd: 3.0 is 3", "States.MathAdd(3.0, 1e1)", .result("13")),
        .init("MathAdd: int max", "States.MathAdd(2147483646, 1)", .result("2147483647")),
        .init("MathAdd: int min", "States.MathAdd(-2147483647, -1)", .result("-2147483648")),
        .init("MathAdd: nested", "States.MathAdd(States.MathAdd($.x, 1), 2)", input: #"{"x": 5}"#, .result("8")),
        .init(
            "MathAdd: into Array", "States.Array(States.MathAdd($.x, -1), States.MathAdd($.x, 1))", input: #"{"x": 5}"#,
            .result("[4,6]")),
        .init("MathAdd: overflow", "States.MathAdd(2147483647, 1)", .invalid),
        .init("MathAdd: underflow", "States.MathAdd(-2147483648, -1)", .invalid),
        .init("MathAdd: operand beyond 32 bits", "States.MathAdd(3000000000, 1)", .invalid),
        .init("MathAdd: negative operand beyond 32 bits", "States.MathAdd(-3000000000, 1)", .invalid),
        .init("MathAdd: huge exponent", "States.MathAdd(1e309, 1)", .invalid),
        .init("MathAdd: string", "States.MathAdd($.a, 1)", input: #"{"a": "1"}"#, .invalid),
        .init("MathAdd: null", "States.MathAdd($.a, 1)", input: #"{"a": null}"#, .invalid),
        .init("MathAdd: boolean", "States.MathAdd($.a, -1)", input: #"{"a": false}"#, .invalid),
        .init("MathAdd: array", "States.MathAdd(-1, $.a)", input: #"{"a": [0, 1]}"#, .invalid),
    ]

    static let random: [IntrinsicCase] = [
        .init("MathRandom: seed 42 over [-5, 5) is -5 on AWS", "States.MathRandom(-5, 5, 42)", .result("-5")),
        .init("MathRandom: seed 42 over [1, 100)", "States.MathRandom(1, 100, 42)", .result("63")),
        .init(
            "MathRandom: seed 0 over [0, 999)", "States.MathRandom($.s, $.e, $.seed)",
            input: #"{"s": 0, "e": 999, "seed": 0}"#, .result("672")),
        .init("MathRandom: power-of-two bound", "States.MathRandom(0, 1024, 7)", .result("748")),
        .init("MathRandom: negative seed", "States.MathRandom(1, 10, -10)", .result("1")),
        .init("MathRandom: int max bound", "States.MathRandom(0, 2147483647, 123456789)", .result("1426010965")),
        .init("MathRandom: long seed", "States.MathRandom(0, 7, -9223372036854775808)", .result("5")),
        .init("MathRandom: fractional seed truncates", "States.MathRandom(1, 8, 1.9)", .result("5")),
        .init(
            "MathRandom: bounds from nested calls",
            "States.MathRandom(States.MathAdd($.b, 1), States.MathAdd($.b, 5), 42)", input: #"{"b": 0}"#, .result("3")),
        .init("MathRandom: equal bounds", "States.MathRandom(1, 1)", .invalid),
        .init("MathRandom: reversed bounds", "States.MathRandom(10, 5)", .invalid),
        .init("MathRandom: truncation empties the range", "States.MathRandom(1.4, 1.6)", .invalid),
        .init("MathRandom: collapsed bounds", "States.MathRandom(1.49, 1.49)", .invalid),
        .init("MathRandom: 32-bit span overflow", "States.MathRandom(-2147483648, 2147483647)", .invalid),
        .init("MathRandom: string start", "States.MathRandom($.s, 10)", input: #"{"s": "a"}"#, .invalid),
        .init("MathRandom: null end", "States.MathRandom(1, $.e)", input: #"{"e": null}"#, .invalid),
        .init("MathRandom: string seed", "States.MathRandom(1, 10, $.seed)", input: #"{"seed": "seed"}"#, .invalid),
        .init("MathRandom: null seed", "States.MathRandom(1, 10, $.seed)", input: #"{"seed": null}"#, .invalid),
    ]

    @Test(arguments: Self.add + Self.random)
    func evaluates(_ c: IntrinsicCase) throws {
        try c.check()
    }

    /// Unseeded results come from the injected generator: inside `[start, end)`, the same seed
    /// gives the same numbers, and truncated bounds reach the truncated start.
    @Test(arguments: [
        ("States.MathRandom(1, 999)", 1, 999), ("States.MathRandom(1.6, 5.4)", 1, 5),
        ("States.MathRandom(-1000000, 1000000)", -1_000_000, 1_000_000),
    ])
    func unseededStaysInRange(_ text: String, start: Int, end: Int) throws {
        let call = try IntrinsicCall.parse(text)
        var first = SplitMix64(seed: 99)
        var second = SplitMix64(seed: 99)
        var seen: Set<Int> = []
        for _ in 0..<200 {
            let value = try call.evaluate(resolve: { _ in .null }, random: &first)
            let again = try call.evaluate(resolve: { _ in .null }, random: &second)
            #expect(value == again)
            let number = try #require(value.numberValue?.int64Value)
            #expect(number >= start && number < end)
            seen.insert(Int(number))
        }
        #expect(seen.contains(start) || end - start > 200)
        #expect(seen.count > 1)
    }

    /// `new java.util.Random(seed)` sequences, printed by JDK 17.
    @Test(arguments: [
        (Int64(42), Int32(-1_170_105_035)), (0, -1_155_484_576), (1, -1_155_869_325), (-10, 1_158_562_567),
        (3, -1_155_099_828),
    ])
    func javaRandomNextInt(_ seed: Int64, _ expected: Int32) {
        var random = JavaRandom(seed: seed)
        #expect(random.nextInt() == expected)
    }

    @Test(arguments: [
        (Int64(42), Int32(10), Int32(0)), (42, 100, 30), (42, 999, 125), (0, 999, 672), (1, 1000, 985), (-10, 9, 0),
        (3, 1, 0),
        (7, 1024, 748), (123_456_789, 2_147_483_647, 1_426_010_965), (1, 7, 4), (1, 16, 11),
    ])
    func javaRandomNextIntBound(_ seed: Int64, _ bound: Int32, _ expected: Int32) {
        var random = JavaRandom(seed: seed)
        #expect(random.nextInt(bound: bound) == expected)
    }
}
