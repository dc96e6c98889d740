/// Decodes the pages of one column chunk into values.
struct ColumnDecoder {
    let column: ParquetColumn
    /// Values the chunk's metadata still promises; no page may declare more.
    private var remaining: Int
    private var dictionary: PlainValues?
    private var strings: [String?] = []
    private var int32: [Int32?] = []
    private var int64: [Int64?] = []
    private var doubles: [Double?] = []
    private var booleans: [Bool?] = []

    init(column: ParquetColumn, valueCount: Int64) {
        self.column = column
        self.remaining = Int(clamping: valueCount)
    }

    /// Decoded PLAIN values of one physical type.
    enum PlainValues {
        case byteArrays([[UInt8]])
        case int32([Int32])
        case int64([Int64])
        case doubles([Double])
        case booleans([Bool])

        var count: Int {
            switch self {
            case .byteArrays(let values): values.count
            case .int32(let values): values.count
            case .int64(let values): values.count
            case .doubles(let values): values.count
            case .booleans(let values): values.count
            }
        }
    }

    mutating func decode(_ header: PageHeader, _ body: [UInt8]) throws(ParquetError) {
        switch header.type {
        case .dictionaryPage:
            guard header.encoding == .plain || header.encoding == .plainDictionary else {
                throw ParquetError(.unsupported, "dictionary page encoding \(header.encoding)")
            }
            var position = 0
            dictionary = try Self.decodePlain(
                body, at: &position, count: Int(header.numValues), type: column.type.physicalType)
        case .dataPage:
            try decodeDataPage(header, body)
        case .dataPageV2:
            throw ParquetError(.unsupported, "data page V2 in column '\(column.name)'")
        case .indexPage:
            return
        }
    }

    private mutating func decodeDataPage(_ header: PageHeader, _ body: [UInt8]) throws(ParquetError) {
        let count = Int(header.numValues)
        guard count >= 0, count <= remaining else {
            throw ParquetError(.invalidFile, "a page of '\(column.name)' declares \(count) values, \(remaining) remain")
        }
        remaining -= count
        var position = 0
        var present = [Bool](repeating: true, count: count)
        if column.isOptional {
            guard header.definitionLevelEncoding == .rle else {
                throw ParquetError(.unsupported, "definition level encoding \(header.definitionLevelEncoding)")
            }
            guard body.count >= 4 else { throw ParquetError(.invalidFile, "a data page ends before its levels") }
            var length = 0
            for index in 0..<4 { length |= Int(body[index]) << (8 * index) }
            guard length <= body.count - 4 else { throw ParquetError(.invalidFile, "levels run past the page") }
            let levels = try RLEBitPackedHybrid.decode(body, from: 4, to: 4 + length, bitWidth: 1, count: count)
            for index in 0..<count { present[index] = levels[index] == 1 }
            position = 4 + length
        }
        let nonNull = present.reduce(0) { $0 + ($1 ? 1 : 0) }
        let values: PlainValues
        switch header.encoding {
        case .plain:
            values = try Self.decodePlain(body, at: &position, count: nonNull, type: column.type.physicalType)
        case .rleDictionary, .plainDictionary:
            guard let dictionary else {
                throw ParquetError(.invalidFile, "a dictionary-encoded page in '\(column.name)' has no dictionary")
            }
            guard position < body.count || nonNull == 0 else {
                throw ParquetError(.invalidFile, "a data page ends before its bit width")
            }
            let bitWidth = nonNull == 0 && position >= body.count ? 0 : Int(body[position])
            let indices = try RLEBitPackedHybrid.decode(
                body, from: position + 1, to: body.count, bitWidth: bitWidth, count: nonNull)
            values = try Self.gather(dictionary, indices)
        default:
            throw ParquetError(.unsupported, "data page encoding \(header.encoding) in '\(column.name)'")
        }
        append(values, present: present)
    }

