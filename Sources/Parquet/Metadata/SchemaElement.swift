/// parquet.thrift `SchemaElement`: one node of the depth-first schema list. The root is a group
/// (`numChildren` set, no type); each flat column is a leaf with a physical type.
struct SchemaElement: Hashable {
    var type: ParquetPhysicalType?  // 1
    var typeLength: Int32?  // 2
    var repetition: Repetition?  // 3
    var name: String  // 4
    var numChildren: Int32?  // 5
    var convertedType: Int32?  // 6
    var logicalType: LogicalType?  // 10

    init(
        type: ParquetPhysicalType? = nil, repetition: Repetition? = nil, name: String, numChildren: Int32? = nil,
        convertedType: Int32? = nil, logicalType: LogicalType? = nil
    ) {
        self.type = type
        self.repetition = repetition
        self.name = name
        self.numChildren = numChildren
        self.convertedType = convertedType
        self.logicalType = logicalType
    }

    /// The leaf element of a column.
    init(column: ParquetColumn) {
        self.init(
            type: column.type.physicalType, repetition: column.isOptional ? .optional : .required, name: column.name)
        switch column.type {
        case .string:
            convertedType = ConvertedType.utf8
            logicalType = .string
        case .timestampMicros:
            convertedType = ConvertedType.timestampMicros
            logicalType = .timestamp(isAdjustedToUTC: true, unit: .micros)
        case .date:
            convertedType = ConvertedType.date
            logicalType = .date
        case .int32, .int64, .double, .boolean:
            break
        }
    }

    /// The column type this leaf describes, when it is one this package models.
    var parquetType: ParquetType? {
        switch type {
        case .byteArray where logicalType == .string || convertedType == ConvertedType.utf8:
            return .string
        case .int64:
            if case .timestamp(_, .micros) = logicalType { return .timestampMicros }
            if logicalType == nil && convertedType == ConvertedType.timestampMicros { return .timestampMicros }
            return logicalType == nil && convertedType == nil ? .int64 : nil
        case .int32:
            if logicalType == .date || convertedType == ConvertedType.date { return .date }
            return logicalType == nil && convertedType == nil ? .int32 : nil
        case .double: return .double
        case .boolean: return .boolean
        default: return nil
        }
    }

    func encode(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        if let type { writer.writeField(1, i32: type.rawValue) }
        if let typeLength { writer.writeField(2, i32: typeLength) }
        if let repetition { writer.writeField(3, i32: repetition.rawValue) }
        writer.writeField(4, string: name)
        if let numChildren { writer.writeField(5, i32: numChildren) }
        if let convertedType { writer.writeField(6, i32: convertedType) }
        if let logicalType {
            writer.beginStructField(10)
            logicalType.encode(to: &writer)
            writer.endStruct()
        }
        writer.endStruct()
    }

    init(from reader: inout CompactProtocolReader) throws(ParquetError) {
        var name: String?
        self.name = ""
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, CompactType(rawValue: field.type)) {
            case (1, .i32):
                let raw = try reader.readI32()
                guard let type = ParquetPhysicalType(rawValue: raw) else {
                    throw ParquetError(.invalidFile, "unknown physical type \(raw)")
                }
                self.type = type
            case (2, .i32): typeLength = try reader.readI32()
            case (3, .i32): repetition = Repetition(rawValue: try reader.readI32())
            case (4, .binary): name = try reader.readString()
            case (5, .i32): numChildren = try reader.readI32()
            case (6, .i32): convertedType = try reader.readI32()
            case (10, .struct): logicalType = try LogicalType(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let name else { throw ParquetError(.invalidFile, "a schema element has no name") }
        self.name = name
    }
}

/// parquet.thrift `union LogicalType`, for the members used here; others are kept by field id.
enum LogicalType: Hashable {
    enum TimeUnit: Int16, Hashable {
        case millis = 1
        case micros = 2
        case nanos = 3
    }

    case string  // 1: StringType
    case date  // 6: DateType
    case timestamp(isAdjustedToUTC: Bool, unit: TimeUnit)  // 8: TimestampType
    case other(fieldID: Int16)

    /// Writes the union's fields (the caller opened the struct).
    func encode(to writer: inout CompactProtocolWriter) {
        switch self {
        case .string:
            writer.beginStructField(1)
            writer.endStruct()
        case .date:
            writer.beginStructField(6)
            writer.endStruct()
        case .timestamp(let isAdjustedToUTC, let unit):
            writer.beginStructField(8)
            writer.writeField(1, bool: isAdjustedToUTC)
            writer.beginStructField(2)
            writer.beginStructField(unit.rawValue)
            writer.endStruct()
            writer.endStruct()
            writer.endStruct()
        case .other:
            break
        }
    }

    init(from reader: inout CompactProtocolReader) throws(ParquetError) {
        var result: LogicalType?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, CompactType(rawValue: field.type)) {
            case (1, .struct):
                try reader.skip(field.type)
                result = .string
            case (6, .struct):
                try reader.skip(field.type)
                result = .date
            case (8, .struct):
                result = try Self.readTimestamp(&reader)
            default:
                try reader.skip(field.type)
                result = .other(fieldID: field.id)
            }
        }
        reader.endStruct()
        guard let result else { throw ParquetError(.invalidFile, "an empty LogicalType union") }
        self = result
    }

    private static func readTimestamp(_ reader: inout CompactProtocolReader) throws(ParquetError) -> LogicalType {
        var adjusted: Bool?
        var unit: TimeUnit?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch field.id {
            case 1
            where field.type == CompactType.booleanTrue.rawValue || field.type == CompactType.booleanFalse.rawValue:
                adjusted = CompactProtocolReader.boolValue(fieldType: field.type)
            case 2 where field.type == CompactType.struct.rawValue:
                try reader.beginStruct()
                while let member = try reader.readFieldHeader() {
                    if member.type == CompactType.struct.rawValue { unit = TimeUnit(rawValue: member.id) }
                    try reader.skip(member.type)
                }
                reader.endStruct()
            default:
                try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let adjusted, let unit else { throw ParquetError(.invalidFile, "an incomplete TimestampType") }
        return .timestamp(isAdjustedToUTC: adjusted, unit: unit)
    }
}
