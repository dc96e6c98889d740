import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// A JSON Pointer written as text.
private func pointer(_ text: String) -> JSONPointer { JSONPointer(parsing: text) ?? JSONPointer() }

/// A machine with unresolved references cannot reach the executor: its constructor reports each
/// one (state, field, name written, pointer).
@Suite struct ResolvedMachineTests {
    /// Parses a definition that may have errors (the validator's ASL-E104/E108 among them).
    static func parse(_ text: String) throws -> StateMachine {
        let result = DefinitionAnalyzer.analyze(SourceFile(path: "test.asl.json", bytes: Array(text.utf8)))
        return try #require(result.machine)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var definition: String
        var expected: [UnresolvedReferences.Reference]
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(
            label: "Next",
            definition: #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}"#,
            expected: [.init(stateName: "A", field: "Next", target: "Nowhere", pointer: pointer("/States/A/Next"))]),
        Case(
            label: "Choice rule Next and Default",
            definition: #"""
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [
                          {"Variable": "$.x", "IsPresent": true, "Next": "Done"},
                          {"Variable": "$.y", "IsPresent": true, "Next": "Gone"}],
                        "Default": "Lost"},
                  "Done": {"Type": "Succeed"}}}
                """#,
            expected: [
                .init(
                    stateName: "C", field: "Choices[1].Next", target: "Gone",
                    pointer: pointer("/States/C/Choices/1/Next")),
                .init(stateName: "C", field: "Default", target: "Lost", pointer: pointer("/States/C/Default")),
            ]),
        Case(
            label: "Catch Next",
            definition: #"""
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler"}], "End": true}}}
                """#,
            expected: [
                .init(
                    stateName: "T", field: "Catch[0].Next", target: "Handler",
                    pointer: pointer("/States/T/Catch/0/Next"))
            ]),
        Case(
            label: "neither Next nor End",
            definition: #"{"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 1}}}"#,
            expected: [.init(stateName: "A", field: "End", target: nil, pointer: pointer("/States/A"))]),
        Case(
            label: "StartAt of a branch, Next across scopes",
            definition: #"""
                {"StartAt": "P", "States": {
                  "P": {"Type": "Parallel", "Branches": [
                          {"StartAt": "Missing", "States": {"B": {"Type": "Pass", "Next": "After"}}}],
                        "Next": "After"},
                  "After": {"Type": "Succeed"}}}
                """#,
            expected: [
                .init(
                    stateName: nil, field: "StartAt", target: "Missing",
                    pointer: pointer("/States/P/Branches/0/StartAt")),
                .init(
                    stateName: "B", field: "Next", target: "After",
                    pointer: pointer("/States/P/Branches/0/States/B/Next")),
            ]),
    ]

    @Test(arguments: cases)
    func theExecutorConstructorReportsEveryUnresolvedReference(_ testCase: Case) throws {
        let machine = try Self.parse(testCase.definition)
        #expect(throws: UnresolvedReferences(references: testCase.expected)) {
            _ = try Executor(machine: machine)
        }
    }

    @Test func theMessageNamesTheStateTheFieldAndTheMissingTarget() throws {
        let machine = try Self.parse(
            #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}, "B": {"Type": "Pass"}}}"#)
        do {
            _ = try ResolvedStateMachine(machine)
            Issue.record("resolved a machine with a missing Next")
        } catch {
            #expect(
                error.description
                    == "the state machine cannot run: state \"A\": Next names \"Nowhere\", which is not a state of "
                    + "its scope (at /States/A/Next); state \"B\" has neither Next nor End (at /States/B)")
        }
    }

    @Test func aResolvedMachineKeepsEveryTargetAsAStateID() throws {
        let machine = try Self.parse(
            #"""
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "T"}],
                    "Default": "Done"},
              "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "Next": "Done"},
              "Done": {"Type": "Succeed"}}}
            """#)
        let resolved = try ResolvedStateMachine(machine)
        let ids = try ["C", "T", "Done"].map { name in try #require(machine.rootScope.stateNames[name]) }
        #expect(resolved.start(of: .root) == ids[0])
        #expect(resolved.transition(of: ids[0]) == .choice(branches: [ids[1]], defaultState: ids[2]))
        #expect(resolved.transition(of: ids[1]) == .next(ids[2]))
        #expect(resolved.catchTargets(of: ids[1]) == [ids[2]])
        #expect(resolved.transition(of: ids[2]) == .end)
    }
}
