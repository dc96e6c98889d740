import JSONCore
import StatesLanguage
import Testing

@Suite struct PayloadTemplateTests {
    let base: JSONPointer = ["States", "A", "Parameters"]

    @Test func literalSubtreeStaysLiteral() {
        let json: JSON = ["a": 1, "b": ["c": [true, "x"]]]
        let (template, diagnostics) = PayloadTemplate.compile(json, at: base)
        #expect(template == .literal(json))
        #expect(diagnostics.isEmpty)
    }

    @Test func dynamicFieldsCompileWithoutSuffix() throws {
        let json: JSON = [
            "comment": "hi",
            "id.$": "$.order.id",
            "when.$": "$$.Execution.StartTime",
            "who.$": "$customer.name",
            "msg.$": "States.Format('#{}', $.n)",
            "items": [["x.$": "$.x"], 3],
        ]
        let (template, diagnostics) = PayloadTemplate.compile(json, at: base)
        #expect(diagnostics.isEmpty)
        guard case .object(let fields) = template else {
            Issue.record("expected an object template, got \(template)")
            return
        }
        #expect(fields.map(\.key) == ["comment", "id", "when", "who", "msg", "items"])
        #expect(fields[0].value == .template(.literal("hi")))
        #expect(fields[1].value == .dynamic(.path(try Path.parse("$.order.id"))))
        #expect(fields[2].value == .dynamic(.path(try Path.parse("$$.Execution.StartTime"))))
        #expect(fields[3].value == .dynamic(.path(try Path.parse("$customer.name"))))
        #expect(fields[4].value == .dynamic(.intrinsic(try IntrinsicCall.parse("States.Format('#{}', $.n)"))))
        let items = PayloadTemplate.array([
            .object([.init(key: "x", value: .dynamic(.path(try Path.parse("$.x"))))]),
            .literal(3),
        ])
        #expect(fields[5].value == .template(items))
    }

    struct BadCase: CustomTestStringConvertible, Sendable {
        let name: String
        let json: JSON
        let rule: RuleID
        let pointer: JSONPointer
        let anchor: DiagnosticAnchor
        let message: String
        var severity: Severity = .error
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        .init(
            name: "non-string .$ value", json: ["Input.$": 3], rule: "ASL-E302", pointer: ["Input.$"], anchor: .key,
            message: "\"Input.$\" must be a string holding a path or intrinsic function call, not number"),
        .init(
            name: "object .$ value", json: ["a": ["b.$": ["x": 1]]], rule: "ASL-E302", pointer: ["a", "b.$"],
            anchor: .key, message: "not object"),
        .init(
            name: "invalid path", json: ["Input.$": "$.a["], rule: "ASL-E300", pointer: ["Input.$"], anchor: .value,
            message:
                "\"Input.$\" has invalid path \"$.a[\": expected ']' at column 5"
        ),
        .init(
            name: "invalid path in array", json: ["list": [1, ["k.$": "$.a b"]]], rule: "ASL-E300",
            pointer: ["list", "1", "k.$"], anchor: .value, message: "unexpected character ' ' at column 4"),
        .init(
            name: "plain string", json: ["Input.$": "hello"], rule: "ASL-E300", pointer: ["Input.$"], anchor: .value,
            message: "\"Input.$\" has value \"hello\", which is neither a path nor an intrinsic function call"),
        .init(
            name: "unknown intrinsic", json: ["Msg.$": "States.Formatt('x')"], rule: "ASL-E301", pointer: ["Msg.$"],
            anchor: .value, message: "Unknown intrinsic function \"States.Formatt\" (did you mean \"States.Format\"?)"),
        .init(
            name: "intrinsic arity", json: ["n.$": "States.ArrayLength($.a, $.b)"], rule: "ASL-W301",
            pointer: ["n.$"], anchor: .value,
            message:
                "\"n.$\" calls \"States.ArrayLength($.a, $.b)\", which can only fail: States.ArrayLength takes 1 argument, "
                + "but 2 were given at column 25; AWS accepts the definition and the call fails at run time with States.Runtime",
            severity: .warning),
        .init(
            name: "intrinsic literal type", json: ["m": ["n.$": "States.MathAdd($.a, 'x')"]], rule: "ASL-W301",
            pointer: ["m", "n.$"], anchor: .value,
            message: "argument 2 of States.MathAdd must be a number, not a string at column 21", severity: .warning),
    ]

    @Test(arguments: Self.badCases)
    func reportsProblemAtPrecisePointer(_ c: BadCase) throws {
        let (_, diagnostics) = PayloadTemplate.compile(c.json, at: base)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.rule == c.rule)
        #expect(diagnostic.severity == c.severity)
        #expect(diagnostic.pointer == base.appending(JSONPointer(c.pointer.tokens)))
        #expect(diagnostic.anchor == c.anchor)
        #expect(diagnostic.message.contains(c.message), "\(diagnostic.message)")
    }

    @Test func keepsGoingAfterAProblem() {
        let json: JSON = ["bad.$": 1, "good.$": "$.x", "worse.$": "$[", "plain": "p"]
        let (template, diagnostics) = PayloadTemplate.compile(json, at: base)
        #expect(diagnostics.map(\.rule) == ["ASL-E302", "ASL-E300"])
        guard case .object(let fields) = template else {
            Issue.record("expected an object template")
            return
        }
        #expect(fields.map(\.key) == ["good", "plain"])
    }

    @Test func dynamicValueClassifies() throws {
        #expect(try DynamicValue.parse("$") == .path(Path.parse("$")))
        #expect(try DynamicValue.parse(" $.a ") == .path(Path.parse(" $.a ")))
        #expect(throws: DynamicValueError.self) { try DynamicValue.parse("order.id") }
        #expect(throws: DynamicValueError.self) { try DynamicValue.parse("") }
        let intrinsic = try DynamicValue.parse("States.UUID()")
        guard case .intrinsic(let call) = intrinsic else {
            Issue.record("expected an intrinsic")
            return
        }
        #expect(call.function == .uuid)
    }
}
