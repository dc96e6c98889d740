import JSONCore
import StatesLanguage
import Synchronization

/// What the envelope hands to `asl test-state` while it runs one state: each intermediate value
/// (`afterInputPath`, `afterParameters`, …), which retrier and catcher took an error, and the
/// mocked outcome that stands in for the state's work.
///
/// The executor carries it on ``PathContext/inspection``; it is `nil` for every ordinary run, so
/// each capture point costs one `nil` check (Rationale: the runtime benchmark must not slow down,
/// and the single-state engine must go through the real envelope rather than a copy of it).
///
/// Shared by reference because the envelope's helpers take the path by value in places; the
/// values sit behind a `Mutex` so the class is `Sendable` as ``PathContext`` requires.
final class StepInspection: Sendable {
    /// The intermediate values AWS's TestState reports in `inspectionData`.
    enum Stage: Sendable, Hashable {
        case afterInputPath, afterParameters, afterArguments, result, afterResultSelector, afterResultPath
        case afterItemsPath, afterItemSelector
    }

    /// What the mock says the state's work returns (SPEC-NOTES.md §15.3).
    enum Mock: Sendable {
        case result(JSON)
        case error(StatesError)
    }

    struct Record: Sendable {
        var values: [Stage: JSON] = [:]
        var assigned: JSONObject?
        var retryIndex: Int?
        var retryBackoffSeconds: Double?
        var catchIndex: Int?
        /// The error a retrier would retry: TestState stops there with status RETRIABLE.
        var retriable: StatesError?
        /// The error a catcher took (status CAUGHT_ERROR).
        var caught: StatesError?
        var maxConcurrency: Int?
        var toleratedFailureCount: Int64?
        var toleratedFailurePercentage: Double?
    }

    let mock: Mock?
    /// `stateConfiguration.retrierRetryCount`: the retries already made by the retrier that
    /// matches the error.
    let retrierRetryCount: Int
    /// `stateConfiguration.mapIterationFailureCount`.
    let mapIterationFailureCount: Int?
    private let record = Mutex(Record())

    init(mock: Mock?, retrierRetryCount: Int, mapIterationFailureCount: Int?) {
        self.mock = mock
        self.retrierRetryCount = retrierRetryCount
        self.mapIterationFailureCount = mapIterationFailureCount
    }

    /// Notes an intermediate value; the first value of a stage wins (a catcher's `ResultPath`
    /// never overwrites the state's own).
    func capture(_ stage: Stage, _ value: JSON) {
        record.withLock { record in
            if record.values[stage] == nil { record.values[stage] = value }
        }
    }

    func update(_ body: (inout Record) -> Void) { record.withLock { body(&$0) } }

    var snapshot: Record { record.withLock { $0 } }

    /// A handler answering every Task with the mock: its result, or its error thrown as a
    /// ``StatesError`` so Retry and Catch see it as AWS does.
    var taskHandler: (any TaskHandler)? {
        guard let mock else { return nil }
        return MockTaskHandler(mock: mock)
    }
}

private struct MockTaskHandler: TaskHandler {
    var mock: StepInspection.Mock

    func handle(_ request: TaskRequest) async throws -> JSON {
        switch mock {
        case .result(let value): return value
        case .error(let error): throw error
        }
    }
}
