import JSONCore
import StatesLanguage
import Synchronization

/// Where a map run's finished children go, in item order: with a `ResultWriter` target, their
/// entries are appended to the open results files as soon as every earlier item is done (a
/// child that finishes early waits in a reorder buffer, and a worker may not start an item more
/// than ``window`` ahead of the first unfinished one, which bounds that buffer); without one,
/// their entries are kept for the Map's output. Counts and progress are kept as children end
/// (SPEC-NOTES.md §17.5).
final class MapRunResults: Sendable {
    /// Where results files go.
    struct Target: Sendable {
        var writer: (any ResultWriting)?
        var bucket: String
        /// `<prefix>/<map-run-id>`.
        var base: String
    }

    private enum Finished {
        case child(succeeded: Bool, items: Int, entries: [[UInt8]], values: [JSON])
        case pending(entry: [UInt8])
    }

    private struct State {
        var next = 0
        var buffered: [Int: Finished] = [:]
        /// Child executions by status (`executionCounts`).
        var counts = MapRunSummary.Counts()
        /// Items by the status of the child that had them (`itemCounts`).
        var itemCounts = MapRunSummary.Counts()
        var values: [JSON] = []
        /// `FAILED`, `PENDING`, `SUCCEEDED`: the order the manifest lists them in.
        var streams: [ResultFileStream]
        var writeError: StatesError?
        var waiters: [(index: Int, continuation: CheckedContinuation<Bool, Never>)] = []
        var released = false
        var total: Int?
        var items = 0
        var itemTotal: Int?
    }

    /// What a progress report carries.
    struct Report: Sendable {
        var counts: MapRunSummary.Counts
        var total: Int?
        var items: Int
        var itemTotal: Int?
        var finished: Bool
    }

    let config: WriterConfig
    let target: Target?
    /// Each child input is a batch (`{"Items": […]}`) of an `ItemBatcher`.
    let batched: Bool
    /// How far ahead of the first unfinished item a worker may start one (with a target).
    let window: Int
    private let report: (@Sendable (Report) -> Void)?
    private let state: Mutex<State>

    init(
        config: WriterConfig, target: Target?, batched: Bool = false, window: Int, maximumFileBytes: Int, total: Int?,
        itemTotal: Int?, report: (@Sendable (Report) -> Void)?
    ) {
        self.config = config
        self.target = target
        self.batched = batched
        self.window = target == nil ? Int.max : max(1, window)
        self.report = report
        let streams = ["FAILED", "PENDING", "SUCCEEDED"].map {
            ResultFileStream(
                status: $0, outputType: config.outputType, maximumFileBytes: maximumFileBytes,
                base: target?.base ?? "")
        }
        state = Mutex(State(streams: streams, total: total, itemTotal: itemTotal))
    }

