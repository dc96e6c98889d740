import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

@Suite struct SmokeTests {
    @Test func passChain() async throws {
        let result = try await run(
            #"""
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Result": {"x": 1}, "ResultPath": "$.a", "Next": "B"},
              "B": {"Type": "Pass", "Parameters": {"copy.$": "$.a.x", "ctx.$": "$$.State.Name"}, "End": true}}}
            """#, input: #"{"in": true}"#)
        #expect(result.status == .succeeded)
        #expect(result.output == (try json(#"{"copy": 1, "ctx": "B"}"#)))
        #expect(
            result.eventTypes == [
                "ExecutionStarted", "PassStateEntered", "PassStateExited", "PassStateEntered", "PassStateExited",
                "ExecutionSucceeded",
            ])
    }
}
