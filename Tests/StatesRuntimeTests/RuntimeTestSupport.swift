import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// Parses a definition written as JSON text; the test fails when it has errors.
func machine(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> StateMachine {
    let result = DefinitionAnalyzer.analyze(SourceFile(path: "test.asl.json", bytes: Array(text.utf8)))
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "definition errors: \(errors.map(\.message))", sourceLocation: sourceLocation)
    return try #require(result.machine, sourceLocation: sourceLocation)
}

/// Reads JSON text.
func json(_ text: String) throws -> JSON {
    try JSONReader.read(text).value
}

/// The fixed instant tests start their virtual clocks at: 2024-01-01T00:00:00Z.
let testEpoch = Date(timeIntervalSince1970: 1_704_067_200)

/// Runs a definition on an input with a virtual clock at ``testEpoch`` and seed 7.
func run(
    _ definition: String, input: String = "{}", handlers: HandlerRegistry = HandlerRegistry(),
    options: ExecutionOptions? = nil
) async throws -> ExecutionResult {
    var effective = options ?? ExecutionOptions()
    if effective.clock == nil { effective.clock = VirtualClock(start: testEpoch) }
    if effective.executionName == nil { effective.executionName = "test-execution" }
    let executor = try Executor(machine: try machine(definition), handlers: handlers, options: effective)
    return await executor.run(input: try json(input))
}

extension ExecutionResult {
    /// The event types in id order.
    var eventTypes: [String] { history.map(\.type.rawValue) }
}
