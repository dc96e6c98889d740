import Dispatch
import Synchronization

/// A bounded first-in-first-out hand-off between one producer thread and one consumer thread.
/// `push` blocks while `capacity` items wait; `pop` blocks while none does. The consumer can
/// `cancel`, after which pushes are dropped and `isCancelled` tells the producer to stop.
final class BatchQueue<Element: Sendable>: Sendable {
    private let slots: DispatchSemaphore
    private let items = DispatchSemaphore(value: 0)
    private let state = Mutex<(elements: [Element], head: Int, cancelled: Bool)>(([], 0, false))

    init(capacity: Int) {
        slots = DispatchSemaphore(value: capacity)
    }

    var isCancelled: Bool { state.withLock { $0.cancelled } }

    func push(_ element: Element) {
        slots.wait()
        let accepted = state.withLock { state in
            guard !state.cancelled else { return false }
            state.elements.append(element)
            return true
        }
        if accepted { items.signal() } else { slots.signal() }
    }

    /// Pushes the last element; it is delivered even after `cancel()`.
    func finish(_ element: Element) {
        slots.wait()
        state.withLock { $0.elements.append(element) }
        items.signal()
    }

    func pop() -> Element? {
        items.wait()
        let element = state.withLock { state -> Element? in
            guard state.head < state.elements.count else { return nil }
            let element = state.elements[state.head]
            state.head += 1
            if state.head > 64 && state.head * 2 > state.elements.count {
                state.elements.removeFirst(state.head)
                state.head = 0
            }
            return element
        }
        slots.signal()
        return element
    }

    /// Drops what waits and makes later pushes no-ops (the final `finish` still arrives).
    func cancel() {
        let dropped = state.withLock { state -> Int in
            state.cancelled = true
            let count = state.elements.count - state.head
            state.elements.removeAll()
            state.head = 0
            return count
        }
        for _ in 0..<dropped {
            items.wait()
            slots.signal()
        }
    }
}
