/// parquet.thrift `Statistics` of a column chunk: values are PLAIN-encoded without a length
/// prefix (4 bytes for INT32, 8 for INT64 and DOUBLE, 1 for BOOLEAN, the bytes themselves for
/// BYTE_ARRAY).
///
/// `minValue`/`maxValue` (fields 6/5) follow the column's type-defined sort order: signed for
/// integers, IEEE order without NaN for doubles, unsigned lexicographic bytes for strings. The
/// deprecated `min`/`max` (fields 2/1) were specified with signed comparison; the writer fills
/// them only where that agrees with the type-defined order (every type but strings), as
/// parquet-cpp does.
public struct ParquetStatistics: Sendable, Hashable {
    public var max: [UInt8]?  // 1
    public var min: [UInt8]?  // 2
    public var nullCount: Int64?  // 3
    public var distinctCount: Int64?  // 4
    public var maxValue: [UInt8]?  // 5
    public var minValue: [UInt8]?  // 6
    public var isMaxValueExact: Bool?  // 7
    public var isMinValueExact: Bool?  // 8

    public init() {}

    func encode(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        if let max { writer.writeField(1, binary: max) }
        if let min { writer.writeField(2, binary: min) }
        if let nullCount { writer.writeField(3, i64: nullCount) }
        if let distinctCount { writer.writeField(4, i64: distinctCount) }
        if let maxValue { writer.writeField(5, binary: maxValue) }
        if let minValue { writer.writeField(6, binary: minValue) }
        if let isMaxValueExact { writer.writeField(7, bool: isMaxValueExact) }
        if let isMinValueExact { writer.writeField(8, bool: isMinValueExact) }
        writer.endStruct()
    }

    init(from reader: inout CompactProtocolReader) throws(ParquetError) {
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            let isBool =
                field.type == CompactType.booleanTrue.rawValue || field.type == CompactType.booleanFalse.rawValue
            switch (field.id, CompactType(rawValue: field.type)) {
            case (1, .binary): max = try reader.readBinary()
            case (2, .binary): min = try reader.readBinary()
            case (3, .i64): nullCount = try reader.readI64()
            case (4, .i64): distinctCount = try reader.readI64()
            case (5, .binary): maxValue = try reader.readBinary()
            case (6, .binary): minValue = try reader.readBinary()
            case (7, _) where isBool: isMaxValueExact = CompactProtocolReader.boolValue(fieldType: field.type)
            case (8, _) where isBool: isMinValueExact = CompactProtocolReader.boolValue(fieldType: field.type)
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
    }

    // MARK: Typed views

    /// `minValue`/`maxValue` as 32-bit integers (INT32 and DATE columns).
    public var int32Range: ClosedRange<Int32>? {
        guard let low = minValue.flatMap(Self.int32), let high = maxValue.flatMap(Self.int32), low <= high else {
            return nil
        }
        return low...high
    }

    /// `minValue`/`maxValue` as 64-bit integers (INT64 and TIMESTAMP columns).
    public var int64Range: ClosedRange<Int64>? {
        guard let low = minValue.flatMap(Self.int64), let high = maxValue.flatMap(Self.int64), low <= high else {
            return nil
        }
        return low...high
    }

    /// `minValue`/`maxValue` as doubles.
    public var doubleRange: ClosedRange<Double>? {
        guard let low = minValue.flatMap(Self.int64), let high = maxValue.flatMap(Self.int64) else { return nil }
        let (lowValue, highValue) = (
            Double(bitPattern: UInt64(bitPattern: low)), Double(bitPattern: UInt64(bitPattern: high))
        )
        guard lowValue <= highValue else { return nil }
        return lowValue...highValue
    }

    /// `minValue`/`maxValue` decoded as UTF-8 (string columns).
    public var stringRange: (min: String, max: String)? {
        guard let minValue, let maxValue else { return nil }
        return (String(decoding: minValue, as: UTF8.self), String(decoding: maxValue, as: UTF8.self))
    }

    static func int32(_ bytes: [UInt8]) -> Int32? {
        guard bytes.count == 4 else { return nil }
        var bits: UInt32 = 0
        for index in 0..<4 { bits |= UInt32(bytes[index]) << UInt32(8 * index) }
        return Int32(bitPattern: bits)
    }

    static func int64(_ bytes: [UInt8]) -> Int64? {
        guard bytes.count == 8 else { return nil }
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[index]) << UInt64(8 * index) }
        return Int64(bitPattern: bits)
    }
}
