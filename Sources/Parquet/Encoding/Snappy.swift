// Snappy's raw block format (no framing), as Parquet's SNAPPY codec uses it.
//
// A block is the uncompressed length as a varint, then elements, each starting with a tag byte
// whose low two bits say what follows:
//
//     00  literal: length-1 in the upper 6 bits, or 60…63 there meaning 1…4 little-endian
//         length-1 bytes follow; then the literal bytes
//     01  copy, 1-byte offset: length-4 in bits 2…4 (length 4…11), offset bits 8…10 in bits 5…7,
//         offset bits 0…7 in the next byte
//     10  copy, 2-byte offset: length-1 in the upper 6 bits (1…64), little-endian u16 offset
//     11  copy, 4-byte offset: as 10 with a u32 offset
//
// A copy repeats `length` bytes starting `offset` bytes back in the output; it may overlap the
// bytes it produces (offset < length repeats a pattern). Example: "abcabcabcabc" (12 bytes)
// compresses to `0c 08 61 62 63 15 03`: length 12; literal "abc"; copy (1-byte offset) of length 9
// from offset 3.
//
// The compressor works on 64 KiB blocks of the input so offsets fit the 2-byte copy, keeps a hash
// table of positions keyed by the next 4 bytes, and, when no match turns up, strides further
// ahead the longer it has searched (one byte per 32 misses), which keeps incompressible input
// fast. Those are the reference implementation's published choices (google/snappy
// format_description.txt and snappy.cc's comments); the code here is written from that
// description.

/// Snappy raw block compression and decompression.
public enum Snappy {
    static let blockSize = 1 << 16
    static let maximumTableBits = 14
    /// Below this many bytes a block is emitted as one literal (the search needs look-ahead).
    static let inputMargin = 15

    /// An upper bound on the compressed size of `count` input bytes.
    public static func maximumCompressedLength(_ count: Int) -> Int { 32 + count + count / 6 }

    /// Compresses `input` into a new buffer.
    /// - Complexity: O(n).
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBytes { compress($0) }
    }

    /// Compresses the bytes of `input` into a new buffer.
    public static func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        let capacity = maximumCompressedLength(input.count)
        return [UInt8](unsafeUninitializedCapacity: capacity) { output, initialized in
            initialized = compress(input, into: output)
        }
    }

    /// Compresses `input` into `output`, which holds at least
    /// ``maximumCompressedLength(_:)`` bytes; returns the number of bytes written.
    static func compress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        guard let destination = output.baseAddress else { return 0 }
        var op = 0
        var length = UInt64(input.count)
        while length >= 0x80 {
            destination[op] = UInt8(truncatingIfNeeded: length) | 0x80
            op += 1
            length >>= 7
        }
        destination[op] = UInt8(length)
        op += 1
        guard let source = input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count > 0 else { return op }
        var table = [UInt16](repeating: 0, count: 1 << maximumTableBits)
        table.withUnsafeMutableBufferPointer { table in
            var blockStart = 0
            while blockStart < input.count {
                let blockLength = min(blockSize, input.count - blockStart)
                var encoder = BlockEncoder(destination: destination, op: op)
                encoder.compress(source + blockStart, count: blockLength, table: table)
                op = encoder.op
                blockStart += blockLength
            }
        }
        return op
    }

    /// Decompresses one raw Snappy block.
    /// - Throws: ``ParquetError/Kind/corruptCompressedData`` when the block is malformed: a
    ///   truncated element, a copy reaching before the start, or output longer or shorter than
    ///   the length in the preamble.
    public static func decompress(_ input: [UInt8]) throws(ParquetError) -> [UInt8] {
        try input.withUnsafeBufferPointer { (buffer: UnsafeBufferPointer<UInt8>) throws(ParquetError) -> [UInt8] in
            try decompress(UnsafeRawBufferPointer(buffer))
        }
    }

    /// Decompresses one raw Snappy block from raw bytes.
    public static func decompress(_ input: UnsafeRawBufferPointer) throws(ParquetError) -> [UInt8] {
        var ip = 0
        var length: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard ip < input.count, shift <= 28 else { throw corrupt("bad length preamble") }
            let byte = input[ip]
            ip += 1
            length |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        // The longest element expansion is a 3-byte copy producing 64 bytes, so a length beyond
        // 22 times the input cannot be honest; refusing it avoids a huge allocation.
        guard length <= UInt64(input.count) * 22 + 64, length <= UInt64(UInt32.max) else {
            throw corrupt("declared length \(length) is impossible for \(input.count) input bytes")
        }
        var failure: ParquetError?
        let result = [UInt8](unsafeUninitializedCapacity: Int(length)) { output, initialized in
            var decoder = BlockDecoder(input: input, ip: ip, output: output)
            if let message = decoder.run() {
                failure = corrupt(message)
                initialized = 0
            } else {
                initialized = output.count
            }
        }
        if let failure { throw failure }
        return result
    }

    static func corrupt(_ message: String) -> ParquetError {
        ParquetError(.corruptCompressedData, "corrupt Snappy data: \(message)")
    }
}

