import JSONCore
import Synchronization
import Testing

@testable import JSONata

private let millis = 1_700_000_000_123.0

private func json(_ text: String) throws -> JSON {
    try JSONReader.read(text).value
}

/// `$states` as the runtime binds it: `input`, and a `context` computed only when asked for
/// (counted).
private final class States: JSONata.HostObject {
    let input: JSON
    let context: JSON
    let keys = ["input", "context"]
    private let computations = Mutex(0)

    init(input: JSON, context: JSON) {
        self.input = input
        self.context = context
    }

    var contextComputations: Int { computations.withLock { $0 } }

    func member(_ key: String) -> JSON? {
        guard key == "context" else { return readyMember(key) }
        computations.withLock { $0 += 1 }
        return context
    }

    func readyMember(_ key: String) -> JSON? {
        // Not `key == "input" ? input : nil`: JSON is nil-literal expressible, so that would be null.
        guard key == "input" else { return nil }
        return input
    }
}

private func statesBinding(_ states: States) -> [JSONata.Binding.Member] {
    [.init(key: "states", value: .object(states))]
}

/// Bindings are converted only as far as an expression reads them (SPEC-NOTES.md §13.4): these
/// pin that the lazily converted bindings give exactly what converting everything first gives.
@Suite("JSONata lazy bindings")
struct JSONataLazyBindingTests {
    static let input =
        #"{"n": 3, "obj": {"x": [1, {"y": null}]}, "list": [{"x": 1}, {"x": 2}], "z": -0, "#
        + #""big": 123456789012345678, "s": "t"}"#
    static let context =
        #"{"Execution": {"Id": "arn:x", "Input": {"n": 3}, "Name": "e"}, "#
        + #""State": {"Name": "S", "EnteredTime": "2026-01-01T00:00:00.000Z"}}"#

    /// Expressions over `$states`, each evaluated with `$states` as plain JSON and as the
    /// runtime binds it (a host object computing `context` on demand): the results must be equal.
    static let expressions = [
        "$states.input.n", "$states.input", "$states", "$states.context.Execution.Name", "$states.context",
        "$keys($states)", "$string($states)", "$states.input.list[1]", "$states.input.list.x",
        "$states.missing.x", "$states.input.n.x", "$states.context.Execution.Input.n", "$states.input.s.length",
        #"$states.input ~> |$|{"n": 4}|"#, "$states.input.obj = $states.input.obj",
        "$states.input.obj in [$states.input.obj]", "$states.input.obj.x in [$states.input.obj.x]",
        #"$lookup($states, "input").n"#, "$each($states.input, function($v, $k) { $k })",
        "$sift($states, function($v) { $type($v) = 'object' })", "$states.**.n", "$states.*.Name",
        "1 / $states.input.z < 0", "$states.input.big", "$string($states.input.big)", "$states.input.list[0].x",
        "$states.input.obj.x[1].y", "$states.input.obj.x[]", "[$states.input.obj.x]", "$states.input{'k': n}",
        "$states.input.obj.x ~> $count()", "($s := $states; $s.input.n)", "$states.input.%", "$states.input.n[]",
        "$states.(input.n)", "$states.input.list@$l.$l.x", "$states.input.list#$i.$i",
    ]

    func plainAndLazy(_ expression: String) throws -> (plain: String, lazy: String) {
        let compiled = try JSONata.Expression(parsing: expression)
        let environment = JSONata.EvaluationEnvironment(millis: millis)
        let inputJSON = try json(Self.input)
        let contextJSON = try json(Self.context)
        func describe(_ body: () throws(JSONataError) -> JSON?) -> String {
            do {
                return try body().map(JSONWriter.compact) ?? "undefined"
            } catch {
                return "error \(error.code)"
            }
        }
        let plain = describe { () throws(JSONataError) in
            try compiled.evaluate(
                input: nil, bindings: ["states": ["input": inputJSON, "context": contextJSON]],
                environment: environment)
        }
        let states = States(input: inputJSON, context: contextJSON)
        let lazy = describe { () throws(JSONataError) in
            try compiled.evaluate(input: nil, hostBindings: statesBinding(states), environment: environment)
        }
        return (plain, lazy)
    }

