// The RLE / bit-packing hybrid that Parquet uses for definition levels and dictionary indices
// (parquet-format Encodings.md, "Run Length Encoding / Bit-Packing Hybrid (RLE = 3)").
//
// A stream of runs, each starting with a ULEB128 varint header:
//
//     header & 1 == 0   RLE run: header >> 1 repetitions of one value, stored in
//                       ceil(bitWidth / 8) little-endian bytes
//     header & 1 == 1   bit-packed run: header >> 1 groups of 8 values, each group bitWidth
//                       bytes, values packed from the least significant bit of the first byte
//
// Example, bit width 1, values 1 1 1 1 1 1 1 1 1 1 0 1 0: ten 1s become the RLE run `14 01`
// (10 << 1, value 1); the remaining `0 1 0` become one bit-packed group `03 02` (1 << 1 | 1,
// bits 010 from the low end, padded with zeros to 8 values).
//
// Only the last bit-packed group of a stream may be padded: the reader knows the value count and
// stops there. Runs of 8 or more equal values (at a group boundary) become RLE runs; everything
// else is bit-packed.

/// Encodes and decodes the RLE / bit-packing hybrid.
enum RLEBitPackedHybrid {
    /// The bit width needed for values up to `maximum` (0 for 0).
    static func bitWidth(forMaximum maximum: UInt32) -> Int {
        32 - maximum.leadingZeroBitCount
    }

    /// Appends the encoding of `values` (each below `1 << bitWidth`) to `output`.
    static func encode(_ values: UnsafeBufferPointer<UInt32>, bitWidth: Int, into output: inout [UInt8]) {
        let count = values.count
        var index = 0
        @inline(__always) func runLength(at start: Int) -> Int {
            let value = values[start]
            var end = start + 1
            while end < count && values[end] == value { end += 1 }
            return end - start
        }
        while index < count {
            let run = runLength(at: index)
            if run >= 8 {
                appendVarint(UInt64(run) << 1, to: &output)
                appendValue(values[index], byteWidth: (bitWidth + 7) / 8, to: &output)
                index += run
                continue
            }
            let start = index
            index += 8
            while index < count && runLength(at: index) < 8 { index += 8 }
            let end = min(index, count)
            let groups = (end - start + 7) / 8
            appendVarint(UInt64(groups) << 1 | 1, to: &output)
            packGroups(values, from: start, to: end, groups: groups, bitWidth: bitWidth, into: &output)
            index = end
        }
    }

    /// Encodes an array (convenience for tests and small level streams).
    static func encode(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        var output: [UInt8] = []
        values.withUnsafeBufferPointer { encode($0, bitWidth: bitWidth, into: &output) }
        return output
    }

    private static func packGroups(
        _ values: UnsafeBufferPointer<UInt32>, from start: Int, to end: Int, groups: Int, bitWidth: Int,
        into output: inout [UInt8]
    ) {
        var accumulator: UInt64 = 0
        var bits = 0
        for position in start..<(start + groups * 8) {
            let value = position < end ? UInt64(values[position]) : 0
            accumulator |= value << UInt64(bits)
            bits += bitWidth
            while bits >= 8 {
                output.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                bits -= 8
            }
        }
    }

    @inline(__always)
    static func appendVarint(_ value: UInt64, to output: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        output.append(UInt8(value))
    }

    @inline(__always)
    private static func appendValue(_ value: UInt32, byteWidth: Int, to output: inout [UInt8]) {
        for byte in 0..<byteWidth {
            output.append(UInt8(truncatingIfNeeded: value >> UInt32(8 * byte)))
        }
    }

    /// Decodes `count` values from `input[start..<end]`.
    /// - Throws: ``ParquetError/Kind/invalidFile`` when the runs end before `count` values, or a
    ///   bit width above 32.
    static func decode(
        _ input: [UInt8], from start: Int, to end: Int, bitWidth: Int, count: Int
    ) throws(ParquetError) -> [UInt32] {
        guard (0...32).contains(bitWidth) else {
            throw ParquetError(.invalidFile, "RLE bit width \(bitWidth) is above 32")
        }
        var result: [UInt32] = []
        result.reserveCapacity(count)
        var index = start
        let byteWidth = (bitWidth + 7) / 8
        while result.count < count {
            var header: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard index < end, shift < 64 else {
                    throw ParquetError(.invalidFile, "RLE data ends after \(result.count) of \(count) values")
                }
                let byte = input[index]
                index += 1
                header |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { break }
                shift += 7
            }
            if header & 1 == 0 {
                let repeats = min(Int(clamping: header >> 1), count - result.count)
                guard end - index >= byteWidth else { throw ParquetError(.invalidFile, "RLE run value truncated") }
                var value: UInt32 = 0
                for byte in 0..<byteWidth { value |= UInt32(input[index + byte]) << UInt32(8 * byte) }
                index += byteWidth
                result.append(contentsOf: repeatElement(value, count: repeats))
            } else {
                let groups = Int(clamping: header >> 1)
                let (byteCount, overflow) = groups.multipliedReportingOverflow(by: bitWidth)
                guard !overflow, byteCount <= end - index, groups <= Int.max / 8 else {
                    throw ParquetError(.invalidFile, "bit-packed run of \(groups) groups runs past the data")
                }
                let runEnd = index + byteCount
                let take = min(groups * 8, count - result.count)
                let mask: UInt64 = (1 << UInt64(bitWidth)) - 1
                var accumulator: UInt64 = 0
                var bits = 0
                for _ in 0..<take {
                    while bits < bitWidth {
                        accumulator |= UInt64(input[index]) << UInt64(bits)
                        index += 1
                        bits += 8
                    }
                    result.append(UInt32(truncatingIfNeeded: accumulator & mask))
                    accumulator >>= UInt64(bitWidth)
                    bits -= bitWidth
                }
                index = runEnd
            }
        }
        return result
    }
}
