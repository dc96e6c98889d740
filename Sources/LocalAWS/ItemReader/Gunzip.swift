/// Decompresses gzip files (RFC 1952 members holding RFC 1951 DEFLATE data), for the `.csv.gz`
/// files S3 Inventory writes. Concatenated members are decompressed one after the other.
///
///     try Gunzip.decompress(bytes)    // the file's content
///
/// The checksums are not verified (S3 verifies what it stores); a malformed stream is refused.
enum Gunzip {
    struct Failure: Error, Sendable {
        let message: String
    }

    static func decompress(_ data: [UInt8]) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        var position = 0
        while position < data.count {
            guard data.count - position >= 18, data[position] == 0x1F, data[position + 1] == 0x8B,
                data[position + 2] == 8
            else { throw Failure(message: "not a gzip file (bad header at byte \(position))") }
            let flags = data[position + 3]
            position += 10
            if flags & 0x04 != 0 {
                guard position + 2 <= data.count else { throw Failure(message: "truncated gzip header") }
                position += 2 + Int(data[position]) | Int(data[position + 1]) << 8
            }
            for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {
                while position < data.count, data[position] != 0 { position += 1 }
                position += 1
            }
            if flags & 0x02 != 0 { position += 2 }
            guard position <= data.count else { throw Failure(message: "truncated gzip header") }
            var reader = BitReader(data, at: position)
            try inflate(&reader, into: &output)
            // CRC-32 and size follow the compressed data.
            position = reader.alignedPosition + 8
        }
        return output
    }

    // MARK: DEFLATE (RFC 1951)

    private static let lengthBase = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227,
        258,
    ]
    private static let lengthExtra = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    private static let distanceBase = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
        6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtra = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    private static func inflate(_ reader: inout BitReader, into output: inout [UInt8]) throws(Failure) {
        var last = false
        while !last {
            last = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 0:
                try reader.stored(into: &output)
            case 1:
                var lengths = [Int](repeating: 8, count: 288)
                for symbol in 144..<256 { lengths[symbol] = 9 }
                for symbol in 256..<280 { lengths[symbol] = 7 }
                try codes(
                    &reader, literals: try Huffman(lengths), distances: try Huffman([Int](repeating: 5, count: 30)),
                    into: &output)
            case 2:
                let literalCount = try reader.bits(5) + 257
                let distanceCount = try reader.bits(5) + 1
                let codeLengthCount = try reader.bits(4) + 4
                var codeLengths = [Int](repeating: 0, count: 19)
                for index in 0..<codeLengthCount { codeLengths[codeLengthOrder[index]] = try reader.bits(3) }
                let codeLengthCode = try Huffman(codeLengths)
                var lengths: [Int] = []
                while lengths.count < literalCount + distanceCount {
                    let symbol = try codeLengthCode.decode(&reader)
                    switch symbol {
                    case 0..<16:
                        lengths.append(symbol)
                    case 16:
                        guard let previous = lengths.last else { throw Failure(message: "repeat with no length") }
                        lengths += [Int](repeating: previous, count: 3 + (try reader.bits(2)))
                    case 17:
                        lengths += [Int](repeating: 0, count: 3 + (try reader.bits(3)))
                    default:
                        lengths += [Int](repeating: 0, count: 11 + (try reader.bits(7)))
                    }
                }
                guard lengths.count == literalCount + distanceCount else {
                    throw Failure(message: "code lengths overrun")
                }
                try codes(
                    &reader, literals: try Huffman(Array(lengths[0..<literalCount])),
                    distances: try Huffman(Array(lengths[literalCount...])), into: &output)
            default:
                throw Failure(message: "invalid DEFLATE block type")
            }
        }
    }

    private static func codes(
        _ reader: inout BitReader, literals: Huffman, distances: Huffman, into output: inout [UInt8]
    ) throws(Failure) {
        while true {
            let symbol = try literals.decode(&reader)
            if symbol < 256 {
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let index = symbol - 257
            guard index < lengthBase.count else { throw Failure(message: "invalid length code") }
            let length = lengthBase[index] + (try reader.bits(lengthExtra[index]))
            let distanceSymbol = try distances.decode(&reader)
            guard distanceSymbol < distanceBase.count else { throw Failure(message: "invalid distance code") }
            let distance = distanceBase[distanceSymbol] + (try reader.bits(distanceExtra[distanceSymbol]))
            guard distance <= output.count else { throw Failure(message: "distance too far back") }
            let start = output.count - distance
            for offset in 0..<length { output.append(output[start + offset]) }
        }
    }

    /// A canonical Huffman code by counts per length and symbols in code order (as zlib's `puff`).
    private struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int]

        init(_ lengths: [Int]) throws(Failure) {
            for length in lengths {
                guard length < 16 else { throw Failure(message: "code length too long") }
                counts[length] += 1
            }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }

        func decode(_ reader: inout BitReader) throws(Failure) -> Int {
            var code = 0
            var first = 0
            var index = 0
            for length in 1..<16 {
                code |= try reader.bits(1)
                let count = counts[length]
                if code - count < first { return symbols[index + (code - first)] }
                index += count
                first = (first + count) << 1
                code <<= 1
            }
            throw Failure(message: "invalid Huffman code")
        }
    }

    /// Bits least significant first, as DEFLATE packs them.
    private struct BitReader {
        let data: [UInt8]
        var position: Int
        var buffer = 0
        var count = 0

        init(_ data: [UInt8], at position: Int) {
            self.data = data
            self.position = position
        }

        /// The byte after the last one partly read.
        var alignedPosition: Int { position }

        mutating func bits(_ needed: Int) throws(Failure) -> Int {
            while count < needed {
                guard position < data.count else { throw Failure(message: "truncated DEFLATE data") }
                buffer |= Int(data[position]) << count
                position += 1
                count += 8
            }
            let value = buffer & ((1 << needed) - 1)
            buffer >>= needed
            count -= needed
            return value
        }

        mutating func stored(into output: inout [UInt8]) throws(Failure) {
            buffer = 0
            count = 0
            guard position + 4 <= data.count else { throw Failure(message: "truncated stored block") }
            let length = Int(data[position]) | Int(data[position + 1]) << 8
            let complement = Int(data[position + 2]) | Int(data[position + 3]) << 8
            guard length == ~complement & 0xFFFF else { throw Failure(message: "stored block length mismatch") }
            position += 4
            guard position + length <= data.count else { throw Failure(message: "truncated stored block") }
            output.append(contentsOf: data[position..<(position + length)])
            position += length
        }
    }
}