    @Test(arguments: expressions)
    func lazyStatesGiveWhatPlainJSONGives(_ expression: String) throws {
        let results = try plainAndLazy(expression)
        #expect(results.lazy == results.plain)
        #expect(!results.plain.hasPrefix("error"), "the table means each expression to succeed")
    }

    @Test func pinnedResults() throws {
        #expect(try plainAndLazy("1 / $states.input.z < 0").lazy == "true", "-0 stays negative zero")
        #expect(try plainAndLazy("$states.input.big").lazy == "123456789012345680")
        #expect(try plainAndLazy("$states.input.obj in [$states.input.obj]").lazy == "true", "same instance")
        #expect(try plainAndLazy("$keys($states)").lazy == #"["input","context"]"#)
    }

    struct DeferredCase: Sendable, CustomTestStringConvertible {
        var expression: String
        var computations: Int
        var testDescription: String { expression }
    }

    static let deferredCases: [DeferredCase] = [
        .init(expression: "$states.input.n", computations: 0),
        .init(expression: "$states.input.n + $states.input.n", computations: 0),
        .init(expression: "$states.input", computations: 0),
        .init(expression: "$states.context.State.Name", computations: 1),
        .init(expression: "[$states.context.State.Name, $states.context.Execution.Name]", computations: 1),
        .init(expression: "$states", computations: 1),
        .init(expression: "$keys($states)", computations: 0),
        .init(expression: "$states.context.State", computations: 1),
        .init(expression: "[$states.context.State, $states.context.State.Name, $states.context]", computations: 1),
    ]

    /// The context is built only by an evaluation that reaches it, at most once per evaluation
    /// (each evaluation asks again: nothing is kept from one to the next).
    @Test(arguments: deferredCases)
    func deferredMemberIsComputedOnlyWhenReached(_ testCase: DeferredCase) throws {
        let states = States(input: try json(Self.input), context: try json(Self.context))
        let compiled = try JSONata.Expression(parsing: testCase.expression)
        let environment = JSONata.EvaluationEnvironment(millis: millis)
        for round in 1...2 {
            _ = try compiled.evaluate(input: nil, hostBindings: statesBinding(states), environment: environment)
            #expect(states.contextComputations == testCase.computations * round)
        }
    }

    struct SequenceCase: Sendable, CustomTestStringConvertible {
        var first: String
        var second: String
        var expected: String
        var testDescription: String { first }
    }

