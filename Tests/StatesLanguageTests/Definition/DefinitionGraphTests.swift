import JSONCore
import StatesLanguage
import Testing

/// The shape of the built graph: IDs, scopes, resolved references, compiled fields.
@Suite struct DefinitionGraphTests {
    @Test func statesAreNumberedDepthFirstAndScopesInOrder() throws {
        let (machine, diagnostics) = try parseDefinition(
            """
            {"StartAt": "A", "States": {
              "A": {"Type": "Parallel", "Next": "D", "Branches": [
                {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}},
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemProcessor": {"StartAt": "C", "States": {"C": {"Type": "Succeed"}}}}}}]},
              "D": {"Type": "Succeed"}}}
            """)
        #expect(diagnostics.isEmpty)
        let parsed = try #require(machine)
        #expect(parsed.states.map(\.name) == ["A", "B", "M", "C", "D"])
        #expect(parsed.states.map(\.id) == (0..<5).map { StateID($0) })
        #expect(parsed.scopes.count == 4)
        #expect(parsed.scopes[0].kind == .root)
        #expect(parsed.scopes[1].kind == .parallelBranch(parent: StateID(0), index: 0))
        #expect(parsed.scopes[2].kind == .parallelBranch(parent: StateID(0), index: 1))
        #expect(parsed.scopes[3].kind == .mapItemProcessor(parent: StateID(2)))
        #expect(parsed.scopes[0].stateNames == ["A": StateID(0), "D": StateID(4)])
        #expect(parsed.scopes[3].startAt?.id == StateID(3))
        #expect(parsed.states[0].successors == [StateID(4)])
        #expect(parsed[StateID(3)].common.scope == ScopeID(3))
        #expect(
            parsed.states[3].common.pointer == [
                "States", "A", "Branches", "1", "States", "M", "ItemProcessor", "States", "C",
            ])
    }

    @Test func compilesTypedFields() throws {
        let (machine, diagnostics) = try parseDefinition(
            """
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSecondsPath": "$.t",
                    "HeartbeatSeconds": 5, "InputPath": null, "ResultPath": "$.r",
                    "Retry": [{"ErrorEquals": ["States.Timeout"], "BackoffRate": 3, "JitterStrategy": "NONE"}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F"}], "Next": "W"},
              "W": {"Type": "Wait", "Timestamp": "2030-01-01T00:00:00Z", "Next": "F"},
              "F": {"Type": "Fail", "ErrorPath": "States.Format('E{}', $.n)", "Cause": "c"}}}
            """)
        #expect(diagnostics.isEmpty)
        let parsed = try #require(machine)
        guard case .task(let task) = parsed.states[0] else { throw Failure("expected a Task") }
        #expect(task.timeoutSeconds == .path(try Path.parse("$.t")))
        #expect(task.heartbeatSeconds == .literal(5))
        #expect(task.io.inputPath == .null)
        #expect(task.io.resultPath == .path(try Path.parse("$.r")))
        #expect(task.errorHandling.retriers.first?.backoffRate == JSONNumber(3))
        #expect(task.errorHandling.retriers.first?.jitterStrategy == Retrier.JitterStrategy.none)
        #expect(task.errorHandling.catchers.first?.next.id == StateID(2))
        guard case .wait(let wait) = parsed.states[1] else { throw Failure("expected a Wait") }
        #expect(wait.duration == .timestamp(.literal("2030-01-01T00:00:00Z")))
        // Compiled when parsed: the runtime reads the instant, never the text.
        guard case .timestamp(.literal(let literal)) = wait.duration else { throw Failure("expected a literal") }
        #expect(literal.instant == TimestampInstant(epochSeconds: 1_893_456_000))
        guard case .fail(let fail) = parsed.states[2] else { throw Failure("expected a Fail") }
        #expect(fail.error == .intrinsic(try IntrinsicCall.parse("States.Format('E{}', $.n)")))
        #expect(fail.cause == .literal("c"))
    }

    @Test func choiceRulesAndJSONataConditions() throws {
        let (machine, diagnostics) = try parseDefinition(
            """
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Default": "J", "Choices": [
                {"Not": {"Variable": "$.a", "NumericGreaterThanPath": "$.b"}, "Next": "J"}]},
              "J": {"Type": "Choice", "QueryLanguage": "JSONata",
                    "Choices": [{"Condition": "{% $states.input.ok %}", "Next": "E"}]},
              "E": {"Type": "Succeed"}}}
            """)
        #expect(diagnostics.isEmpty)
        let parsed = try #require(machine)
        guard case .choice(let first) = parsed.states[0], case .choice(let second) = parsed.states[1] else {
            throw Failure("expected Choice states")
        }
        let comparison = ChoiceComparison(
            variable: try Path.parse("$.a"), comparisonOperator: .numericGreaterThanPath,
            operand: .path(try Path.parse("$.b")))
        let pointer: JSONPointer = ["States", "C", "Choices", "0"]
        #expect(
            first.choices[0].rule
                == ChoiceRule(.not(ChoiceRule(.comparison(comparison), pointer: pointer / "Not")), pointer: pointer))
        #expect(first.defaultState?.id == StateID(1))
        #expect(second.common.queryLanguage == .jsonata)
        #expect(
            second.choices[0].rule.kind == .condition(.expression(try JSONataExpression(source: "$states.input.ok"))))
        #expect(second.choices[0].next.id == StateID(2))
    }

    @Test func machineWithErrorsIsStillReturned() throws {
        let (machine, diagnostics) = try parseDefinition(
            #"{"StartAt": "A", "States": {"A": {"Type": "Pas", "End": true}, "B": {"Type": "Pass", "Next": "A"}}}"#)
        #expect(diagnostics.map(\.rule) == [.invalidEnumValue])
        #expect(machine?.states.map(\.name) == ["B"])
        #expect(machine?.rootScope.startAt?.id == nil)
    }

    @Test func noMachineWithoutStates() throws {
        #expect(try parseDefinition("[]").machine == nil)
        #expect(try parseDefinition(#"{"StartAt": "A"}"#).machine == nil)
        #expect(try parseDefinition(#"{"StartAt": "A", "States": {}}"#).machine != nil)
    }

    @Test func placeholdersCanBeRejected() throws {
        let text = #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": "${S}", "End": true}}}"#
        #expect(try parseDefinition(text).diagnostics.isEmpty)
        let strict = try parseDefinition(text, options: ParseOptions(allowsPlaceholders: false))
        #expect(strict.diagnostics.map(\.rule) == [.wrongFieldType])
    }

    @Test func registryListsEveryParserRule() {
        #expect(RuleDescription.parserRules.map(\.id.rawValue) == (100...111).map { "ASL-E\($0)" })
    }
}

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
