public import Foundation
import Synchronization

/// Collects an execution's history events, numbering them 1, 2, … in the order they are recorded.
///
/// Safe to call from every task of an execution (Parallel branches, Map iterations) at once: ids
/// are handed out under a lock, and the stored list and every observer stream see the events in id
/// order.
///
/// **Switched off** (`isEnabled: false`), a call to ``record(_:previousEventId:timestamp:details:)``
/// evaluates neither its timestamp nor its details, stores nothing, and costs one atomic
/// compare-and-swap; it still returns increasing ids, so the executor's `previousEventId`
/// bookkeeping and the history quota behave exactly as with recording on.
///
/// **Keeping and streaming.** Events are built when recording is on; they are kept in memory only
/// when `keepsEvents` is set (``events``, ``ExecutionResult/history``), and handed to `sink`, in
/// id order and under the recorder's lock, as they are recorded (`asl run --history FILE` streams
/// them to the file so a long run holds none). Kept events are capped by `maximumRetainedEvents`,
/// a memory guard that applies even when the quota is lifted: reaching it throws
/// ``HistoryLimitExceeded`` of kind ``HistoryLimitExceeded/Kind/memoryGuard``, and the execution
/// fails naming the guard instead of growing until the process is killed.
///
/// **The quota** mirrors AWS: "AWS Step Functions has a hard quota of 25,000 entries in the
/// execution event history. When an execution reaches 24,999 events, it waits for the next event
/// to happen. If the event number 25,000 is `ExecutionSucceeded`, the execution finishes
/// successfully. If [it] isn't, the `ExecutionFailed` event is logged and the state machine
/// execution fails" (developer guide, "Best practices: starting new executions to avoid reaching
/// the history quota"). So ids below the limit take any event; the id equal to the limit takes
/// only an event that ends the execution (``HistoryEventType/endsExecution``); anything else
/// throws ``HistoryLimitExceeded`` without using an id, and the executor then records
/// `ExecutionFailed`, which takes that last id.
///
///     let recorder = HistoryRecorder()
///     let started = try recorder.record(.executionStarted, previousEventId: 0, timestamp: clock.now(),
///                                       details: .executionStarted(.init(input: input)))   // 1
///     let entered = try recorder.record(.passStateEntered, previousEventId: 0, timestamp: clock.now(),
///                                       details: .stateEntered(.init(name: "A", input: input))) // 2
///     recorder.finish()
public final class HistoryRecorder: Sendable {
    /// AWS's limit on the events of one Standard execution.
    public static let defaultMaximumEvents = 25_000
    /// The memory guard on events kept in memory: 40 times AWS's quota (a few hundred MB for
    /// typical payloads), reached only when the quota is lifted.
    public static let defaultMaximumRetainedEvents = 1_000_000

    /// Whether events are built, stored and streamed.
    public let isEnabled: Bool
    /// Whether built events are kept in memory (``events``).
    public let keepsEvents: Bool
    /// The last id an event may take, or `nil` for no limit.
    public let maximumEvents: Int?
    /// Most events kept in memory (the memory guard), or `nil` for no guard.
    public let maximumRetainedEvents: Int?
    /// Receives each event as it is recorded, in id order.
    private let sink: (@Sendable (HistoryEvent) -> Void)?

    private struct State {
        var nextID = 1
        var events: [HistoryEvent] = []
        var observers: [Int: AsyncStream<HistoryEvent>.Continuation] = [:]
        var nextObserverKey = 0
        var isFinished = false
    }

    private let state = Mutex(State())
    /// The next id while recording is switched off.
    private let nextDisabledID = Atomic<Int>(1)

    /// - Parameters:
    ///   - isEnabled: `false` to keep only the id counter (see the type's documentation).
    ///   - keepsEvents: `false` to hand events to `sink` (and streams) without keeping them.
    ///   - maximumEvents: The history quota; `nil` lifts it. Values below 1 count as 1.
    ///   - maximumRetainedEvents: The memory guard on kept events; `nil` removes it. Values below
    ///     1 count as 1.
    ///   - sink: Called with each event, in id order, as it is recorded.
    public init(
        isEnabled: Bool = true,
        keepsEvents: Bool = true,
        maximumEvents: Int? = HistoryRecorder.defaultMaximumEvents,
        maximumRetainedEvents: Int? = HistoryRecorder.defaultMaximumRetainedEvents,
        sink: (@Sendable (HistoryEvent) -> Void)? = nil
    ) {
        self.isEnabled = isEnabled
        self.keepsEvents = keepsEvents
        self.maximumEvents = maximumEvents.map { max(1, $0) }
        self.maximumRetainedEvents = maximumRetainedEvents.map { max(1, $0) }
        self.sink = sink
    }