/// Emits the elements of one block.
private struct BlockEncoder {
    let destination: UnsafeMutablePointer<UInt8>
    var op: Int

    @inline(__always)
    static func load32(_ pointer: UnsafePointer<UInt8>) -> UInt32 {
        UnsafeRawPointer(pointer).loadUnaligned(as: UInt32.self).littleEndian
    }

    @inline(__always)
    static func load64(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self).littleEndian
    }

    mutating func compress(_ source: UnsafePointer<UInt8>, count: Int, table: UnsafeMutableBufferPointer<UInt16>) {
        var nextEmit = 0
        if count >= Snappy.inputMargin {
            var tableBits = 8
            while tableBits < Snappy.maximumTableBits && (1 << tableBits) < count { tableBits += 1 }
            let shift = UInt32(32 - tableBits)
            let table = UnsafeMutableBufferPointer(rebasing: table[0..<(1 << tableBits)])
            table.update(repeating: 0)
            @inline(__always) func hash(_ at: Int) -> Int {
                Int((Self.load32(source + at) &* 0x1E35_A7BD) >> shift)
            }
            let ipLimit = count - Snappy.inputMargin
            var ip = 1
            var nextHash = hash(ip)
            search: while true {
                var skip = 32
                var nextIP = ip
                var candidate = 0
                repeat {
                    ip = nextIP
                    let current = nextHash
                    nextIP = ip + (skip >> 5)
                    skip += 1
                    if nextIP > ipLimit { break search }
                    nextHash = hash(nextIP)
                    candidate = Int(table[current])
                    table[current] = UInt16(truncatingIfNeeded: ip)
                } while Self.load32(source + ip) != Self.load32(source + candidate)
                emitLiteral(source + nextEmit, count: ip - nextEmit)
                repeat {
                    let base = ip
                    let matched = 4 + Self.matchLength(source + candidate + 4, source + ip + 4, end: source + count)
                    ip += matched
                    emitCopy(offset: base - candidate, length: matched)
                    nextEmit = ip
                    if ip >= ipLimit { break search }
                    table[hash(ip - 1)] = UInt16(truncatingIfNeeded: ip - 1)
                    let current = hash(ip)
                    candidate = Int(table[current])
                    table[current] = UInt16(truncatingIfNeeded: ip)
                } while Self.load32(source + ip) == Self.load32(source + candidate)
                ip += 1
                nextHash = hash(ip)
            }
        }
        if nextEmit < count {
            emitLiteral(source + nextEmit, count: count - nextEmit)
        }
    }

    /// How many bytes from `a` equal those from `b`, with `b` stopping at `end` (`a` < `b`).
    @inline(__always)
    static func matchLength(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) -> Int {
        var matched = 0
        while b + matched + 8 <= end {
            let difference = load64(a + matched) ^ load64(b + matched)
            if difference != 0 { return matched + difference.trailingZeroBitCount >> 3 }
            matched += 8
        }
        while b + matched < end, a[matched] == b[matched] { matched += 1 }
        return matched
    }

    @inline(__always)
    mutating func emitLiteral(_ source: UnsafePointer<UInt8>, count: Int) {
        let n = count - 1
        if n < 60 {
            destination[op] = UInt8(n << 2)
            op += 1
        } else {
            var extra = 1
            while extra < 4 && n >> (8 * extra) != 0 { extra += 1 }
            destination[op] = UInt8((59 + extra) << 2)
            op += 1
            for byte in 0..<extra {
                destination[op] = UInt8(truncatingIfNeeded: n >> (8 * byte))
                op += 1
            }
        }
        (destination + op).update(from: source, count: count)
        op += count
    }

    @inline(__always)
    mutating func emitCopy(offset: Int, length: Int) {
        var length = length
        while length >= 68 {
            emitShortCopy(offset: offset, length: 64)
            length -= 64
        }
        if length > 64 {
            emitShortCopy(offset: offset, length: 60)
            length -= 60
        }
        emitShortCopy(offset: offset, length: length)
    }

    /// One copy element, 4 ≤ length ≤ 64, offset < 65536.
    @inline(__always)
    mutating func emitShortCopy(offset: Int, length: Int) {
        if length < 12 && offset < 2048 {
            destination[op] = UInt8(1 | ((length - 4) << 2) | ((offset >> 8) << 5))
            destination[op + 1] = UInt8(truncatingIfNeeded: offset)
            op += 2
        } else {
            destination[op] = UInt8(2 | ((length - 1) << 2))
            destination[op + 1] = UInt8(truncatingIfNeeded: offset)
            destination[op + 2] = UInt8(truncatingIfNeeded: offset >> 8)
            op += 3
        }
    }
}

