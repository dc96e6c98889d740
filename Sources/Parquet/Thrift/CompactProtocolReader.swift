/// Reads compact-protocol bytes (see `CompactProtocolWriter.swift` for the encoding), checking
/// every length against the input and skipping fields it does not know, so files written by
/// newer writers still read. Nesting is capped (``maximumDepth``) so hostile input cannot
/// exhaust the stack while skipping.
struct CompactProtocolReader {
    static let maximumDepth = 64

    let bytes: [UInt8]
    private(set) var index: Int
    private var lastFieldID: Int16 = 0
    private var fieldIDStack: [Int16] = []

    init(_ bytes: [UInt8], at index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    private func truncated(_ what: String) -> ParquetError {
        ParquetError(.invalidFile, "Thrift data ends inside \(what) at byte \(index)")
    }

    // MARK: Primitives

    mutating func readByte() throws(ParquetError) -> UInt8 {
        guard index < bytes.count else { throw truncated("a value") }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func readVarint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            guard shift < 64 else { throw ParquetError(.invalidFile, "Thrift varint longer than 10 bytes") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }

    mutating func readI64() throws(ParquetError) -> Int64 { Self.unzigzag(try readVarint()) }

    mutating func readI32() throws(ParquetError) -> Int32 {
        let value = try readI64()
        guard let narrow = Int32(exactly: value) else {
            throw ParquetError(.invalidFile, "Thrift i32 out of range: \(value)")
        }
        return narrow
    }

    mutating func readBinary() throws(ParquetError) -> [UInt8] {
        let length = try readVarint()
        guard length <= UInt64(bytes.count - index) else { throw truncated("a binary of \(length) bytes") }
        let end = index + Int(length)
        defer { index = end }
        return Array(bytes[index..<end])
    }

    mutating func readString() throws(ParquetError) -> String {
        String(decoding: try readBinary(), as: UTF8.self)
    }

    mutating func readDouble() throws(ParquetError) -> Double {
        guard bytes.count - index >= 8 else { throw truncated("a double") }
        var bits: UInt64 = 0
        for offset in 0..<8 { bits |= UInt64(bytes[index + offset]) << UInt64(8 * offset) }
        index += 8
        return Double(bitPattern: bits)
    }

    // MARK: Structure

    /// The next field's id and type, or `nil` at the struct's stop byte.
    mutating func readFieldHeader() throws(ParquetError) -> (id: Int16, type: UInt8)? {
        let byte = try readByte()
        let type = byte & 0x0F
        if type == CompactType.stop.rawValue { return nil }
        let delta = Int16(byte >> 4)
        if delta == 0 {
            let id = try readI64()
            guard let narrow = Int16(exactly: id) else { throw ParquetError(.invalidFile, "Thrift field id \(id)") }
            lastFieldID = narrow
        } else {
            lastFieldID &+= delta
        }
        return (lastFieldID, type)
    }

    mutating func beginStruct() throws(ParquetError) {
        guard fieldIDStack.count < Self.maximumDepth else {
            throw ParquetError(.invalidFile, "Thrift structs nested deeper than \(Self.maximumDepth) levels")
        }
        fieldIDStack.append(lastFieldID)
        lastFieldID = 0
    }

    mutating func endStruct() {
        lastFieldID = fieldIDStack.popLast() ?? 0
    }

    /// A list's element type and count.
    mutating func readListHeader() throws(ParquetError) -> (elementType: UInt8, count: Int) {
        let byte = try readByte()
        var count = UInt64(byte >> 4)
        if count == 15 { count = try readVarint() }
        // Every element takes at least one byte, which bounds a believable count.
        guard count <= UInt64(bytes.count - index) else { throw truncated("a list of \(count) elements") }
        return (byte & 0x0F, Int(count))
    }

    /// Reads the value of a bool field from its type nibble.
    static func boolValue(fieldType: UInt8) -> Bool { fieldType == CompactType.booleanTrue.rawValue }

    /// Skips one value of the given wire type, nested values included.
    mutating func skip(_ type: UInt8) throws(ParquetError) {
        try skip(type, depth: 0)
    }

    private mutating func skip(_ type: UInt8, depth: Int) throws(ParquetError) {
        guard depth < Self.maximumDepth else {
            throw ParquetError(.invalidFile, "Thrift values nested deeper than \(Self.maximumDepth) levels")
        }
        switch CompactType(rawValue: type) {
        case .booleanTrue, .booleanFalse, .stop:
            return
        case .byte:
            _ = try readByte()
        case .i16, .i32, .i64:
            _ = try readVarint()
        case .double:
            _ = try readDouble()
        case .binary:
            _ = try readBinary()
        case .list, .set:
            let (elementType, count) = try readListHeader()
            for _ in 0..<count {
                // Bools inside containers take one byte each.
                if elementType == CompactType.booleanTrue.rawValue || elementType == CompactType.booleanFalse.rawValue {
                    _ = try readByte()
                } else {
                    try skip(elementType, depth: depth + 1)
                }
            }
        case .map:
            let count = try readVarint()
            guard count <= UInt64(bytes.count - index) else { throw truncated("a map of \(count) entries") }
            if count == 0 { return }
            let types = try readByte()
            for _ in 0..<count {
                try skip(types >> 4, depth: depth + 1)
                try skip(types & 0x0F, depth: depth + 1)
            }
        case .struct:
            try beginStruct()
            while let field = try readFieldHeader() {
                try skip(field.type, depth: depth + 1)
            }
            endStruct()
        case nil:
            throw ParquetError(.invalidFile, "unknown Thrift type \(type) at byte \(index)")
        }
    }
}