    /// Records an event and returns its id.
    ///
    /// - Parameters:
    ///   - type: The event type.
    ///   - previousEventId: The id of the event this one follows on its path (`0` at the start).
    ///   - timestamp: When it happened; evaluated only when recording is on.
    ///   - details: Its details; evaluated only when recording is on. Pass the case that
    ///     ``HistoryEvent/Details/fits(_:)`` `type`.
    /// - Returns: The new event's id.
    /// - Throws: ``HistoryLimitExceeded`` when the quota leaves no id for this event.
    @discardableResult
    public func record(
        _ type: HistoryEventType,
        previousEventId: Int,
        timestamp: @autoclosure () -> Date,
        details: @autoclosure () -> HistoryEvent.Details = .none
    ) throws(HistoryLimitExceeded) -> Int {
        guard isEnabled else { return try takeDisabledID(for: type) }
        var event = HistoryEvent(
            id: 0,
            previousEventId: previousEventId,
            timestamp: timestamp(),
            type: type,
            details: details()
        )
        let limit = maximumEvents
        let keeps = keepsEvents
        let guardLimit = keeps ? maximumRetainedEvents : nil
        let sink = sink
        return try state.withLock { (state: inout State) throws(HistoryLimitExceeded) -> Int in
            try Self.check(id: state.nextID, type: type, limit: limit)
            if let guardLimit, state.events.count >= guardLimit, !type.endsExecution {
                throw HistoryLimitExceeded(maximumEvents: guardLimit, rejectedType: type, kind: .memoryGuard)
            }
            event.id = state.nextID
            state.nextID += 1
            if keeps { state.events.append(event) }
            sink?(event)
            for observer in state.observers.values { observer.yield(event) }
            return event.id
        }
    }

    /// The events recorded so far, in id order (empty when recording is off or events are not kept).
    public var events: [HistoryEvent] {
        state.withLock { $0.events }
    }

    /// How many ids have been handed out (with recording on or off).
    public var eventCount: Int {
        if isEnabled { return state.withLock { $0.nextID - 1 } }
        return nextDisabledID.load(ordering: .relaxed) - 1
    }

    /// Whether ``finish()`` has been called.
    public var isFinished: Bool {
        state.withLock { $0.isFinished }
    }

    /// A stream of this execution's events: first those kept so far (none when `keepsEvents` is
    /// off), then each new one as it is recorded, ending when ``finish()`` is called (at once if it
    /// already was). Any number of
    /// streams may be made; each has its own unbounded buffer. With recording off a stream yields
    /// nothing and ends at ``finish()``.
    public func makeStream() -> AsyncStream<HistoryEvent> {
        let (stream, continuation) = AsyncStream<HistoryEvent>.makeStream(bufferingPolicy: .unbounded)
        let registered = state.withLock { (state: inout State) -> Bool in
            for event in state.events { continuation.yield(event) }
            guard !state.isFinished else { return false }
            let key = state.nextObserverKey
            state.nextObserverKey += 1
            state.observers[key] = continuation
            continuation.onTermination = { [weak self] _ in self?.removeObserver(key) }
            return true
        }
        if !registered { continuation.finish() }
        return stream
    }

    /// Ends every stream; call it once the execution has ended. Events recorded afterwards are
    /// still stored but no longer streamed.
    public func finish() {
        let observers = state.withLock { (state: inout State) -> [AsyncStream<HistoryEvent>.Continuation] in
            state.isFinished = true
            let observers = Array(state.observers.values)
            state.observers.removeAll()
            return observers
        }
        // Outside the lock: `finish()` runs `onTermination`, which takes the lock.
        for observer in observers { observer.finish() }
    }

    private func removeObserver(_ key: Int) {
        state.withLock { _ = $0.observers.removeValue(forKey: key) }
    }

    private func takeDisabledID(for type: HistoryEventType) throws(HistoryLimitExceeded) -> Int {
        var current = nextDisabledID.load(ordering: .relaxed)
        while true {
            try Self.check(id: current, type: type, limit: maximumEvents)
            let (exchanged, original) = nextDisabledID.compareExchange(
                expected: current,
                desired: current + 1,
                ordering: .relaxed
            )
            if exchanged { return current }
            current = original
        }
    }

    private static func check(id: Int, type: HistoryEventType, limit: Int?) throws(HistoryLimitExceeded) {
        guard let limit else { return }
        if id < limit || (id == limit && type.endsExecution) { return }
        throw HistoryLimitExceeded(maximumEvents: limit, rejectedType: type)
    }
}

/// The history quota (or the memory guard) left no room for an event: the execution must end with
/// `ExecutionFailed` (which ``HistoryRecorder`` always accepts as the last event).
public struct HistoryLimitExceeded: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// AWS's quota on history events (``HistoryRecorder/maximumEvents``).
        case quota
        /// The guard on events kept in memory (``HistoryRecorder/maximumRetainedEvents``), which
        /// lifting the quota does not lift.
        case memoryGuard
    }

    /// The quota or guard that was reached.
    public let maximumEvents: Int
    /// The event that could not be recorded.
    public let rejectedType: HistoryEventType
    public let kind: Kind

    public init(maximumEvents: Int, rejectedType: HistoryEventType, kind: Kind = .quota) {
        self.maximumEvents = maximumEvents
        self.rejectedType = rejectedType
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .quota:
            "the execution history reached its limit of \(maximumEvents) events (could not record \(rejectedType.rawValue))"
        case .memoryGuard:
            "The execution history kept in memory reached \(maximumEvents) events, the guard that protects this "
                + "process's memory even when quotas are lifted; keep no history in memory (recordsHistory: false) "
                + "or stream it (historySink, as 'asl run --history FILE' does)."
        }
    }
}
