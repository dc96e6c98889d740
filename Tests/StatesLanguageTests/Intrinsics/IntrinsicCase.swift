import JSONCore
import StatesLanguage
import Testing

/// One evaluation: a call, the input its `$.name` paths read, and what AWS gives.
struct IntrinsicCase: CustomTestStringConvertible, Sendable {
    enum Expected: Sendable {
        /// The result, as compact JSON text (so number text and member order are checked too).
        case result(String)
        /// `States.Runtime`, "The function '<call>' had the following error:
        /// Invalid arguments in <function>", naming the whole call.
        case invalid
        /// `States.Runtime` with exactly this cause.
        case cause(String)
    }

    let name: String
    let call: String
    let input: String
    let expected: Expected

    init(_ name: String, _ call: String, input: String = "{}", _ expected: Expected) {
        self.name = name
        self.call = call
        self.input = input
        self.expected = expected
    }

    var testDescription: String { name }

    /// Parses the call, evaluates it against the input with a seeded generator, and checks the outcome.
    func check(seed: UInt64 = 7, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let parsed = try IntrinsicCall.parse(call)
        let document = try JSONReader.read(input).value
        var random = SplitMix64(seed: seed)
        let outcome: Result<JSON, StatesError>
        do {
            let resolve = { (path: Path) throws(StatesError) -> JSON in try Self.resolve(path, in: document) }
            outcome = .success(try parsed.evaluate(resolve: resolve, random: &random))
        } catch {
            outcome = .failure(error)
        }
        switch (expected, outcome) {
        case (.result(let text), .success(let value)):
            // Byte comparison: Swift's `==` would equate "é" with "e\u{301}".
            let actual = JSONWriter.compact(value)
            #expect(actual.utf8.elementsEqual(text.utf8), "\(actual) is not \(text)", sourceLocation: sourceLocation)
        case (.invalid, .failure(let error)):
            #expect(error.name == .runtime, sourceLocation: sourceLocation)
            #expect(error.cause == Self.invalidCause(parsed), sourceLocation: sourceLocation)
        case (.cause(let text), .failure(let error)):
            #expect(error.name == .runtime, sourceLocation: sourceLocation)
            #expect(error.cause == text, sourceLocation: sourceLocation)
        case (_, .success(let value)):
            Issue.record("expected a failure, got \(JSONWriter.compact(value))", sourceLocation: sourceLocation)
        case (_, .failure(let error)):
            Issue.record("expected \(expected), got \(error)", sourceLocation: sourceLocation)
        }
    }

    static func invalidCause(_ call: IntrinsicCall) -> String {
        "The function '\(call.source)' had the following error: Invalid arguments in \(call.function.name)"
    }

    /// `$.a.b` style paths over the input; anything else, or a missing member, fails the way the
    /// runtime reports it.
    static func resolve(_ path: Path, in input: JSON) throws(StatesError) -> JSON {
        var current = input
        for segment in path.segments {
            guard case .name(let name) = segment, let next = current[name] else {
                throw StatesError(
                    .runtime,
                    "The JsonPath argument for the field '\(path.source)' could not be found in the input '\(JSONWriter.compact(input))'"
                )
            }
            current = next
        }
        return current
    }
}
