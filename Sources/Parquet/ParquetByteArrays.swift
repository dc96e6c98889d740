/// A batch of byte-array values (UTF-8 strings for a string column) kept in one contiguous
/// buffer: the fast way to hand a string column to ``ParquetWriter`` without building a `String`
/// per value.
///
///     var urls = ParquetByteArrays()
///     urls.append("https://example.com/")
///     urls.appendNull()
///     urls.string(at: 0)   // "https://example.com/"
///     urls.string(at: 1)   // nil
///
/// The writer does not check that the bytes are UTF-8; a string column's values should be.
public struct ParquetByteArrays: Sendable, Hashable {
    /// The values' bytes, back to back.
    public private(set) var bytes: [UInt8] = []
    /// `ends[i]` is where value `i` ends in ``bytes``; it starts where value `i - 1` ends (or at 0).
    public private(set) var ends: [Int] = []
    /// Whether each value is null (a null takes no bytes).
    public private(set) var isNull: [Bool] = []
    /// How many of the values are null.
    public private(set) var nullCount = 0

    public init() {}

    /// A batch holding `strings` in order.
    public init(_ strings: [String?]) {
        reserveCapacity(values: strings.count, bytes: strings.reduce(0) { $0 + ($1?.utf8.count ?? 0) })
        for string in strings {
            if let string { append(string) } else { appendNull() }
        }
    }

    public var count: Int { ends.count }
    public var isEmpty: Bool { ends.isEmpty }

    public mutating func reserveCapacity(values: Int, bytes byteCount: Int) {
        ends.reserveCapacity(values)
        isNull.reserveCapacity(values)
        bytes.reserveCapacity(byteCount)
    }

    public mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    public mutating func append(_ value: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: value)
        ends.append(bytes.count)
        isNull.append(false)
    }

    public mutating func append(_ value: [UInt8]) {
        value.withUnsafeBytes { append($0) }
    }

    public mutating func appendNull() {
        ends.append(bytes.count)
        isNull.append(true)
        nullCount += 1
    }

    /// Empties the batch, keeping its buffers for reuse.
    public mutating func removeAll(keepingCapacity: Bool = true) {
        bytes.removeAll(keepingCapacity: keepingCapacity)
        ends.removeAll(keepingCapacity: keepingCapacity)
        isNull.removeAll(keepingCapacity: keepingCapacity)
        nullCount = 0
    }

    /// Where value `index` starts in ``bytes``.
    @inline(__always)
    public func start(of index: Int) -> Int { index == 0 ? 0 : ends[index - 1] }

    /// Value `index`'s bytes, or `nil` for a null.
    public subscript(index: Int) -> [UInt8]? {
        isNull[index] ? nil : Array(bytes[start(of: index)..<ends[index]])
    }

    /// Value `index` decoded as UTF-8, or `nil` for a null.
    public func string(at index: Int) -> String? {
        isNull[index] ? nil : String(decoding: bytes[start(of: index)..<ends[index]], as: UTF8.self)
    }

    /// Every value decoded as UTF-8.
    public var strings: [String?] { (0..<count).map(string(at:)) }
}
