// Thrift compact protocol, the encoding of every Parquet footer and page header.
//
// Worked example. The struct `KeyValue {1: string key = "a"; 2: string value = "bc"}` is written as
//
//     18 01 61     field 1, delta 1, type 8 (binary); length 1; "a"
//     18 02 62 63  field 2, delta 1, type 8 (binary); length 2; "bc"
//     00           stop
//
// A field header is one byte `delta << 4 | type` when the id is 1…15 above the previous field's
// id in the same struct, else the type byte followed by the id as a zigzag varint. Integers are
// zigzag varints, binary is a varint length then the bytes, doubles are 8 little-endian bytes,
// and a bool field carries its value in the type nibble (1 true, 2 false). A list header is one
// byte `count << 4 | elementType` below 15 elements, else `0xF0 | elementType` and a varint count.
// (Apache Thrift, doc/specs/thrift-compact-protocol.md.)

/// The compact protocol's wire types (the low nibble of a field header).
enum CompactType: UInt8, Sendable {
    case stop = 0
    case booleanTrue = 1
    case booleanFalse = 2
    case byte = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case `struct` = 12
}

/// Appends compact-protocol bytes to a buffer. Structs nest: `beginStruct` saves the current
/// field id and `endStruct` writes the stop byte and restores it.
struct CompactProtocolWriter {
    private(set) var bytes: [UInt8] = []
    private var lastFieldID: Int16 = 0
    private var fieldIDStack: [Int16] = []

    init() {}

    // MARK: Primitives

    mutating func writeVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    mutating func writeI32(_ value: Int32) { writeVarint(Self.zigzag(Int64(value))) }
    mutating func writeI64(_ value: Int64) { writeVarint(Self.zigzag(value)) }

    mutating func writeBinary(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func writeString(_ value: String) {
        writeVarint(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    mutating func writeDouble(_ value: Double) {
        let bits = value.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
        }
    }

    // MARK: Fields

    mutating func writeFieldHeader(_ id: Int16, _ type: CompactType) {
        let delta = Int(id) - Int(lastFieldID)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeI64(Int64(id))
        }
        lastFieldID = id
    }

    mutating func writeField(_ id: Int16, i32 value: Int32) {
        writeFieldHeader(id, .i32)
        writeI32(value)
    }

    mutating func writeField(_ id: Int16, i16 value: Int16) {
        writeFieldHeader(id, .i16)
        writeI64(Int64(value))
    }

    mutating func writeField(_ id: Int16, i64 value: Int64) {
        writeFieldHeader(id, .i64)
        writeI64(value)
    }

    mutating func writeField(_ id: Int16, binary value: [UInt8]) {
        writeFieldHeader(id, .binary)
        writeBinary(value)
    }

    mutating func writeField(_ id: Int16, string value: String) {
        writeFieldHeader(id, .binary)
        writeString(value)
    }

    mutating func writeField(_ id: Int16, bool value: Bool) {
        writeFieldHeader(id, value ? .booleanTrue : .booleanFalse)
    }

    mutating func writeField(_ id: Int16, double value: Double) {
        writeFieldHeader(id, .double)
        writeDouble(value)
    }

    /// Starts a struct-valued field; close it with ``endStruct()``.
    mutating func beginStructField(_ id: Int16) {
        writeFieldHeader(id, .struct)
        beginStruct()
    }

    /// Starts a struct that is a list element or the top-level value.
    mutating func beginStruct() {
        fieldIDStack.append(lastFieldID)
        lastFieldID = 0
    }

    /// Writes the stop byte and returns to the enclosing struct's field ids.
    mutating func endStruct() {
        bytes.append(CompactType.stop.rawValue)
        lastFieldID = fieldIDStack.popLast() ?? 0
    }

    /// Writes a list-valued field's header; the caller then writes `count` elements.
    mutating func beginListField(_ id: Int16, elementType: CompactType, count: Int) {
        writeFieldHeader(id, .list)
        writeListHeader(elementType: elementType, count: count)
    }

    mutating func writeListHeader(elementType: CompactType, count: Int) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }
}
