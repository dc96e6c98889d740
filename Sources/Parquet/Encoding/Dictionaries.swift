// Dictionary builders for RLE_DICTIONARY encoding. Each maps a value to its index in insertion
// order; the dictionary page is the entries PLAIN-encoded in that order.
//
// Rationale: byte arrays are hashed from their raw bytes into an open-addressing table of entry
// indices, with the entries kept back to back in one buffer, so a lookup allocates nothing and
// never builds a `String` (Swift's `String` hashing normalizes Unicode, which a byte-exact
// dictionary does not want and cannot afford on the hot path).

/// A fast, non-cryptographic 64-bit hash of a byte string (8-byte multiply-xorshift rounds and
/// a MurmurHash3 finalizer). Only used inside one process, never stored.
@inline(__always)
func hashBytes(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let count = bytes.count
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: count)
    guard let base = bytes.baseAddress else { return mix64(hash) }
    var index = 0
    while index + 8 < count {
        let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 29
        index += 8
    }
    // The last 1…8 bytes in one load (overlapping words already hashed is fine: the length is
    // part of the seed).
    let tail: UInt64
    if count >= 8 {
        tail = base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    } else if count >= 4 {
        tail =
            UInt64(base.loadUnaligned(as: UInt32.self))
            | UInt64(base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << 32
    } else if count > 0 {
        tail =
            UInt64(base.load(as: UInt8.self)) | UInt64(base.load(fromByteOffset: count / 2, as: UInt8.self)) << 8
            | UInt64(base.load(fromByteOffset: count - 1, as: UInt8.self)) << 16
    } else {
        tail = 0
    }
    return mix64((hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53)
}

@inline(__always)
func mix64(_ value: UInt64) -> UInt64 {
    var hash = value
    hash ^= hash >> 33
    hash &*= 0xFF51_AFD7_ED55_8CCD
    hash ^= hash >> 33
    hash &*= 0xC4CE_B9FE_1A85_EC53
    hash ^= hash >> 33
    return hash
}

/// Byte-array dictionary: entries back to back, an open-addressing table of entry numbers.
///
/// Each slot holds the upper 32 bits of the entry's hash beside its number, so a probe compares
/// bytes only when those bits agree.
struct ByteArrayDictionary {
    private(set) var bytes: [UInt8] = []
    /// `ends[i]` is where entry `i` ends in `bytes`.
    private(set) var ends: [Int] = []
    private var hashes: [UInt64] = []
    /// `hash >> 32 << 32 | (entry + 1)` per slot; 0 is empty.
    private var slots: [UInt64] = Array(repeating: 0, count: 1024)
    /// The size of the PLAIN dictionary page body: a 4-byte length per entry plus the bytes.
    private(set) var plainSize = 0

    var count: Int { ends.count }

    @inline(__always)
    func start(of entry: Int) -> Int { entry == 0 ? 0 : ends[entry - 1] }

    /// The entry number of `value`, inserting it when new.
    @inline(__always)
    mutating func index(of value: UnsafeRawBufferPointer) -> UInt32 {
        let hash = hashBytes(value)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        let found: Int? = slots.withUnsafeBufferPointer { slots in
            ends.withUnsafeBufferPointer { ends in
                bytes.withUnsafeBytes { stored in
                    while true {
                        let occupant = slots[slot]
                        if occupant == 0 { return nil }
                        if occupant & 0xFFFF_FFFF_0000_0000 == tag {
                            let entry = Int(truncatingIfNeeded: occupant & 0xFFFF_FFFF) - 1
                            let start = entry == 0 ? 0 : ends[entry - 1]
                            if ends[entry] - start == value.count {
                                guard let storedBase = stored.baseAddress, let valueBase = value.baseAddress else {
                                    return entry
                                }
                                if memoryEqual(storedBase + start, valueBase, value.count) { return entry }
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        if let found { return UInt32(truncatingIfNeeded: found) }
        let entry = ends.count
        bytes.append(contentsOf: value)
        ends.append(bytes.count)
        hashes.append(hash)
        plainSize += 4 + value.count
        slots[slot] = tag | UInt64(entry + 1)
        if ends.count * 2 > slots.count { grow() }
        return UInt32(truncatingIfNeeded: entry)
    }

    private mutating func grow() {
        var larger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for entry in 0..<ends.count {
            let hash = hashes[entry]
            var slot = Int(truncatingIfNeeded: hash) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(entry + 1)
        }
        slots = larger
    }

    /// The PLAIN encoding of the entries: each a u32 little-endian length and its bytes.
    func plainEncoded() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(plainSize)
        bytes.withUnsafeBytes { stored in
            for entry in 0..<ends.count {
                let start = start(of: entry)
                appendLength(ends[entry] - start, to: &output)
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: stored[start..<ends[entry]]))
            }
        }
        return output
    }

    /// The entries' smallest and largest in unsigned byte order, as entry numbers.
    func extremes() -> (min: Int, max: Int)? {
        guard !ends.isEmpty else { return nil }
        return bytes.withUnsafeBytes { stored in
            var low = 0
            var high = 0
            for entry in 1..<ends.count {
                let value = UnsafeRawBufferPointer(rebasing: stored[start(of: entry)..<ends[entry]])
                if compareBytes(value, UnsafeRawBufferPointer(rebasing: stored[start(of: low)..<ends[low]])) < 0 {
                    low = entry
                }
                if compareBytes(value, UnsafeRawBufferPointer(rebasing: stored[start(of: high)..<ends[high]])) > 0 {
                    high = entry
                }
            }
            return (low, high)
        }
    }

    func entry(_ index: Int) -> [UInt8] { Array(bytes[start(of: index)..<ends[index]]) }
}

/// Fixed-width dictionary keyed by the value's bit pattern.
struct FixedWidthDictionary {
    private(set) var values: [UInt64] = []
    private var slots: [UInt32] = Array(repeating: 0, count: 1024)

    var count: Int { values.count }

    @inline(__always)
    mutating func index(of bits: UInt64) -> UInt32 {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: mix64(bits)) & mask
        while true {
            let occupant = slots[slot]
            if occupant == 0 { break }
            if values[Int(occupant - 1)] == bits { return occupant - 1 }
            slot = (slot + 1) & mask
        }
        let entry = values.count
        values.append(bits)
        slots[slot] = UInt32(entry + 1)
        if values.count * 2 > slots.count { grow() }
        return UInt32(entry)
    }

    private mutating func grow() {
        var larger = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for (entry, bits) in values.enumerated() {
            var slot = Int(truncatingIfNeeded: mix64(bits)) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = UInt32(entry + 1)
        }
        slots = larger
    }
}

@inline(__always)
func appendLength(_ length: Int, to output: inout [UInt8]) {
    let value = UInt32(truncatingIfNeeded: length)
    output.append(UInt8(truncatingIfNeeded: value))
    output.append(UInt8(truncatingIfNeeded: value >> 8))
    output.append(UInt8(truncatingIfNeeded: value >> 16))
    output.append(UInt8(truncatingIfNeeded: value >> 24))
}

@inline(__always)
func memoryEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
    if count >= 8 {
        var index = 0
        while index + 8 < count {
            if a.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                != b.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            {
                return false
            }
            index += 8
        }
        return a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }
    var index = 0
    while index < count {
        if a.load(fromByteOffset: index, as: UInt8.self) != b.load(fromByteOffset: index, as: UInt8.self) {
            return false
        }
        index += 1
    }
    return true
}

/// Unsigned lexicographic comparison: negative, zero or positive.
@inline(__always)
func compareBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let common = min(a.count, b.count)
    var index = 0
    while index < common {
        let x = a[index]
        let y = b[index]
        if x != y { return x < y ? -1 : 1 }
        index += 1
    }
    return a.count - b.count
}
