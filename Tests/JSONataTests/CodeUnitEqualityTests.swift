import JSONCore
import StatesTestSupport
import Testing

@testable import JSONata

/// JSONata compares strings as JavaScript does, by UTF-16 code units, so canonically equivalent
/// but different strings are different values and keys (SPEC-NOTES §1 "String equality").
@Suite("JSONata code-unit string equality")
struct JSONataCodeUnitEqualityTests {
    typealias Pair = CodeUnitPair
    static let pairs = CodeUnitPair.all

    struct Check: Sendable {
        let expression: String
        let ifSame: JSON?
        let ifDistinct: JSON?
        /// When the two strings are one key, an object constructor naming both fails (jsonata-js D1009).
        var sameFailsWith: String? = nil
    }

    /// `a` and `b` are the pair's two strings (input members, or `$p`/`$q` bindings).
    static let checks: [Check] = [
        Check(expression: "a = b", ifSame: true, ifDistinct: false),
        Check(expression: "a != b", ifSame: false, ifDistinct: true),
        Check(expression: "$p = $q", ifSame: true, ifDistinct: false),
        Check(expression: "$p != $q", ifSame: false, ifDistinct: true),
        Check(expression: "a <= b and b <= a", ifSame: true, ifDistinct: false),
        Check(expression: "a in [b]", ifSame: true, ifDistinct: false),
        Check(expression: "a in [\"x\", b]", ifSame: true, ifDistinct: false),
        Check(expression: "$count($distinct([a, b]))", ifSame: 1, ifDistinct: 2),
        Check(expression: "$count($distinct([{\"k\": a}, {\"k\": b}]))", ifSame: 1, ifDistinct: 2),
        Check(expression: "$count($keys({a: 1, b: 2}))", ifSame: 1, ifDistinct: 2, sameFailsWith: "D1009"),
        Check(expression: "$count($keys($merge([{a: 1}, {b: 2}])))", ifSame: 1, ifDistinct: 2),
        Check(expression: "$count($keys([{a: 1}, {b: 2}]))", ifSame: 1, ifDistinct: 2),
        Check(expression: "$count($spread({a: 1, b: 2}))", ifSame: 1, ifDistinct: 2, sameFailsWith: "D1009"),
        Check(expression: "$lookup({a: 1}, b)", ifSame: 1, ifDistinct: nil),
        Check(expression: "$count($keys([a, b]{$: 1}))", ifSame: 1, ifDistinct: 2),
        Check(expression: "$contains(a, b)", ifSame: true, ifDistinct: false),
        Check(expression: "$count($split(a & b & a, b))", ifSame: 4, ifDistinct: 2),
        Check(expression: "$substringBefore(a & \"x\" & b, b) = a & \"x\"", ifSame: false, ifDistinct: true),
        Check(expression: "$substringAfter(b & \"x\" & a, b) = \"x\" & a", ifSame: true, ifDistinct: true),
        Check(expression: "$replace(a & b, b, \"\") = a", ifSame: false, ifDistinct: true),
        Check(
            expression: "$lookup($sift({a: 1, b: 2}, function($v, $k) { $k = a }), a)", ifSame: 2, ifDistinct: 1,
            sameFailsWith: "D1009"),
    ]

    @Test(arguments: pairs, checks.indices)
    func evaluates(_ c: Pair, check index: Int) throws {
        let check = Self.checks[index]
        let expression = try JSONata.Expression(parsing: check.expression)
        if c.same, let code = check.sameFailsWith {
            let error = #expect(throws: JSONataError.self) {
                try expression.evaluate(
                    input: ["a": .string(c.first), "b": .string(c.second)],
                    environment: JSONata.EvaluationEnvironment(millis: 0))
            }
            #expect(error?.code == code)
            return
        }
        let result = try expression.evaluate(
            input: ["a": .string(c.first), "b": .string(c.second)],
            bindings: ["p": .string(c.first), "q": .string(c.second)],
            environment: JSONata.EvaluationEnvironment(millis: 0))
        let expected = c.same ? check.ifSame : check.ifDistinct
        #expect(result == expected, "\(check.expression)")
    }

    /// Variables whose names are canonically equivalent are two variables.
    @Test func variableNamesAreDistinct() throws {
        for (first, second) in [("\u{E9}", "e\u{301}"), ("\u{AC00}", "\u{1100}\u{1161}")] {
            let source = "($\(first) := 1; $\(second) := 2; [$\(first), $\(second)])"
            let expression = try JSONata.Expression(parsing: source)
            let result = try expression.evaluate(input: nil, environment: JSONata.EvaluationEnvironment(millis: 0))
            #expect(result == [1, 2])
        }
    }

    /// Literal search finds code units, not canonically equivalent text: `"cafe\u{301}"` holds an
    /// `"e"` and no `"\u{E9}"` (JavaScript `includes`, `indexOf`, `split`).
    @Test func literalSearchIsByCodeUnits() throws {
        let cases: [(String, JSON)] = [
            ("$contains(s, \"e\")", true),
            ("$contains(s, p)", false),
            ("$split(s, \"e\")", ["caf", "\u{301}!"]),
            ("$split(s, p)", ["cafe\u{301}!"]),
            ("$substringBefore(s, \"e\")", "caf"),
            ("$substringAfter(s, \"e\")", "\u{301}!"),
            ("$substringBefore(s, p)", "cafe\u{301}!"),
            ("$replace(s, \"e\", \"E\")", "cafE\u{301}!"),
            ("$replace(s, p, \"E\")", "cafe\u{301}!"),
        ]
        for (source, expected) in cases {
            let expression = try JSONata.Expression(parsing: source)
            let result = try expression.evaluate(
                input: ["s": "cafe\u{301}!", "p": "\u{E9}"], environment: JSONata.EvaluationEnvironment(millis: 0))
            #expect(result == expected, "\(source)")
        }
    }
}