    /// Waits until item `index` may start; `false` when the run has stopped meanwhile.
    func admit(_ index: Int) async -> Bool {
        guard target != nil else { return !state.withLock { $0.released } }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let answer: Bool? = state.withLock { state in
                    if state.released { return false }
                    if index < state.next + window { return true }
                    state.waiters.append((index, continuation))
                    return nil
                }
                if let answer { continuation.resume(returning: answer) }
            }
        } onCancel: {
            release()
        }
    }

    /// Stops admitting items: every waiting worker is told to stop.
    func release() {
        let waiting = state.withLock { state in
            state.released = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiting { waiter.continuation.resume(returning: false) }
    }

    /// A child of `items` items ended.
    func finish(_ index: Int, _ record: ChildExecutionRecord, items: Int) {
        let finished: Finished
        if target == nil {
            finished = .child(
                succeeded: record.status == .succeeded, items: items, entries: [], values: config.entries(for: record))
        } else {
            finished = .child(
                succeeded: record.status == .succeeded, items: items, entries: config.encodedEntries(for: record),
                values: [])
        }
        let (report, resumed) = state.withLock { state in
            state.items += items
            switch record.status {
            case .succeeded:
                state.counts.succeeded += 1
                state.itemCounts.succeeded += items
            case .failed:
                state.counts.failed += 1
                state.itemCounts.failed += items
            case .timedOut:
                state.counts.timedOut += 1
                state.itemCounts.timedOut += items
            case .aborted:
                state.counts.aborted += 1
                state.itemCounts.aborted += items
            }
            state.buffered[index] = finished
            return (Self.report(state, finished: false), flush(&state))
        }
        for continuation in resumed { continuation.resume(returning: true) }
        self.report?(report)
    }

    /// A child input no child was started for (the run stopped first): a `PENDING` entry.
    func pending(_ index: Int, input: JSON) {
        let entry = target == nil ? [] : JSONWriter.compactBytes(WriterConfig.pendingEntry(input: input))
        let items = MapChildFeed.itemCount(of: input, batched: batched)
        let resumed = state.withLock { state in
            state.counts.pending += 1
            state.itemCounts.pending += items
            state.buffered[index] = .pending(entry: entry)
            return flush(&state)
        }
        for continuation in resumed { continuation.resume(returning: true) }
    }

    /// The number of children and items in all, once the feed has ended.
    func setTotals(_ total: Int, items: Int?) {
        state.withLock {
            $0.total = total
            $0.itemTotal = $0.itemTotal ?? items
        }
    }

    private static func report(_ state: State, finished: Bool) -> Report {
        Report(
            counts: state.counts, total: state.total, items: state.items, itemTotal: state.itemTotal,
            finished: finished)
    }

    /// Counts so far (`total` is set by ``close(total:)``).
    var counts: MapRunSummary.Counts { state.withLock { $0.counts } }

    /// Ends the run's entries: returns the child execution counts, the item counts, the kept
    /// entries (without a target) and the results files, closed but not committed.
    func close(total: Int, itemTotal: Int?) -> (
        counts: MapRunSummary.Counts, itemCounts: MapRunSummary.Counts, values: [JSON], streams: [ResultFileStream]
    ) {
        let result = state.withLock { state in
            state.total = total
            state.itemTotal = state.itemTotal ?? itemTotal
            state.counts.total = total
            let items = state.itemCounts
            state.itemCounts.total =
                items.pending + items.succeeded + items.failed + items.timedOut + items.aborted
            // Every index below `total` has been finished or left pending; anything still
            // buffered past a gap (none expected) is written in index order.
            for index in state.buffered.keys.sorted() where index >= state.next {
                state.next = index
                _ = flush(&state)
            }
            if target != nil, state.writeError == nil {
                do {
                    for position in state.streams.indices { try state.streams[position].finish() }
                } catch {
                    fail(&state, error)
                }
            }
            return (state.counts, state.itemCounts, state.values, state.streams, Self.report(state, finished: true))
        }
        report?(result.4)
        return (result.0, result.1, result.2, result.3)
    }

    /// The first failure writing results files, if any.
    var writeError: StatesError? { state.withLock { $0.writeError } }

    /// Writes every finished entry that no earlier item waits for; returns the workers to resume.
    private func flush(_ state: inout State) -> [CheckedContinuation<Bool, Never>] {
        while let finished = state.buffered.removeValue(forKey: state.next) {
            state.next += 1
            switch finished {
            case .child(let succeeded, let items, let entries, let values):
                if target == nil {
                    state.values += values
                } else {
                    write(entries, to: succeeded ? 2 : 0, &state)
                }
                // Without a writer the results go into the Map's output; AWS counts them as
                // written too (SPEC-NOTES.md §17.6).
                state.counts.resultsWritten += 1
                state.itemCounts.resultsWritten += items
            case .pending(let entry):
                if target != nil { write([entry], to: 1, &state) }
            }
        }
        guard !state.waiters.isEmpty else { return [] }
        let limit = state.next + window
        var resumed: [CheckedContinuation<Bool, Never>] = []
        state.waiters.removeAll { waiter in
            guard waiter.index < limit else { return false }
            resumed.append(waiter.continuation)
            return true
        }
        return resumed
    }

    private func write(_ entries: [[UInt8]], to stream: Int, _ state: inout State) {
        guard let target, state.writeError == nil, let writer = target.writer else { return }
        do {
            for entry in entries {
                try state.streams[stream].append(entry) { key in
                    try writer.openObject(bucket: target.bucket, key: key)
                }
            }
        } catch {
            fail(&state, error)
        }
    }

    private func fail(_ state: inout State, _ error: any Error) {
        state.writeError = state.writeError ?? Self.writerFailure(error)
        for position in state.streams.indices { state.streams[position].discard() }
    }

    /// A writer's error as the map run reports it.
    static func writerFailure(_ error: any Error) -> StatesError {
        if let error = error as? StatesError { return Causes.resultWriterFailed(error.cause ?? error.name.rawValue) }
        return Causes.resultWriterFailed("\(error)")
    }
}
