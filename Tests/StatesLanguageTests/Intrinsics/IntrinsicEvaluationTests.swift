import JSONCore
import StatesLanguage
import Testing

/// What evaluation does around the function bodies: argument order, nested calls, which call a
/// failure names, errors from `resolve`, and calls built by hand with the wrong argument count.
@Suite struct IntrinsicEvaluationTests {
    static let cases: [IntrinsicCase] = [
        .init(
            "a failing nested call: the whole field value is named (observed on AWS)",
            "States.Format('{}', States.ArrayGetItem($.a, 5))", input: #"{"a": [1]}"#,
            .cause(
                "The function 'States.Format('{}', States.ArrayGetItem($.a, 5))' had the following error: "
                    + "Invalid arguments in States.ArrayGetItem"
            )),
        .init(
            "the outer call is named when its own arguments are wrong",
            "States.MathAdd(States.Array(1), 1)",
            .cause(
                "The function 'States.MathAdd(States.Array(1), 1)' had the following error: Invalid arguments in States.MathAdd"
            )),
        .init(
            "a missing path keeps resolve's reason after the call",
            "States.Hash($.missing, 'SHA-256')",
            .cause(
                "The function 'States.Hash($.missing, 'SHA-256')' had the following error: The JsonPath argument for the field '$.missing' could not be found in the input '{}'"
            )),
        .init(
            "a missing path inside a nested call names the outer call",
            "States.Array(1, States.Base64Encode($.missing))",
            .cause(
                "The function 'States.Array(1, States.Base64Encode($.missing))' had the following error: The JsonPath "
                    + "argument for the field '$.missing' could not be found in the input '{}'"
            )),
        .init("call text as written", "States.MathAdd( $.a ,$.b )", input: #"{"a": 1, "b": true}"#, .invalid),
    ]

    @Test(arguments: Self.cases)
    func evaluates(_ c: IntrinsicCase) throws {
        try c.check()
    }

    /// Arguments are evaluated left to right, so the first failing one is reported.
    @Test func argumentsAreResolvedLeftToRight() throws {
        var order: [String] = []
        var random = SplitMix64(seed: 1)
        let call = try IntrinsicCall.parse("States.Array($.a, States.Array($.b), $.c)")
        let value = try call.evaluate(
            resolve: { path in
                order.append(path.source)
                return .string(path.source)
            }, random: &random)
        #expect(order == ["$.a", "$.b", "$.c"])
        #expect(value == ["$.a", ["$.b"], "$.c"])
    }

    /// An error `resolve` throws keeps its name (the runtime decides it).
    @Test func resolveErrorKeepsItsName() throws {
        var random = SplitMix64(seed: 1)
        let call = try IntrinsicCall.parse("States.ArrayLength($.a)")
        #expect(
            throws: StatesError(
                "Custom.Name",
                "The function 'States.ArrayLength($.a)' had the following error: why")
        ) {
            try call.evaluate(
                resolve: { _ throws(StatesError) in throw StatesError("Custom.Name", "why") }, random: &random)
        }
    }

    struct Built: CustomTestStringConvertible, Sendable {
        let function: IntrinsicFunction
        let arguments: [IntrinsicArgument]
        var testDescription: String { "\(function.name) with \(arguments.count) arguments" }
    }

    /// Calls built without the parser still check their argument count at run time.
    @Test(arguments: [
        Built(function: .hash, arguments: [.string("x")]),
        Built(function: .jsonToString, arguments: []),
        Built(function: .uuid, arguments: [.number(JSONNumber(1))]),
        Built(
            function: .mathRandom,
            arguments: [.number(JSONNumber(1)), .number(JSONNumber(2)), .number(JSONNumber(3)), .null]),
        Built(function: .format, arguments: []),
        Built(
            function: .arrayGetItem,
            arguments: [.call(IntrinsicCall(function: .array, arguments: [], source: "States.Array()"))]),
    ])
    func wrongArgumentCount(_ b: Built) {
        let call = IntrinsicCall(function: b.function, arguments: b.arguments, source: "\(b.function.name)(…)")
        var random = SplitMix64(seed: 1)
        #expect(
            throws: StatesError(
                .runtime,
                "The function '\(b.function.name)(…)' had the following error: Invalid arguments in \(b.function.name)"
            )
        ) {
            try call.evaluate(resolve: { _ in .null }, random: &random)
        }
    }

    /// A literal template with no compiled form (a call built by hand) is read at run time.
    @Test func formatWithoutCompiledTemplate() throws {
        let call = IntrinsicCall(
            function: .format, arguments: [.string("{}!"), .number(JSONNumber(1))], source: "States.Format('{}!', 1)")
        var random = SplitMix64(seed: 1)
        #expect(try call.evaluate(resolve: { _ in .null }, random: &random) == "1!")
    }
}
