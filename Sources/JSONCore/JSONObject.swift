/// An ordered JSON object: keys keep the order they were inserted in and are unique.
///
/// Storage is two parallel arrays. Lookups scan linearly up to ``maximumUnhashedCount`` keys,
/// which is faster than hashing for the small objects ASL definitions are made of; beyond that
/// a key → index dictionary is kept alongside.
///
/// Equality is JSON's: two objects are equal when they hold the same keys with equal values,
/// whatever their order. Keys are told apart by their code units, as AWS and JSONata do
/// (``CodeUnitString``): `"\u{E9}"` and `"e\u{301}"` are two keys.
public struct JSONObject: Sendable {
    /// Objects with at most this many keys are searched linearly.
    public static let maximumUnhashedCount = 16

    public private(set) var keys: [String]
    public private(set) var values: [JSON]
    private var index: [CodeUnitString: Int]?

    public init() {
        keys = []
        values = []
        index = nil
    }

    /// Builds an object from key/value pairs; a repeated key keeps its last value at its first position.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, JSON) {
        self.init()
        for (key, value) in pairs { self[key] = value }
    }

    /// An object from parallel arrays whose keys the caller has already checked are unique (the
    /// reader, which builds both arrays at their final size). `index` is the caller's key →
    /// position map when it built one; objects beyond ``maximumUnhashedCount`` keys get one either way.
    init(uniqueKeys keys: [String], values: [JSON], index: [CodeUnitString: Int]?) {
        assert(keys.count == values.count)
        self.keys = keys
        self.values = values
        if keys.count <= Self.maximumUnhashedCount {
            self.index = nil
        } else if let index, index.count == keys.count {
            self.index = index
        } else {
            var built = [CodeUnitString: Int](minimumCapacity: keys.count * 2)
            for (offset, existing) in keys.enumerated() { built[CodeUnitString(existing)] = offset }
            self.index = built
        }
    }

    /// An object from parallel arrays whose keys the caller knows are unique; `keys` is shared,
    /// not copied, so readers that make many objects of the same keys (the rows of a CSV file)
    /// hold one key array for them all.
    /// - Precondition: `keys` are unique and `keys.count == values.count` (checked in debug builds).
    public init(uniqueKeys keys: [String], values: [JSON]) {
        self.init(uniqueKeys: keys, values: values, index: nil)
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// The position of `key`, or `nil`.
    /// - Complexity: O(n) up to ``maximumUnhashedCount`` keys, O(1) on average beyond.
    public func index(forKey key: String) -> Int? {
        if let index { return index[CodeUnitString(key)] }
        return keys.firstIndex(codeUnitsOf: key)
    }

    public func contains(_ key: String) -> Bool { index(forKey: key) != nil }

    /// Reads a member; setting `nil` removes it, setting a new key appends it.
    public subscript(key: String) -> JSON? {
        get {
            guard let position = index(forKey: key) else { return nil }
            return values[position]
        }
        set {
            if let position = index(forKey: key) {
                if let newValue {
                    values[position] = newValue
                } else {
                    removeMember(at: position)
                }
            } else if let newValue {
                append(key: key, value: newValue)
            }
        }
    }

    /// Appends a member whose key the caller knows is not present yet (readers use this after
    /// their own duplicate check).
    public mutating func appendUnchecked(key: String, value: JSON) {
        append(key: key, value: value)
    }

    /// Makes room for `count` members without reallocating.
    public mutating func reserveCapacity(_ count: Int) {
        keys.reserveCapacity(count)
        values.reserveCapacity(count)
    }

    /// Removes and returns the member named `key`.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSON? {
        guard let position = index(forKey: key) else { return nil }
        let value = values[position]
        removeMember(at: position)
        return value
    }

    /// Calls `body` on every value in place, keeping keys and order.
    public mutating func mapValuesInPlace(_ body: (inout JSON) throws -> Void) rethrows {
        for position in values.indices {
            try body(&values[position])
        }
    }

    private mutating func append(key: String, value: JSON) {
        keys.append(key)
        values.append(value)
        if index != nil {
            index?[CodeUnitString(key)] = keys.count - 1
        } else if keys.count > Self.maximumUnhashedCount {
            var built = [CodeUnitString: Int](minimumCapacity: keys.count * 2)
            for (position, existing) in keys.enumerated() { built[CodeUnitString(existing)] = position }
            index = built
        }
    }

    private mutating func removeMember(at position: Int) {
        keys.remove(at: position)
        values.remove(at: position)
        if index != nil {
            if keys.count > Self.maximumUnhashedCount {
                var built = [CodeUnitString: Int](minimumCapacity: keys.count * 2)
                for (offset, existing) in keys.enumerated() { built[CodeUnitString(existing)] = offset }
                index = built
            } else {
                index = nil
            }
        }
    }
}

extension JSONObject: Sequence {
    public struct Iterator: IteratorProtocol {
        private let object: JSONObject
        private var position = 0

        init(_ object: JSONObject) { self.object = object }

        public mutating func next() -> (key: String, value: JSON)? {
            guard position < object.keys.count else { return nil }
            defer { position += 1 }
            return (object.keys[position], object.values[position])
        }
    }

    public func makeIterator() -> Iterator { Iterator(self) }
    public var underestimatedCount: Int { keys.count }
}

extension JSONObject: Hashable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in lhs {
            guard let other = rhs[key], other == value else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine per-member hashes commutatively.
        var combined = 0
        for (key, value) in self {
            var member = Hasher()
            member.combine(key)
            member.combine(value)
            combined &+= member.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self.init(elements)
    }
}

#if DEBUG
    extension JSONObject {
        /// Checks the storage invariants: parallel arrays, unique keys, index in step with keys.
        public func checkInvariants() -> Bool {
            guard keys.count == values.count, Set(keys.map { CodeUnitString($0) }).count == keys.count else {
                return false
            }
            if let index {
                guard keys.count > Self.maximumUnhashedCount, index.count == keys.count else { return false }
                for (position, key) in keys.enumerated() where index[CodeUnitString(key)] != position { return false }
            }
            return true
        }
    }
#endif
