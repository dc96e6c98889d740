/// Where every value of a parsed document starts in its source, addressable by JSON Pointer.
///
/// For `{"a": [true]}` the map records: `""` → value at 0; `/a` → key at 1, value at 6;
/// `/a/0` → value at 7. Offsets are byte offsets; ``SourceLineTable`` turns them into
/// line:column when a diagnostic is rendered.
///
/// Representation: the reader appends one node per value in pre-order (document order) and, for
/// each array or object, the node indices of its members in member order; the map keeps a copy
/// of the document's root value (copies share storage). A pointer is resolved by walking the
/// value and the nodes together: at an object the token's member position `p` selects
/// `children[node.firstChild + p]`, at an array the index does. For `{"a": [true]}`:
///
///     nodes:    0 {value 0, no key, firstChild 1}   // the object
///               1 {value 6, key 1, firstChild 0}    // the array
///               2 {value 7, no key}                 // true
///     children: [2, 1]                              // the array's members, then the object's
///
/// Rationale: building is three appends per value, against hashing a whole pointer per value
/// for a dictionary; lookups cost O(depth) member lookups, which diagnostics can afford.
///
/// Entries added with ``record(_:_:)`` (maps built by hand, or corrections) sit in an overlay that
/// is consulted first.
public struct SourceMap: Sendable {
    public struct Entry: Sendable, Hashable {
        /// Offset of the member's key (its opening quote) when the value is an object member.
        public var keyOffset: Int?
        /// Offset of the value's first byte.
        public var valueOffset: Int

        public init(keyOffset: Int?, valueOffset: Int) {
            self.keyOffset = keyOffset
            self.valueOffset = valueOffset
        }
    }

    /// One value in pre-order. Offsets are 32-bit: the reader records no map for inputs of 4 GiB or more.
    struct Node: Sendable {
        static let noKey = UInt32.max

        var valueOffset: UInt32
        var keyOffset: UInt32
        /// Index in `children` of the first member's node (arrays and objects only).
        var firstChild: UInt32
    }

    private var overlay: [JSONPointer: Entry]
    private var root: JSON?
    private var nodes: [Node]
    private var children: [UInt32]

    /// A map that knows no offsets.
    public static let empty = SourceMap()

    /// An empty map, to fill with ``record(_:_:)``.
    public init() {
        overlay = [:]
        root = nil
        nodes = []
        children = []
    }

    /// The map the reader builds: `nodes` in pre-order, `children` listing each container's members.
    init(root: JSON, nodes: [Node], children: [UInt32]) {
        overlay = [:]
        self.root = root
        self.nodes = nodes
        self.children = children
    }

    /// Records (or replaces) the entry of `pointer`; it takes precedence over what the reader recorded.
    public mutating func record(_ pointer: JSONPointer, _ entry: Entry) {
        overlay[pointer] = entry
    }

    /// The offsets recorded for the value at `pointer`, or `nil` when the pointer designates nothing.
    /// - Complexity: O(depth) member lookups.
    public func entry(at pointer: JSONPointer) -> Entry? {
        if !overlay.isEmpty, let entry = overlay[pointer] { return entry }
        guard let node = node(at: pointer) else { return nil }
        return Entry(
            keyOffset: node.keyOffset == Node.noKey ? nil : Int(node.keyOffset),
            valueOffset: Int(node.valueOffset)
        )
    }

    /// Offset where the value at `pointer` starts.
    public func valueOffset(at pointer: JSONPointer) -> Int? { entry(at: pointer)?.valueOffset }

    /// Offset of the key naming the value at `pointer`, when it is an object member.
    public func keyOffset(at pointer: JSONPointer) -> Int? { entry(at: pointer)?.keyOffset }

    /// The offset of `pointer`, or of its nearest ancestor that has one.
    public func nearestValueOffset(at pointer: JSONPointer) -> Int? {
        var current: JSONPointer? = pointer
        while let candidate = current {
            if let offset = valueOffset(at: candidate) { return offset }
            current = candidate.parent
        }
        return nil
    }

    private func node(at pointer: JSONPointer) -> Node? {
        guard var value = root, !nodes.isEmpty else { return nil }
        var node = nodes[0]
        for token in pointer.tokens {
            let position: Int
            switch value {
            case .object(let object):
                guard let found = object.index(forKey: token) else { return nil }
                position = found
                value = object.values[found]
            case .array(let array):
                guard let index = JSONPointer.arrayIndex(token), array.indices.contains(index) else { return nil }
                position = index
                value = array[index]
            default:
                return nil
            }
            let slot = Int(node.firstChild) + position
            guard children.indices.contains(slot), nodes.indices.contains(Int(children[slot])) else { return nil }
            node = nodes[Int(children[slot])]
        }
        return node
    }
}