    /// What one evaluation does to its bindings (assigning over a name, a transform whose
    /// `$clone` returns its argument, which then changes the bound object in place, as in
    /// jsonata-js) is not seen by the next evaluation.
    static let sequences: [SequenceCase] = [
        .init(first: "($states := 5; $states)", second: "$states.input.n", expected: "3"),
        .init(first: "($n := $states.input.n; $n := 9)", second: "$states.input.n", expected: "3"),
        .init(
            first: #"($clone := function($x) { $x }; $states.input ~> |$|{"n": 99}|)"#, second: "$states.input.n",
            expected: "3"),
        .init(
            first: #"($clone := function($x) { $x }; $states.input.obj ~> |$|{"x": 0}|)"#,
            second: "$states.input.obj", expected: #"{"x":[1,{"y":null}]}"#),
    ]

    @Test(arguments: sequences)
    func oneEvaluationDoesNotChangeTheNext(_ testCase: SequenceCase) throws {
        let states = statesBinding(States(input: try json(Self.input), context: try json(Self.context)))
        let environment = JSONata.EvaluationEnvironment(millis: millis)
        let variables: [String: JSON] = ["n": 1]
        _ = try JSONata.Expression(parsing: testCase.first).evaluate(
            input: nil, bindings: variables, hostBindings: states, environment: environment)
        let second = try JSONata.Expression(parsing: testCase.second).evaluate(
            input: nil, bindings: variables, hostBindings: states, environment: environment)
        #expect(second.map(JSONWriter.compact) == testCase.expected)
    }

    /// Within one evaluation the bound object is the same JavaScript object: a transform whose
    /// `$clone` returns its argument changes it for the rest of that evaluation (jsonata-js).
    @Test func inPlaceChangeIsSeenWithinTheSameEvaluation() throws {
        let states = statesBinding(States(input: try json(Self.input), context: try json(Self.context)))
        let result = try JSONata.Expression(
            parsing: #"($clone := function($x) { $x }; $t := $states.input ~> |$|{"n": 99}|; $states.input.n)"#
        ).evaluate(input: nil, hostBindings: states, environment: .init(millis: millis))
        #expect(result == 99)
    }

    @Test func lazyObjectKeepsEachConvertedMember() throws {
        let object = JObject(lazy: .json(try #require(json(#"{"a": {"b": 1}, "c": [2], "d": 3}"#).objectValue)))
        #expect(object.isLazy)
        guard case .object(let first)? = object["a"], case .object(let second)? = object["a"],
            case .array(let list)? = object["c"], case .array(let again)? = object["c"]
        else {
            Issue.record("members of the wrong kind")
            return
        }
        #expect(first === second)
        #expect(list === again)
        #expect(object.keys == ["a", "c", "d"])
        #expect(object.contains("d") && !object.contains("e"))
        object["e"] = .number(4)
        #expect(!object.isLazy)
        guard case .object(let afterWrite)? = object["a"] else {
            Issue.record("member lost")
            return
        }
        #expect(afterWrite === first)
        #expect(object.keys == ["a", "c", "d", "e"])
        #expect(try Value.object(object).toJSON() == json(#"{"a": {"b": 1}, "c": [2], "d": 3, "e": 4}"#))
    }

    /// Integer literals that fit `Int64` convert without `strtod`; the double must be the one
    /// `strtod` gives (rounded to nearest, ties to even), and `-0` must stay negative.
    @Test(arguments: [
        "0", "-0", "1", "-1", "9007199254740993", "-9007199254740995", "123456789012345678", "999999999999999999",
        "12345678901234567890", "1e2", "1.5", "-0.0",
    ])
    func integerConversionMatchesStrtod(_ text: String) throws {
        let number = try #require(JSONNumber(text: text))
        let expected = try #require(Double(text))
        let converted = Value.double(number)
        #expect(converted == expected)
        #expect(converted.sign == expected.sign)
    }

    /// A frame past its linear-search size keeps an index; bindings stay found.
    @Test func manyBindingsInOneBlock() throws {
        let result = try JSONata.Expression(
            parsing: "($a:=1;$b:=2;$c:=3;$d:=4;$e:=5;$f:=6;$g:=7;$h:=8;$i:=9;$j:=10;$a:=11;$a+$j+$e)"
        ).evaluate(input: nil, environment: .init(millis: millis))
        #expect(result == 26)
    }
}

/// The scalar fast path (`ScalarProgram`) must give exactly what the general evaluator gives:
/// the same JSON, or the same error with the same code, message and position.
@Suite("JSONata scalar fast path")
struct JSONataScalarProgramTests {
    static let expressions = [
        "$a + $b", "$a - $b", "$a * $b", "$a / $b", "$a % $b", "$a < $b", "$a <= $b", "$a > $b", "$a >= $b",
        "$a = $b", "$a != $b", "$a + 1 * $b", "$a < $b + 1", "$a", "$s.x.y", "$s.x", "$s.arr", "$s.arr.z",
        "$h.input.n", "$h.input.m < $a", "$h.context.v", "$h.input", "$missing + 1", "$a & $b", "1.50", "\"x\"",
        "true", "null", "-$a", "$s.x.y = $a", "$h.input.n = $h.input.n",
    ]
    static let values = [
        "1", "-0", "0", "1.5", "1e308", "1e400", "\"s\"", "\"t\"", "\"\u{e9}\"", "true", "null", "[1]", "{\"x\":1}",
        "9007199254740993", "12345678901234567890",
    ]

    /// `$h` as the runtime binds `$states`: `input` ready, `context` computed.
    private final class Host: JSONata.HostObject {
        let keys = ["input", "context"]
        let input: JSON
        init(input: JSON) { self.input = input }
        func member(_ key: String) -> JSON? {
            guard key == "context" else { return readyMember(key) }
            return ["v": 2]
        }
        func readyMember(_ key: String) -> JSON? {
            guard key == "input" else { return nil }
            return input
        }
    }

    private static func describe(_ body: () throws(JSONataError) -> JSON?) -> String {
        do {
            return try body().map(JSONWriter.compact) ?? "undefined"
        } catch {
            return "error \(error.code) at \(error.position.map(String.init) ?? "-"): \(error.message)"
        }
    }

    @Test(arguments: expressions)
    func givesWhatTheGeneralEvaluatorGives(_ source: String) throws {
        let expression = try JSONata.Expression(parsing: source)
        let environment = JSONata.EvaluationEnvironment(millis: 0)
        for a in Self.values {
            for b in Self.values {
                let left = try JSONReader.read(a).value
                let right = try JSONReader.read(b).value
                let bindings: [String: JSON] = ["a": left, "b": right, "s": ["x": ["y": right], "arr": [left]]]
                let host: [JSONata.Binding.Member] = [
                    .init(key: "h", value: .object(Host(input: ["n": left, "m": right])))
                ]
                let fast = Self.describe { () throws(JSONataError) in
                    try expression.evaluate(
                        input: nil, bindings: bindings, hostBindings: host, environment: environment)
                }
                let general = Self.describe { () throws(JSONataError) in
                    switch try expression.evaluateInGeneral(
                        input: nil, bindings: bindings, hostBindings: host, environment: environment)
                    {
                    case .value(let json): json
                    case .undefined: nil
                    case .function: "function"
                    }
                }
                #expect(fast == general, "a = \(a), b = \(b)")
            }
        }
    }

    /// The loop of the runtime benchmark is what the fast path is for: its expressions compile.
    @Test(arguments: ["$i + 1", "$i < $states.input.n", "$states.input.n", "$states.input.i"])
    func benchmarkExpressionsCompile(_ source: String) throws {
        #expect(try JSONata.Expression(parsing: source).scalarProgram != nil)
    }

    @Test(arguments: ["$f($a)", "$a & 1", "($a + 1)", "$s[0]", "$s.x[]", "$", "$$.a", "a.b", "$a.b.%"])
    func otherExpressionsDoNot(_ source: String) throws {
        #expect(try JSONata.Expression(parsing: source).scalarProgram == nil)
    }
}

/// What leaves the engine as a result (SPEC-NOTES.md §13.1): a non-finite number is written as
/// the string JavaScript gives (AWS answers `1/0` with `"Infinity"`, not a failure), while a
/// non-finite operand is still jsonata-js's D1001; a function is told apart from `""`.
@Suite("JSONata results")
struct JSONataResultTests {
    @Test(arguments: [
        ("1/0", #""Infinity""#), ("-1/0", #""-Infinity""#), ("1e308 * 10", #""Infinity""#), ("0/0", #""NaN""#),
        (#"{"a": 1/0, "b": [2, -1/0]}"#, #"{"a":"Infinity","b":[2,"-Infinity"]}"#),
        ("1/(10e300 * 10e100)", "error D1001"), ("$string(1/0)", "error D3001"), ("0/0 = 0/0", "false"),
    ])
    func nonFiniteNumbers(_ testCase: (String, String)) throws {
        let expression = try JSONata.Expression(parsing: testCase.0)
        let described: String
        do {
            described =
                try expression.evaluate(input: nil, environment: .init(millis: 0)).map(JSONWriter.compact)
                ?? "undefined"
        } catch {
            described = "error \(error.code)"
        }
        #expect(described == testCase.1)
    }

    @Test func functionResultIsToldApart() throws {
        let environment = JSONata.EvaluationEnvironment(millis: 0)
        #expect(try JSONata.Expression(parsing: "$sum").evaluation(input: nil, environment: environment) == .function)
        #expect(try JSONata.Expression(parsing: "$sum").evaluate(input: nil, environment: environment) == "")
        #expect(
            try JSONata.Expression(parsing: "[$sum]").evaluation(input: nil, environment: environment) == .value([""]))
        #expect(
            try JSONata.Expression(parsing: "$nothing").evaluation(input: nil, environment: environment) == .undefined)
    }
}
