import JSONCore
import JSONata
import StatesLanguage
import Testing

/// AWS's added JSONata functions, evaluated through the engine as a state would call them.
@Suite struct AWSJSONataFunctionsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let expression: String
        /// Compact JSON text of the result, or `nil` for undefined.
        let result: String?
        var testDescription: String { expression }
    }

    static func evaluate(_ expression: String, seed: UInt64 = 7) throws -> JSON? {
        let environment = JSONata.EvaluationEnvironment(
            millis: 0, random: JSONata.SeededRandom(seed: seed), hostFunctions: AWSJSONataFunctions.hostFunctions(),
            deniedFunctions: AWSJSONataFunctions.denied)
        return try JSONata.Expression(parsing: expression).evaluate(input: nil, environment: environment)
    }

    static let cases: [Case] = [
        // $partition: LocalStack's AWS recording test_array_partition, then floci's measured edges.
        .init(expression: "$partition([0], 1)", result: "[[0]]"),
        .init(expression: "$partition([0], 5)", result: "[[0]]"),
        .init(expression: "$partition([0,1,2], 2)", result: "[[0,1],[2]]"),
        .init(expression: "$partition([0,1,2,3], 3)", result: "[[0,1,2],[3]]"),
        .init(expression: "$partition([0,1,2,3], 1)", result: "[[0],[1],[2],[3]]"),
        .init(expression: "$partition([0,1,2,3,4], 2.9)", result: "[[0,1],[2,3],[4]]"),
        .init(expression: "$partition([], 2)", result: nil),
        .init(expression: "$partition([1], 0)", result: nil),
        // $range: test_array_range, the guide's example, floci's measured edges.
        .init(expression: "$range(0, 9, 3)", result: "[0,3,6,9]"),
        .init(expression: "$range(0, 10, 3)", result: "[0,3,6,9]"),
        .init(expression: "$range(1, 9, 9)", result: "1"),
        .init(expression: "$range(1, 9, 2)", result: "[1,3,5,7,9]"),
        .init(expression: "$range(0, 10, 2)", result: "[0,2,4,6,8,10]"),
        .init(expression: "$range(5, 1, -2)", result: "[5,3,1]"),
        .init(expression: "$range(-1.7, 2, 1)", result: "[-1,0,1,2]"),
        .init(expression: "$range(1, 5)", result: nil),
        .init(expression: "$range(1, 5, 0)", result: nil),
        .init(expression: "$range(1, 5, -1)", result: nil),
        .init(expression: "$count($range(1, 360145, 1))", result: "360145"),
        // $hash: digests of "input data" (RFC test tools), the algorithm name as written.
        .init(expression: #"$hash("abc", "MD5")"#, result: #""900150983cd24fb0d6963f7d28e17f72""#),
        .init(expression: #"$hash("abc", "SHA-1")"#, result: #""a9993e364706816aba3e25717850c26c9cd0d89d""#),
        .init(
            expression: #"$hash("abc", "SHA-256")"#,
            result: #""ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad""#),
        .init(
            expression: #"$length($hash("abc", "SHA-384")) & "," & $length($hash("abc", "SHA-512"))"#,
            result: #""96,128""#),
        .init(expression: #"$hash("abc")"#, result: nil),
        .init(expression: #"$hash("abc", "sha-256")"#, result: nil),
        // $parse: test_parse (AWS recording) and floci's captured texts.
        .init(expression: #"$parse("-0")"#, result: "0"),
        .init(expression: #"$parse("1.1")"#, result: "1.1"),
        .init(expression: #"$parse("1.0")"#, result: "1"),
        .init(expression: #"$parse("1e2")"#, result: "100"),
        .init(expression: #"$parse("true")"#, result: "true"),
        .init(expression: #"$parse("\"HelloWorld\"")"#, result: #""HelloWorld""#),
        .init(expression: #"$parse("[1, 2, \"HelloWorld\"]")"#, result: #"[1,2,"HelloWorld"]"#),
        .init(expression: #"$parse("{\"Arg1\": 1, \"Arg2\": []}")"#, result: #"{"Arg1":1,"Arg2":[]}"#),
        // $random(seed) is new java.util.Random(seed).nextDouble().
        .init(expression: "$random(42)", result: "0.7275636800328681"),
        .init(expression: "$random(0)", result: "0.730967787376657"),
    ]

    @Test(arguments: Self.cases)
    func evaluates(_ c: Case) throws {
        let result = try Self.evaluate(c.expression)
        #expect(result.map { JSONWriter.compact($0) } == c.result)
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        let expression: String
        let code: String
        let message: String
        var testDescription: String { expression }
    }

    static let failures: [Failure] = [
        // AWS: $eval is undefined, so calling it is T1006 at run time (floci #2737).
        .init(expression: #"$eval("1+1")"#, code: "T1006", message: "Attempted to invoke a non-function"),
        .init(
            expression: "$parse(null)", code: "T0410",
            message: #"Argument 1 of function "parse" does not match function signature"#),
        .init(expression: #"$parse("")"#, code: "D3137", message: "Invalid JSON"),
        .init(expression: #"$parse("{\"a\":1,\"a\":2}")"#, code: "D3137", message: "Invalid JSON"),
        .init(expression: #"$parse("[1,2] [3,4]")"#, code: "D3137", message: "Invalid JSON"),
        .init(expression: #"$parse("1e400")"#, code: "D3137", message: "Invalid JSON"),
        .init(expression: "$range(1, 360146, 1)", code: "", message: AWSJSONataFunctions.memoryLimitMessage),
        .init(expression: "$partition([1], 2, 3)", code: "T0410", message: "does not match function signature"),
    ]

    @Test(arguments: Self.failures)
    func fails(_ c: Failure) {
        let error = #expect(throws: JSONataError.self) { try Self.evaluate(c.expression) }
        #expect(error?.code == c.code)
        #expect(error?.message.hasPrefix(c.message) == true || error?.message.contains(c.message) == true)
    }

    @Test func unseededDrawsComeFromTheEnvironment() throws {
        #expect(try Self.evaluate("$random()", seed: 1) == Self.evaluate("$random()", seed: 1))
        #expect(try Self.evaluate("$random()", seed: 1) != Self.evaluate("$random()", seed: 2))
        let uuid = try #require(try Self.evaluate("$uuid()", seed: 3))
        #expect(try Self.evaluate("$uuid()", seed: 3) == uuid)
        guard case .string(let text) = uuid else {
            Issue.record("not a string: \(uuid)")
            return
        }
        let characters = Array(text)
        #expect(characters.count == 36)
        #expect(characters[14] == "4")
        #expect("89ab".contains(characters[19]))
        #expect(try Self.evaluate("$uuid() = $uuid()") == false)
    }

    @Test func allSixAreRegistered() {
        #expect(
            AWSJSONataFunctions.hostFunctions().map(\.name) == [
                "partition", "range", "hash", "random", "uuid", "parse",
            ])
    }
}