/// Interprets the elements of one block, checking every bound.
private struct BlockDecoder {
    let input: UnsafeRawBufferPointer
    var ip: Int
    let output: UnsafeMutableBufferPointer<UInt8>
    var op = 0

    init(input: UnsafeRawBufferPointer, ip: Int, output: UnsafeMutableBufferPointer<UInt8>) {
        self.input = input
        self.ip = ip
        self.output = output
    }

    /// Decodes everything; returns a description of the first problem, or `nil`.
    mutating func run() -> String? {
        guard let out = output.baseAddress else {
            return ip == input.count ? nil : "elements after an empty block"
        }
        while ip < input.count {
            let tag = input[ip]
            ip += 1
            var length: Int
            var offset: Int
            switch tag & 3 {
            case 0:
                length = Int(tag >> 2)
                if length >= 60 {
                    let extra = length - 59
                    guard input.count - ip >= extra else { return "truncated literal length at byte \(ip)" }
                    length = 0
                    for byte in 0..<extra { length |= Int(input[ip + byte]) << (8 * byte) }
                    ip += extra
                }
                length += 1
                guard input.count - ip >= length else { return "literal of \(length) bytes runs past the input" }
                guard output.count - op >= length else { return "literal overflows the declared length" }
                if let base = input.baseAddress {
                    (out + op).update(from: (base + ip).assumingMemoryBound(to: UInt8.self), count: length)
                }
                ip += length
                op += length
                continue
            case 1:
                guard ip < input.count else { return "truncated copy at byte \(ip)" }
                length = 4 + Int((tag >> 2) & 7)
                offset = Int(tag >> 5) << 8 | Int(input[ip])
                ip += 1
            case 2:
                guard input.count - ip >= 2 else { return "truncated copy at byte \(ip)" }
                length = 1 + Int(tag >> 2)
                offset = Int(input[ip]) | Int(input[ip + 1]) << 8
                ip += 2
            default:
                guard input.count - ip >= 4 else { return "truncated copy at byte \(ip)" }
                length = 1 + Int(tag >> 2)
                offset = 0
                for byte in 0..<4 { offset |= Int(input[ip + byte]) << (8 * byte) }
                ip += 4
            }
            guard offset > 0, offset <= op else { return "copy offset \(offset) outside the output at \(op)" }
            guard output.count - op >= length else { return "copy overflows the declared length" }
            let from = out + op - offset
            if offset >= length {
                (out + op).update(from: from, count: length)
            } else {
                for position in 0..<length { out[op + position] = from[position] }
            }
            op += length
        }
        return op == output.count ? nil : "output has \(op) bytes, the preamble declared \(output.count)"
    }
}
