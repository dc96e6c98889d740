/// Where every value of a parsed document starts in its source, addressable by JSON Pointer.
///
/// For `{"a": [true]}` the map records: `""` → value at 0; `/a` → key at 1, value at 6;
/// `/a/0` → value at 7. Offsets are byte offsets; ``SourceLineTable`` turns them into
/// line:column when a diagnostic is rendered.
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

    private var entries: [JSONPointer: Entry]

    public static let empty = SourceMap()

    public init() { entries = [:] }

    public mutating func record(_ pointer: JSONPointer, _ entry: Entry) {
        entries[pointer] = entry
    }

    public func entry(at pointer: JSONPointer) -> Entry? { entries[pointer] }

    /// Offset where the value at `pointer` starts.
    public func valueOffset(at pointer: JSONPointer) -> Int? { entries[pointer]?.valueOffset }

    /// Offset of the key naming the value at `pointer`, when it is an object member.
    public func keyOffset(at pointer: JSONPointer) -> Int? { entries[pointer]?.keyOffset }

    /// The offset of `pointer`, or of its nearest ancestor that has one.
    public func nearestValueOffset(at pointer: JSONPointer) -> Int? {
        var current: JSONPointer? = pointer
        while let candidate = current {
            if let offset = valueOffset(at: candidate) { return offset }
            current = candidate.parent
        }
        return nil
    }
}
