import JSONCore
import StatesLanguage
import Synchronization

/// The inputs of a map run's child executions, handed to its workers one at a time as they ask:
/// items in memory (from `ItemsPath`/`Items`, already batched), or the `ItemReader`'s stream read
/// on demand, each item through `ItemSelector` and the batcher when there is one. Nothing is
/// read before a worker asks for it, so the items held at once are those of the children
/// running or waiting (SPEC-NOTES.md §17.5).
final class MapChildFeed: Sendable {
    /// Turns a read item into what the batcher batches (`ItemSelector` with the item's index).
    typealias Selector = @Sendable (JSON, Int, inout PathContext) throws(StatesError) -> JSON
    /// Opens the reader's stream (when the first child input is asked for).
    typealias Opener = @Sendable () throws(StatesError) -> any ItemStream

    private struct Streamed {
        var stream: (any ItemStream)?
        var open: Opener?
        /// Items to take from the stream (0: all).
        var limit: Int
        var read = 0
        var exhausted = false
        var batcher: BatchBuilder?
        var selector: Selector?
        var path: PathContext
    }

    private enum Source {
        case memory([JSON])
        case stream(Streamed)
        case ended
    }

    private struct State {
        var source: Source
        /// Child inputs handed out so far (the next one's index).
        var taken = 0
        /// Items pulled from the reader's stream so far.
        var itemsRead = 0
        var total: Int?
        /// Items in all, once known.
        var itemTotal: Int?
    }

    private let state: Mutex<State>
    /// The child inputs were in memory from the start (not read from an `ItemReader`).
    let isInMemory: Bool

    /// Child inputs already in memory (`batched`: each is a batch `{"Items": […]}`).
    init(items: [JSON], batched: Bool = false) {
        let itemTotal = batched ? items.reduce(0) { $0 + Self.itemCount(of: $1, batched: true) } : items.count
        state = Mutex(State(source: .memory(items), total: items.count, itemTotal: itemTotal))
        isInMemory = true
    }

    /// The items in a child input: a batch's `Items`, or 1.
    static func itemCount(of input: JSON, batched: Bool) -> Int {
        guard batched else { return 1 }
        return input["Items"]?.arrayValue?.count ?? 1
    }

    /// Child inputs read from `stream` (at most `limit` items, 0 for all), selected and batched
    /// as they come; `path` is the Map's, for `ItemSelector`'s randomness.
    init(open: @escaping Opener, limit: Int, batcher: BatchBuilder?, selector: Selector?, path: PathContext) {
        let streamed = Streamed(stream: nil, open: open, limit: limit, batcher: batcher, selector: selector, path: path)
        state = Mutex(State(source: .stream(streamed)))
        isInMemory = false
    }

    /// The next child input and its index, or `nil` when there are no more.
    /// - Throws: What the reader's stream, `ItemSelector` or the batcher throws; the feed then
    ///   ends.
    func next() throws(StatesError) -> (index: Int, input: JSON)? {
        try state.withLock { (state) throws(StatesError) -> (index: Int, input: JSON)? in
            switch state.source {
            case .ended:
                return nil
            case .memory(var items):
                guard state.taken < items.count else {
                    state.source = .ended
                    return nil
                }
                let index = state.taken
                state.source = .ended
                let input = items[index]
                items[index] = .null
                state.source = .memory(items)
                state.taken += 1
                return (index, input)
            case .stream(var streamed):
                state.source = .ended
                do throws(StatesError) {
                    let input = try Self.pull(&streamed, itemsRead: &state.itemsRead)
                    guard let input else {
                        state.total = state.taken
                        state.itemTotal = state.itemsRead
                        return nil
                    }
                    state.source = .stream(streamed)
                    defer { state.taken += 1 }
                    return (state.taken, input)
                } catch {
                    state.total = state.taken
                    throw error
                }
            }
        }
    }

    /// The number of child inputs, once the feed has reached its end.
    var total: Int? { state.withLock { $0.total } }

    /// Items in all, once known.
    var itemTotal: Int? { state.withLock { $0.itemTotal } }

    /// Child inputs handed out so far.
    var taken: Int { state.withLock { $0.taken } }

    /// Items pulled from the reader's stream so far (0 for items in memory).
    var itemsRead: Int { state.withLock { $0.itemsRead } }

