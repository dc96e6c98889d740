import JSONCore

/// The element order of `new ArrayList<>(new HashSet<>(list))` on Java 17, which is what
/// `States.ArrayUnique` returns on AWS.
///
///     [true, false, true, false]   → [false, true]      (hash 1237 lands in bucket 5, 1231 in 15)
///     [[1, 2], [1, 2], [2, 1]]     → [[2, 1], [1, 2]]   (list hashes 1024 → bucket 0, 994 → 2)
///     [1, 2, 3, 3, 3, 4]           → [1, 2, 3, 4]
///
/// Both reorderings are observed on AWS (conformance suite cases AUNIQ-004 and AUNIQ-010).
/// `HashSet(Collection)` sizes its table to `tableSizeFor(max(n / 0.75 + 1, 16))`; iteration
/// walks the buckets in index order and each bucket in insertion order. The table grows as
/// `HashMap.putVal` grows it (more than `0.75 × capacity` entries, or a ninth entry in one bucket
/// of a table under 64 buckets). Not modelled: the red-black "tree bins" HashMap uses for nine or
/// more colliding entries in a table of 64 or more buckets, whose iteration order differs.
enum JavaHashSet {
    /// The distinct elements (Java `equals`) in `HashSet` iteration order; the first of equal
    /// elements is kept.
    static func unique(_ elements: [JSON]) -> [JSON] {
        let values = elements.map(JavaValue.init)
        var capacity = tableSize(for: max(Int(Float(elements.count) / 0.75) + 1, 16))
        var threshold = Int(Float(capacity) * 0.75)
        var kept: [(element: Int, hash: Int32)] = []
        var buckets: [Int: [Int]] = [:]  // bucket → positions in `kept`, in insertion order

        func bucket(_ hash: Int32) -> Int { Int(UInt32(bitPattern: hash)) & (capacity - 1) }
        func rebuild() {
            buckets = [:]
            for (position, entry) in kept.enumerated() { buckets[bucket(entry.hash), default: []].append(position) }
        }

        for (index, value) in values.enumerated() {
            let code = value.hashCode
            let hash = code ^ Int32(bitPattern: UInt32(bitPattern: code) >> 16)
            let chain = buckets[bucket(hash)] ?? []
            if chain.contains(where: { kept[$0].hash == hash && values[kept[$0].element].javaEquals(value) }) {
                continue
            }
            kept.append((index, hash))
            buckets[bucket(hash), default: []].append(kept.count - 1)
            var grow = false
            if chain.count >= 8 && capacity < 64 {
                capacity *= 2
                threshold *= 2
                grow = true
            }
            if kept.count > threshold {
                capacity *= 2
                threshold *= 2
                grow = true
            }
            if grow { rebuild() }
        }
        return kept.enumerated()
            .sorted { lhs, rhs in
                let (left, right) = (bucket(lhs.element.hash), bucket(rhs.element.hash))
                return left != right ? left < right : lhs.offset < rhs.offset
            }
            .map { elements[$0.element.element] }
    }

    /// `HashMap.tableSizeFor`: the smallest power of two at least `capacity` (at most 2^30).
    static func tableSize(for capacity: Int) -> Int {
        var size = 1
        while size < capacity && size < 1 << 30 { size <<= 1 }
        return size
    }
}
