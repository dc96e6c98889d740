/// A growable last-in-first-out buffer owned by one read: the reader's value, key and frame stacks.
///
/// Rationale: the reader pushes every value, key and source-map node onto a stack and pops whole
/// runs of them when a container closes. An `Array` would check uniqueness on every push and
/// retain and release every element it hands out; this buffer is owned by exactly one reader
/// (it is `~Copyable`), so pushes are a capacity check and a store, and ``popArray(from:)``
/// *moves* a run into an exactly sized `Array` without touching reference counts.
/// Every index the reader uses comes from its own bookkeeping (`count` at the time a container
/// opened), never from the input; debug builds check them.
///
/// Storage is allocated at the first push, so a read that never opens a container (or records no
/// source map) allocates nothing for the stacks it does not use.
struct ReaderStack<Element>: ~Copyable {
    /// `nil` until the first push; never `nil` while `capacity > 0`.
    private var storage: UnsafeMutablePointer<Element>?
    private var capacity = 0
    /// The number of elements on the stack.
    private(set) var count = 0

    init() {}

    deinit {
        if let storage {
            storage.deinitialize(count: count)
            storage.deallocate()
        }
    }

    /// The storage; only used while `capacity > 0`.
    private var base: UnsafeMutablePointer<Element> {
        @inline(__always) get { storage.unsafelyUnwrapped }
    }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    @inline(never)
    private mutating func grow() {
        let larger = Swift.max(capacity * 2, 16)
        let moved = UnsafeMutablePointer<Element>.allocate(capacity: larger)
        if let storage {
            moved.moveInitialize(from: storage, count: count)
            storage.deallocate()
        }
        storage = moved
        capacity = larger
    }

    /// Removes and returns the top element; the stack is not empty.
    @inline(__always)
    mutating func popLast() -> Element {
        assert(count > 0)
        count -= 1
        return (base + count).move()
    }

    /// Pushes the elements of `source` from `start` to its top, in order.
    mutating func append(contentsOf source: borrowing ReaderStack<Element>, from start: Int) {
        assert(start >= 0 && start <= source.count)
        let adding = source.count - start
        guard adding > 0 else { return }
        while count + adding > capacity { grow() }
        (base + count).initialize(from: source.base + start, count: adding)
        count += adding
    }

    /// The element at `position` (`0 ..< count`).
    subscript(position: Int) -> Element {
        @inline(__always) get {
            assert(position >= 0 && position < count)
            return base[position]
        }
        @inline(__always) set {
            assert(position >= 0 && position < count)
            base[position] = newValue
        }
    }

    /// The elements from `start` to the top, moved out in order; the stack shrinks to `start` elements.
    mutating func popArray(from start: Int) -> [Element] {
        assert(start >= 0 && start <= count)
        let moving = count - start
        guard moving > 0 else { return [] }
        count = start
        return Array(MovedRun(base: base + start, count: moving))
    }

    /// Whether `count` elements from `start` equal, by `areEqual`, those of `other` from `otherStart`.
    func elementsEqual(
        from start: Int,
        _ other: borrowing ReaderStack<Element>,
        from otherStart: Int,
        count: Int,
        by areEqual: (Element, Element) -> Bool
    ) -> Bool {
        assert(start >= 0 && start + count <= self.count && otherStart >= 0 && otherStart + count <= other.count)
        for offset in 0..<count where !areEqual(base[start + offset], other.base[otherStart + offset]) {
            return false
        }
        return true
    }

    /// Drops the elements from `start` to the top.
    mutating func removeAll(from start: Int) {
        assert(start >= 0 && start <= count)
        guard start < count else { return }
        (base + start).deinitialize(count: count - start)
        count = start
    }

    /// Calls `body` with the elements from `start` to the top, in order.
    func withElements<Result>(from start: Int, _ body: (UnsafeBufferPointer<Element>) -> Result) -> Result {
        assert(start >= 0 && start <= count)
        return body(UnsafeBufferPointer(start: start < count ? base + start : nil, count: count - start))
    }
}

/// A run of initialized elements that `Array.init(_:)` takes over by moving them.
///
/// Rationale: an `Array` built from a collection allocates its buffer at the exact size and fills
/// it through the collection's `_copyContents(initializing:)` (the hook swift-collections'
/// `Deque` implements too); implementing it as a move hands the elements over with one `memcpy`
/// and no reference counting. `Array(unsafeUninitializedCapacity:)` would do the same, but its
/// allocation goes through an unspecialized standard-library entry point that looks type
/// metadata up in a hash table on every call (about 800 instructions per array here), and
/// `reserveCapacity` plus `append` pays a uniqueness and capacity check per element.
/// The run is used once, by ``ReaderStack/popArray(from:)``, which forgets the elements.
private struct MovedRun<Element>: RandomAccessCollection {
    struct Iterator: IteratorProtocol {
        let run: MovedRun
        var position: Int

        mutating func next() -> Element? {
            guard position < run.count else { return nil }
            defer { position += 1 }
            return (run.base + position).move()
        }
    }

    let base: UnsafeMutablePointer<Element>
    let count: Int

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> Element { base[position] }

    func makeIterator() -> Iterator { Iterator(run: self, position: 0) }

    func _copyContents(initializing buffer: UnsafeMutableBufferPointer<Element>) -> (Iterator, Int) {
        guard let target = buffer.baseAddress else { return (makeIterator(), 0) }
        let moving = Swift.min(count, buffer.count)
        target.moveInitialize(from: base, count: moving)
        return (Iterator(run: self, position: moving), moving)
    }
}
