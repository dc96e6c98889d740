/// A string that equals and hashes by its code units, the way AWS (Java) and JSONata (JavaScript)
/// compare strings, not by Swift's canonical equivalence.
///
/// Swift's `String ==` treats canonically equivalent strings as equal: `"\u{E9}" == "e\u{301}"` and
/// `"\u{212B}" == "\u{C5}"` are `true`, and the Kelvin sign `"\u{212A}"` equals `"K"`. Java's
/// `String.equals` and JavaScript's `===` compare UTF-16 code units, so on AWS those are different
/// state names, object keys, error names and values. Use this type as the key of a dictionary or set
/// that holds user data, and ``Swift/String/hasSameCodeUnits(as:)`` where two strings are compared
/// directly. (For valid Unicode, equal UTF-8 bytes and equal UTF-16 code units are the same thing.)
/// See SPEC-NOTES §1 "String equality".
public struct CodeUnitString: Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var string: String

    @inlinable
    public init(_ string: String) { self.string = string }

    @inlinable
    public init(stringLiteral value: String) { self.string = value }

    public var description: String { string }

    @inlinable
    public static func == (lhs: CodeUnitString, rhs: CodeUnitString) -> Bool {
        lhs.string.hasSameCodeUnits(as: rhs.string)
    }

    /// Orders by UTF-8 bytes (the same order as code points; used only to sort deterministically).
    @inlinable
    public static func < (lhs: CodeUnitString, rhs: CodeUnitString) -> Bool {
        lhs.string.utf8.lexicographicallyPrecedes(rhs.string.utf8)
    }

    /// Swift's own string hash: equal code units are equal strings, so they hash alike, and
    /// canonically equivalent strings (equal to Swift, not here) only share a bucket. It is the
    /// fastest hash for the short ASCII keys most definitions use (a byte hash measured about a
    /// fifth slower on those dictionaries, SPEC-NOTES.md §1 "String equality").
    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(string)
    }
}

extension String {
    /// Whether the two strings hold the same code units (AWS's and JSONata's string equality),
    /// unlike `==`, which also equates canonically equivalent strings (`"\u{E9}"` and `"e\u{301}"`).
    @inlinable
    public func hasSameCodeUnits(as other: String) -> Bool {
        let lhs = utf8
        let rhs = other.utf8
        guard lhs.count == rhs.count else { return false }
        let compared: Bool?? = lhs.withContiguousStorageIfAvailable { left in
            rhs.withContiguousStorageIfAvailable { right in
                guard let leftBase = left.baseAddress, let rightBase = right.baseAddress else { return true }
                if leftBase == rightBase { return true }
                // Eight bytes at a time, then the rest.
                let leftRaw = UnsafeRawPointer(leftBase)
                let rightRaw = UnsafeRawPointer(rightBase)
                let count = left.count
                var position = 0
                while position + 8 <= count {
                    if leftRaw.loadUnaligned(fromByteOffset: position, as: UInt64.self)
                        != rightRaw.loadUnaligned(fromByteOffset: position, as: UInt64.self)
                    {
                        return false
                    }
                    position += 8
                }
                while position < count {
                    if leftBase[position] != rightBase[position] { return false }
                    position += 1
                }
                return true
            }
        }
        if let compared, let compared { return compared }
        return lhs.elementsEqual(rhs)
    }
}

extension Sequence where Element == String {
    /// Whether the sequence holds a string with the same code units as `string`.
    @inlinable
    public func containsCodeUnits(of string: String) -> Bool {
        contains { $0.hasSameCodeUnits(as: string) }
    }
}

extension Collection where Element == String {
    /// The position of the first string with the same code units as `string`.
    @inlinable
    public func firstIndex(codeUnitsOf string: String) -> Index? {
        firstIndex { $0.hasSameCodeUnits(as: string) }
    }
}

extension Dictionary where Key == CodeUnitString {
    /// The value for the key with the same code units as `key`, so a code-unit keyed dictionary
    /// reads and writes with plain `String`s.
    @inlinable
    public subscript(key: String) -> Value? {
        get { self[CodeUnitString(key)] }
        set { self[CodeUnitString(key)] = newValue }
    }
}

extension Set where Element == CodeUnitString {
    /// Whether the set holds a string with the same code units as `string`.
    @inlinable
    public func contains(_ string: String) -> Bool { contains(CodeUnitString(string)) }

    /// Inserts `string` (by its code units); `true` when it was not there yet.
    @inlinable
    @discardableResult
    public mutating func insert(_ string: String) -> Bool { insert(CodeUnitString(string)).inserted }
}
