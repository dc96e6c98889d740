import Testing

@testable import Parquet

@Suite struct ThriftCompactTests {
    struct VarintCase: Sendable, CustomTestStringConvertible {
        let value: UInt64
        let bytes: [UInt8]
        var testDescription: String { "\(value)" }
    }

    static let varints: [VarintCase] = [
        VarintCase(value: 0, bytes: [0x00]),
        VarintCase(value: 1, bytes: [0x01]),
        VarintCase(value: 127, bytes: [0x7F]),
        VarintCase(value: 128, bytes: [0x80, 0x01]),
        VarintCase(value: 300, bytes: [0xAC, 0x02]),
        VarintCase(value: 16_384, bytes: [0x80, 0x80, 0x01]),
        VarintCase(value: UInt64.max, bytes: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
    ]

    @Test(arguments: varints)
    func varint(_ c: VarintCase) throws {
        var writer = CompactProtocolWriter()
        writer.writeVarint(c.value)
        #expect(writer.bytes == c.bytes)
        var reader = CompactProtocolReader(c.bytes)
        #expect(try reader.readVarint() == c.value)
    }

    static let zigzags: [(Int64, UInt64)] = [
        (0, 0), (-1, 1), (1, 2), (-2, 3), (2, 4), (Int64(Int32.max), 4_294_967_294),
        (Int64(Int32.min), 4_294_967_295), (Int64.max, UInt64.max - 1), (Int64.min, UInt64.max),
    ]

    @Test(arguments: zigzags)
    func zigzag(_ value: Int64, _ encoded: UInt64) {
        #expect(CompactProtocolWriter.zigzag(value) == encoded)
        #expect(CompactProtocolReader.unzigzag(encoded) == value)
    }

    @Test func fieldHeadersUseDeltasUpTo15() throws {
        var writer = CompactProtocolWriter()
        writer.beginStruct()
        writer.writeField(1, i32: 3)  // delta 1, type 5: 0x15, zigzag(3) = 6
        writer.writeField(16, i64: -1)  // delta 15, type 6: 0xF6, zigzag(-1) = 1
        writer.writeField(40, i32: 0)  // delta 24: long form 0x05, zigzag(40) = 80
        writer.writeField(2, bool: true)  // backwards: long form 0x01, zigzag(2) = 4
        writer.writeField(3, bool: false)  // delta 1, type 2: 0x12
        writer.endStruct()
        #expect(writer.bytes == [0x15, 0x06, 0xF6, 0x01, 0x05, 0x50, 0x00, 0x01, 0x04, 0x12, 0x00])

        var reader = CompactProtocolReader(writer.bytes)
        try reader.beginStruct()
        var fields: [Int16] = []
        while let field = try reader.readFieldHeader() {
            fields.append(field.id)
            try reader.skip(field.type)
        }
        #expect(fields == [1, 16, 40, 2, 3])
        #expect(reader.index == writer.bytes.count)
    }

    @Test func binaryStringAndDouble() throws {
        var writer = CompactProtocolWriter()
        writer.beginStruct()
        writer.writeField(1, string: "a")
        writer.writeField(2, binary: [0xFF, 0x00])
        writer.writeField(3, double: 1.5)
        writer.endStruct()
        #expect(
            writer.bytes == [0x18, 0x01, 0x61, 0x18, 0x02, 0xFF, 0x00, 0x17, 0, 0, 0, 0, 0, 0, 0xF8, 0x3F, 0x00])
        var reader = CompactProtocolReader(writer.bytes)
        try reader.beginStruct()
        _ = try reader.readFieldHeader()
        #expect(try reader.readString() == "a")
        _ = try reader.readFieldHeader()
        #expect(try reader.readBinary() == [0xFF, 0x00])
        _ = try reader.readFieldHeader()
        #expect(try reader.readDouble() == 1.5)
        #expect(try reader.readFieldHeader() == nil)
    }

