import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Synchronization
import Testing

@testable import ASLServer

/// A ``TaskCoordinator`` on a fresh data directory, and ways to call its operations and run
/// executions against it (no `core` needed: executions run on ``Executor`` directly).
struct TasksHarness {
    let directory: TemporaryDirectory
    let coordinator: TaskCoordinator

    /// - Parameter pollSleep: how GetActivityTask waits its timeout; the default waits until the
    ///   poll is answered (a long real sleep, cancelled when a task arrives).
    init(
        directory: TemporaryDirectory? = nil,
        pollSleep: @escaping @Sendable (Double) async -> Void = { _ in try? await Task.sleep(for: .seconds(600)) }
    ) throws {
        self.directory = try directory ?? TemporaryDirectory()
        coordinator = try TaskCoordinator(
            dataDirectory: self.directory.url,
            now: { Date(timeIntervalSince1970: 1_733_331_234.5) }, pollSleep: pollSleep)
    }

    /// Calls an operation with a JSON body given as text.
    func call(_ operation: String, _ body: JSON) async throws(ServiceError) -> JSON {
        try await coordinator.perform(operation: operation, input: body, request: RequestInfo())
    }

    /// The error an operation throws (the test fails when it succeeds).
    func error(_ operation: String, _ body: JSON, sourceLocation: Testing.SourceLocation = #_sourceLocation) async
        -> ServiceError?
    {
        do {
            let response = try await call(operation, body)
            Issue.record("\(operation) succeeded: \(JSONWriter.compact(response))", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    /// The registry an execution under this coordinator uses.
    func registry(_ base: HandlerRegistry = HandlerRegistry()) -> HandlerRegistry {
        var registry = base
        coordinator.decorate(&registry)
        return registry
    }

    /// An executor for `definition` with the decorated registry, a virtual clock and `seed`.
    func executor(
        _ definition: String, handlers: HandlerRegistry = HandlerRegistry(), seed: UInt64 = 1,
        clock: (any ExecutionClock)? = nil, configure: (inout ExecutionOptions) -> Void = { _ in }
    ) throws -> Executor {
        let analysis = DefinitionAnalyzer.analyze(SourceFile(path: "test.asl.json", bytes: Array(definition.utf8)))
        let errors = analysis.diagnostics.filter { $0.severity == .error }.map(\.message)
        #expect(errors == [])
        var options = ExecutionOptions(
            clock: clock ?? VirtualClock(start: Date(timeIntervalSince1970: 1_704_067_200)), seed: seed,
            executionName: "run-\(seed)", stateMachineName: "machine")
        configure(&options)
        return try Executor(machine: try #require(analysis.machine), handlers: registry(handlers), options: options)
    }

    func createActivity(_ name: String) async throws -> String {
        let response = try await call("CreateActivity", ["name": .string(name)])
        return try #require(response["activityArn"]?.stringValue)
    }
}

/// Hands the task tokens a handler or a history sink sees to the test, in order.
final class TokenChannel: Sendable {
    private let stream: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: String.self)
    }

    func send(_ token: String) { continuation.yield(token) }

    /// The next token (waits for it). One caller at a time.
    func next() async -> String? {
        for await token in stream { return token }
        return nil
    }

    /// A history sink that sends the token of each `.waitForTaskToken` task as it is scheduled
    /// (its parameters carry `$$.Task.Token` under `MessageBody.Token`).
    var historySink: @Sendable (HistoryEvent) -> Void {
        { [self] event in
            // The execution ended: a test waiting for a token it will never get stops waiting.
            if [.executionSucceeded, .executionFailed, .executionAborted, .executionTimedOut].contains(event.type) {
                continuation.finish()
            }
            guard event.type == .taskScheduled, case .taskScheduled(let details) = event.details,
                let token = details.parameters["MessageBody"]?["Token"]?.stringValue
            else { return }
            send(token)
        }
    }
}

extension ExecutionResult {
    /// The event types in id order.
    var eventTypes: [String] { history.map(\.type.rawValue) }
}
