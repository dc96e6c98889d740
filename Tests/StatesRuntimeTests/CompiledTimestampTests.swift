import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// Literal timestamps (Wait `Timestamp`, Choice `Timestamp…` operands) are parsed when the
/// definition is parsed; the executor uses the compiled instant and never reads the text again.
/// The tests give a literal whose text is no timestamp at all but whose instant is set: a runtime
/// that parsed the text would fail or not match.
@Suite struct CompiledTimestampTests {
    /// 2024-01-01T00:00:30Z: 30 s after ``testEpoch``.
    static let halfAMinuteIn = TimestampInstant(epochSeconds: 1_704_067_230)

    static func execute(_ machine: StateMachine, input: JSON = [:]) async throws -> ExecutionResult {
        let options = ExecutionOptions(clock: VirtualClock(start: testEpoch), executionName: "compiled")
        return try await Executor(machine: machine, options: options).run(input: input)
    }

    @Test func aWaitStateWaitsUntilTheCompiledInstant() async throws {
        var parsed = try machine(
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Timestamp": "2030-01-01T00:00:00Z", "End": true}}}"#)
        guard case .wait(var wait) = parsed.states[0] else { throw Unexpected("expected a Wait") }
        wait.duration = .timestamp(.literal(TimestampLiteral(text: "half a minute in", instant: Self.halfAMinuteIn)))
        parsed.states[0] = .wait(wait)
        let result = try await Self.execute(parsed)
        #expect(result.status == .succeeded, "\(result.error ?? ""): \(result.cause ?? "")")
        let exited = try #require(result.history.first { $0.type == .waitStateExited })
        #expect(exited.timestamp.timeIntervalSince(testEpoch) == 30)
    }

    @Test func aWaitLiteralThatDidNotCompileFailsWithAWSsTextNamingIt() async throws {
        let result = try await StatesRuntimeTests.run(
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Timestamp": "2016-02-30T00:00:00Z", "End": true}}}"#)
        #expect(result.status == .failed)
        #expect(result.error == "States.Runtime")
        #expect(
            result.cause?.hasSuffix(
                "The Timestamp parameter does not reference a valid ISO-8601 extended offset date-time format "
                    + "string: 2016-02-30T00:00:00Z") == true)
    }

    @Test(arguments: [
        (op: ComparisonOperator.timestampEquals, value: "2024-01-01T00:00:30Z", expected: true),
        (op: .timestampEquals, value: "2024-01-01T02:00:30+02:00", expected: true),
        (op: .timestampLessThan, value: "2024-01-01T00:00:29Z", expected: true),
        (op: .timestampLessThan, value: "2024-01-01T00:00:30Z", expected: false),
        (op: .timestampLessThanEquals, value: "2024-01-01T00:00:30Z", expected: true),
        (op: .timestampGreaterThan, value: "2024-01-01T00:00:31Z", expected: true),
        (op: .timestampGreaterThanEquals, value: "2024-01-01T00:00:29Z", expected: false),
        (op: .timestampEquals, value: "not a time", expected: false),
    ])
    func aChoiceComparesTheVariableWithTheCompiledInstant(
        _ testCase: (op: ComparisonOperator, value: String, expected: Bool)
    ) async throws {
        var parsed = try machine(
            #"""
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [
                      {"Variable": "$.t", "TimestampEquals": "2030-01-01T00:00:00Z", "Next": "Yes"}],
                    "Default": "No"},
              "Yes": {"Type": "Pass", "Result": "yes", "End": true},
              "No": {"Type": "Pass", "Result": "no", "End": true}}}
            """#)
        guard case .choice(var choice) = parsed.states[0],
            case .comparison(var comparison) = choice.choices[0].rule.kind
        else { throw Unexpected("expected a Choice comparison") }
        comparison.comparisonOperator = testCase.op
        comparison.operand = .timestamp(TimestampLiteral(text: "half a minute in", instant: Self.halfAMinuteIn))
        choice.choices[0].rule.kind = .comparison(comparison)
        parsed.states[0] = .choice(choice)
        let result = try await Self.execute(parsed, input: ["t": .string(testCase.value)])
        #expect(result.output == .string(testCase.expected ? "yes" : "no"))
    }

    @Test func theParserCompilesChoiceTimestampOperands() throws {
        let parsed = try machine(
            #"""
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [
                      {"Variable": "$.t", "TimestampLessThan": "2024-01-01T02:00:30+02:00", "Next": "Done"}],
                    "Default": "Done"},
              "Done": {"Type": "Succeed"}}}
            """#)
        guard case .choice(let choice) = parsed.states[0],
            case .comparison(let comparison) = choice.choices[0].rule.kind
        else { throw Unexpected("expected a Choice comparison") }
        #expect(comparison.operand == .timestamp("2024-01-01T02:00:30+02:00"))
        guard case .timestamp(let literal) = comparison.operand else { return }
        #expect(literal.instant == TimestampInstant(epochSeconds: 1_704_067_230, offsetSeconds: 7200))
    }
}

/// A definition did not have the shape a test builds on.
private struct Unexpected: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