    private static func gather(_ dictionary: PlainValues, _ indices: [UInt32]) throws(ParquetError) -> PlainValues {
        guard indices.allSatisfy({ Int($0) < dictionary.count }) else {
            throw ParquetError(
                .invalidFile, "a dictionary index is beyond the dictionary's \(dictionary.count) entries")
        }
        switch dictionary {
        case .byteArrays(let entries): return .byteArrays(indices.map { entries[Int($0)] })
        case .int32(let entries): return .int32(indices.map { entries[Int($0)] })
        case .int64(let entries): return .int64(indices.map { entries[Int($0)] })
        case .doubles(let entries): return .doubles(indices.map { entries[Int($0)] })
        case .booleans(let entries): return .booleans(indices.map { entries[Int($0)] })
        }
    }

    private mutating func append(_ values: PlainValues, present: [Bool]) {
        func spread<T>(_ source: [T], into target: inout [T?]) {
            var next = 0
            for isPresent in present {
                if isPresent {
                    target.append(source[next])
                    next += 1
                } else {
                    target.append(nil)
                }
            }
        }
        switch values {
        case .byteArrays(let source): spread(source.map { String(decoding: $0, as: UTF8.self) }, into: &strings)
        case .int32(let source): spread(source, into: &int32)
        case .int64(let source): spread(source, into: &int64)
        case .doubles(let source): spread(source, into: &doubles)
        case .booleans(let source): spread(source, into: &booleans)
        }
    }

    static func decodePlain(
        _ body: [UInt8], at position: inout Int, count: Int, type: ParquetPhysicalType
    ) throws(ParquetError) -> PlainValues {
        guard count >= 0 else { throw ParquetError(.invalidFile, "a page declares \(count) values") }
        func fixed(_ width: Int) throws(ParquetError) -> [UInt64] {
            guard count >= 0, count <= (body.count - position) / width else {
                throw ParquetError(.invalidFile, "PLAIN values run past the page")
            }
            var result: [UInt64] = []
            result.reserveCapacity(count)
            for _ in 0..<count {
                var bits: UInt64 = 0
                for byte in 0..<width { bits |= UInt64(body[position + byte]) << UInt64(8 * byte) }
                result.append(bits)
                position += width
            }
            return result
        }
        switch type {
        case .int32:
            return .int32(try fixed(4).map { Int32(bitPattern: UInt32(truncatingIfNeeded: $0)) })
        case .int64:
            return .int64(try fixed(8).map { Int64(bitPattern: $0) })
        case .double:
            return .doubles(try fixed(8).map { Double(bitPattern: $0) })
        case .boolean:
            guard count >= 0, (count + 7) / 8 <= body.count - position else {
                throw ParquetError(.invalidFile, "PLAIN booleans run past the page")
            }
            let values = (0..<count).map { body[position + $0 / 8] >> UInt8($0 % 8) & 1 == 1 }
            position += (count + 7) / 8
            return .booleans(values)
        case .byteArray:
            var result: [[UInt8]] = []
            for _ in 0..<count {
                guard body.count - position >= 4 else {
                    throw ParquetError(.invalidFile, "PLAIN length runs past the page")
                }
                var length = 0
                for byte in 0..<4 { length |= Int(body[position + byte]) << (8 * byte) }
                position += 4
                guard length <= body.count - position else {
                    throw ParquetError(.invalidFile, "a PLAIN byte array runs past the page")
                }
                result.append(Array(body[position..<(position + length)]))
                position += length
            }
            return .byteArrays(result)
        case .int96, .float, .fixedLenByteArray:
            throw ParquetError(.unsupported, "physical type \(type)")
        }
    }

    func result() -> ParquetColumnValues {
        switch column.type {
        case .string: .strings(strings)
        case .int32, .date: .int32(int32)
        case .int64, .timestampMicros: .int64(int64)
        case .double: .doubles(doubles)
        case .boolean: .booleans(booleans)
        }
    }
}