    /// The next child input of a stream: the next item, or the next full batch.
    private static func pull(_ streamed: inout Streamed, itemsRead: inout Int) throws(StatesError) -> JSON? {
        if streamed.exhausted { return nil }
        if streamed.stream == nil, let open = streamed.open {
            streamed.open = nil
            streamed.stream = try open()
        }
        guard let stream = streamed.stream else { return nil }
        while streamed.limit == 0 || streamed.read < streamed.limit, let item = try stream.next() {
            let index = streamed.read
            streamed.read += 1
            itemsRead += 1
            guard streamed.batcher != nil else { return item }
            let selected = try streamed.selector?(item, index, &streamed.path) ?? item
            // Mutated in place (optional chaining), so the batch being filled is never copied.
            if let closed = try streamed.batcher?.add(selected) { return closed }
        }
        streamed.exhausted = true
        return streamed.batcher?.finish()
    }
}

/// The child inputs read ahead of a map run's workers: a producer (one task of the run) reads the
/// feed and puts each input here, waiting while ``capacity`` are queued; workers take them,
/// waiting while none is. Reading the data set thus goes on beside the children on another core,
/// never more than ``capacity`` inputs ahead.
final class ChildInputQueue: Sendable {
    typealias Entry = (index: Int, input: JSON)

    private struct State {
        var entries: [Entry] = []
        var head = 0
        var finished = false
        var closed = false
        var producer: CheckedContinuation<Bool, Never>?
        var consumers: [CheckedContinuation<Entry?, Never>] = []
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Queues an input (kept in any case: one left when the run stops is in ``remaining()``),
    /// then waits while the queue holds more than ``capacity``; `false` when the queue was closed
    /// (the run stopped), so the producer stops.
    func put(_ entry: Entry) async -> Bool {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let (answer, consumer): (Bool?, CheckedContinuation<Entry?, Never>?) = state.withLock { state in
                    if state.closed {
                        state.entries.append(entry)
                        return (false, nil)
                    }
                    if !state.consumers.isEmpty { return (true, state.consumers.removeFirst()) }
                    state.entries.append(entry)
                    if state.entries.count - state.head <= capacity { return (true, nil) }
                    state.producer = continuation
                    return (nil, nil)
                }
                consumer?.resume(returning: entry)
                if let answer { continuation.resume(returning: answer) }
            }
        } onCancel: {
            close()
        }
    }

    /// No more inputs will come: waiting workers get `nil`.
    func finish() {
        let consumers = state.withLock { state in
            state.finished = true
            defer { state.consumers = [] }
            return state.consumers
        }
        for consumer in consumers { consumer.resume(returning: nil) }
    }

    /// Stops the queue: the producer's `put` and every `take` answer at once.
    func close() {
        let (producer, consumers) = state.withLock { state in
            state.closed = true
            defer {
                state.producer = nil
                state.consumers = []
            }
            return (state.producer, state.consumers)
        }
        producer?.resume(returning: false)
        for consumer in consumers { consumer.resume(returning: nil) }
    }

    /// The next input, waiting for one; `nil` when there are no more or the queue was closed.
    func take() async -> Entry? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Entry?, Never>) in
                enum Action {
                    case answer(Entry?)
                    case wait
                }
                var resumedProducer: CheckedContinuation<Bool, Never>?
                let action: Action = state.withLock { state in
                    if state.closed { return .answer(nil) }
                    if state.head < state.entries.count {
                        let entry = state.entries[state.head]
                        state.head += 1
                        if state.head > 64, state.head * 2 > state.entries.count {
                            state.entries.removeFirst(state.head)
                            state.head = 0
                        }
                        if let producer = state.producer, state.entries.count - state.head <= capacity {
                            state.producer = nil
                            resumedProducer = producer
                        }
                        return .answer(entry)
                    }
                    if state.finished { return .answer(nil) }
                    state.consumers.append(continuation)
                    return .wait
                }
                resumedProducer?.resume(returning: true)
                if case .answer(let entry) = action { continuation.resume(returning: entry) }
            }
        } onCancel: {
            close()
        }
    }

    /// The inputs still queued (after the run), in order.
    func remaining() -> [Entry] {
        state.withLock { state in
            defer {
                state.entries = []
                state.head = 0
            }
            return Array(state.entries[state.head...])
        }
    }
}
