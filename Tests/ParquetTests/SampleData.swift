import Parquet

/// SplitMix64: deterministic randomness for the tests.
struct SeededRandom {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }
}

/// A table of every column type, with nulls, built deterministically.
struct SampleTable {
    var schema: ParquetSchema
    var columns: [ParquetColumnValues]

    static let words = ["apple", "Zebra", "é-accent", "", "zz", "apple pie", "日本", "a\u{0}b", "~tilde"]

    static func make(rows: Int, seed: UInt64 = 7, dictionary: Bool = true) -> SampleTable {
        var random = SeededRandom(state: seed)
        var strings: [String?] = []
        var timestamps: [Int64?] = []
        var dates: [Int32?] = []
        var int32s: [Int32?] = []
        var int64s: [Int64?] = []
        var doubles: [Double?] = []
        var booleans: [Bool?] = []
        for row in 0..<rows {
            strings.append(random.below(5) == 0 ? nil : words[random.below(words.count)])
            timestamps.append(
                random.below(7) == 0 ? nil : 1_795_000_000_000_000 + Int64(random.below(2_000_000_000)) - 1_000_000_000)
            dates.append(random.below(6) == 0 ? nil : Int32(random.below(40_000)) - 1000)
            int32s.append(Int32(truncatingIfNeeded: Int64(bitPattern: random.next())) >> Int32(random.below(31)))
            int64s.append(row % 9 == 4 ? nil : Int64(bitPattern: random.next()) >> Int64(random.below(63)))
            let special: [Double] = [-0.0, 0.0, 1.5, -2.25, 1e300, -1e-300]
            doubles.append(row % 11 == 3 ? nil : special[random.below(special.count)] * Double(random.below(3) + 1))
            booleans.append(row % 5 == 1 ? nil : random.below(3) == 0)
        }
        let schema = ParquetSchema([
            ParquetColumn("s", .string, usesDictionary: dictionary),
            ParquetColumn("ts", .timestampMicros, usesDictionary: dictionary),
            ParquetColumn("d", .date, usesDictionary: dictionary),
            ParquetColumn("i32", .int32, isOptional: false, usesDictionary: dictionary),
            ParquetColumn("i64", .int64, usesDictionary: dictionary),
            ParquetColumn("f", .double, usesDictionary: dictionary),
            ParquetColumn("b", .boolean),
        ])
        return SampleTable(
            schema: schema,
            columns: [
                .strings(strings), .int64(timestamps), .int32(dates), .int32(int32s), .int64(int64s),
                .doubles(doubles), .booleans(booleans),
            ])
    }

    /// The rows of `range` of every column.
    func slice(_ range: Range<Int>) -> [ParquetColumnValues] {
        columns.map { column in
            switch column {
            case .strings(let values): .strings(Array(values[range]))
            case .byteArrays(let values): .strings(Array(values.strings[range]))
            case .int32(let values): .int32(Array(values[range]))
            case .int64(let values): .int64(Array(values[range]))
            case .doubles(let values): .doubles(Array(values[range]))
            case .booleans(let values): .booleans(Array(values[range]))
            }
        }
    }
}

extension ParquetColumnValues {
    /// Doubles compared by bit pattern, so NaN and -0.0 are checked exactly.
    var comparable: [String] {
        (0..<count).map { index in
            switch self[index] {
            case .double(let value): "double:\(value.bitPattern)"
            case let other: "\(other)"
            }
        }
    }
}