    @Test func listsShortAndLong() throws {
        var writer = CompactProtocolWriter()
        writer.beginStruct()
        writer.beginListField(1, elementType: .i32, count: 2)
        writer.writeI32(1)
        writer.writeI32(-1)
        writer.beginListField(2, elementType: .binary, count: 15)
        for _ in 0..<15 { writer.writeString("") }
        writer.endStruct()
        #expect(Array(writer.bytes.prefix(6)) == [0x19, 0x25, 0x02, 0x01, 0x19, 0xF8])
        #expect(writer.bytes[6] == 15)
        var reader = CompactProtocolReader(writer.bytes)
        try reader.beginStruct()
        _ = try reader.readFieldHeader()
        #expect(try reader.readI32List() == [1, -1])
        _ = try reader.readFieldHeader()
        #expect(try reader.readStringList() == Array(repeating: "", count: 15))
        #expect(try reader.readFieldHeader() == nil)
    }

    @Test func nestedStructsRestoreFieldIDs() throws {
        var writer = CompactProtocolWriter()
        writer.beginStruct()
        writer.writeField(5, i32: 1)
        writer.beginStructField(6)
        writer.writeField(1, i32: 2)  // delta counted from 0 inside the nested struct
        writer.endStruct()
        writer.writeField(7, i32: 3)  // delta counted from 6 again
        writer.endStruct()
        #expect(writer.bytes == [0x55, 0x02, 0x1C, 0x15, 0x04, 0x00, 0x15, 0x06, 0x00])
    }

    @Test func keyValueExampleFromTheHeaderComment() {
        var writer = CompactProtocolWriter()
        ParquetKeyValue("a", "bc").encode(to: &writer)
        #expect(writer.bytes == [0x18, 0x01, 0x61, 0x18, 0x02, 0x62, 0x63, 0x00])
    }

    @Test func readerSkipsUnknownFieldsOfEveryType() throws {
        var writer = CompactProtocolWriter()
        writer.beginStruct()
        writer.writeField(1, string: "k")
        writer.writeField(3, double: 2)
        writer.writeField(4, bool: true)
        writer.beginListField(5, elementType: .struct, count: 1)
        writer.beginStruct()
        writer.writeField(1, i64: 9)
        writer.endStruct()
        writer.beginStructField(6)
        writer.beginStructField(1)
        writer.endStruct()
        writer.endStruct()
        writer.writeField(2, string: "v")
        writer.endStruct()
        var reader = CompactProtocolReader(writer.bytes)
        #expect(try ParquetKeyValue(from: &reader) == ParquetKeyValue("k", "v"))
        #expect(reader.index == writer.bytes.count)
    }

    @Test func truncatedAndHostileInputThrows() {
        var truncated = CompactProtocolReader([0x18, 0x05, 0x61])
        #expect(throws: ParquetError.self) { try ParquetKeyValue(from: &truncated) }
        var longVarint = CompactProtocolReader(Array(repeating: 0xFF, count: 11))
        #expect(throws: ParquetError.self) { try longVarint.readVarint() }
        var deep = CompactProtocolReader(Array(repeating: 0x1C, count: 10_000))
        #expect(throws: ParquetError.self) { try deep.skip(CompactType.struct.rawValue) }
        var hugeList = CompactProtocolReader([0xF5, 0xFF, 0xFF, 0xFF, 0x0F])
        #expect(throws: ParquetError.self) { try hugeList.readI32List() }
    }

    @Test func timestampLogicalTypeBytes() throws {
        var writer = CompactProtocolWriter()
        writer.beginStruct()
        LogicalType.timestamp(isAdjustedToUTC: true, unit: .micros).encode(to: &writer)
        writer.endStruct()
        // TIMESTAMP (field 8, struct) { isAdjustedToUTC: true; unit (field 2) { MICROS (field 2) {} } }
        #expect(writer.bytes == [0x8C, 0x11, 0x1C, 0x2C, 0x00, 0x00, 0x00, 0x00])
        var reader = CompactProtocolReader(writer.bytes)
        #expect(try LogicalType(from: &reader) == .timestamp(isAdjustedToUTC: true, unit: .micros))
    }
}
