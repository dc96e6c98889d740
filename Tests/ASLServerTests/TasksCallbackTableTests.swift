import JSONCore
import Synchronization
import Testing

@testable import ASLServer

/// The token table on its own: which refusal each token state gets, heartbeats reaching the
/// task, and answers that come before the wait.
@Suite struct TasksCallbackTableTests {
    static let token = String(repeating: "t", count: 64)

    @Test func aHeartbeatReachesTheWaitingTask() throws {
        let table = CallbackTable()
        let beats = Mutex(0)
        #expect(table.open(Self.token) { beats.withLock { $0 += 1 } })
        try table.heartbeat(Self.token)
        try table.heartbeat(Self.token)
        #expect(beats.withLock { $0 } == 2)
    }

    @Test func anAnswerBeforeTheWaitIsKept() async throws {
        let table = CallbackTable()
        #expect(table.open(Self.token) {})
        try table.complete(Self.token, with: .success(["early": true]))
        // A second answer is refused: the task is answered already.
        #expect(throws: TaskTokenProblem.ended) { try table.complete(Self.token, with: .success(1)) }
        #expect(await table.wait(Self.token) == .success(["early": true]))
        #expect(!table.isOpen(Self.token))
    }

    @Test func refusalsFollowTheTokensState() throws {
        let table = CallbackTable()
        #expect(throws: TaskTokenProblem.unknown) { try table.heartbeat(Self.token) }
        #expect(table.open(Self.token) {})
        #expect(!table.open(Self.token) {}, "one token, one task")
        table.close(Self.token)
        #expect(throws: TaskTokenProblem.ended) { try table.heartbeat(Self.token) }
        #expect(throws: TaskTokenProblem.ended) {
            try table.complete(Self.token, with: .failure(error: "E", cause: nil))
        }
    }

    @Test func aCancelledWaitClosesTheToken() async throws {
        let table = CallbackTable()
        #expect(table.open(Self.token) {})
        let waiting = Task { await table.wait(Self.token) }
        waiting.cancel()
        #expect(await waiting.value == .cancelled)
        #expect(throws: TaskTokenProblem.ended) { try table.complete(Self.token, with: .success(1)) }
    }

    @Test func heartbeatsThroughTheAPI() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let beats = Mutex(0)
        #expect(harness.coordinator.callbacks.open(Self.token) { beats.withLock { $0 += 1 } })
        _ = try await harness.call("SendTaskHeartbeat", ["taskToken": .string(Self.token)])
        #expect(beats.withLock { $0 } == 1)
    }
}
