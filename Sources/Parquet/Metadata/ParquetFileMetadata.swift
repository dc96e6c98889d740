/// parquet.thrift `FileMetaData`, the footer: schema, row count, row groups, key/value pairs,
/// and the writer's name. Field numbers are noted beside each property.
public struct ParquetFileMetadata: Sendable, Hashable {
    /// 1: the format version; 2 here because data pages use RLE_DICTIONARY, a format-2 encoding
    /// (parquet-cpp writes 2 for the same reason; readers do not gate on it).
    public var version: Int32
    /// 2: the flat schema this package models, rebuilt from the element list.
    public var schema: ParquetSchema
    /// 3
    public var numRows: Int64
    /// 4
    public var rowGroups: [ParquetRowGroupMetadata]
    /// 5
    public var keyValueMetadata: [ParquetKeyValue]?
    /// 6: e.g. `StatesLanguage-Parquet version 1.0.0`.
    public var createdBy: String?
    /// 7: whether every column declares TYPE_ORDER, which tells readers that `minValue` and
    /// `maxValue` follow the type-defined sort order.
    public var hasTypeDefinedColumnOrders: Bool
    /// The raw schema list, root first.
    var schemaElements: [SchemaElement]

    init(
        schema: ParquetSchema, numRows: Int64, rowGroups: [ParquetRowGroupMetadata],
        keyValueMetadata: [ParquetKeyValue]?, createdBy: String?
    ) {
        self.version = 2
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
        self.hasTypeDefinedColumnOrders = true
        self.schemaElements =
            [SchemaElement(name: schema.rootName, numChildren: Int32(clamping: schema.columns.count))]
            + schema.columns.map(SchemaElement.init(column:))
    }

    func encode(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: version)
        writer.beginListField(2, elementType: .struct, count: schemaElements.count)
        for element in schemaElements { element.encode(to: &writer) }
        writer.writeField(3, i64: numRows)
        writer.beginListField(4, elementType: .struct, count: rowGroups.count)
        for group in rowGroups { group.encode(to: &writer) }
        if let keyValueMetadata {
            writer.beginListField(5, elementType: .struct, count: keyValueMetadata.count)
            for pair in keyValueMetadata { pair.encode(to: &writer) }
        }
        if let createdBy { writer.writeField(6, string: createdBy) }
        if hasTypeDefinedColumnOrders {
            // ColumnOrder is a union whose member 1 is the empty TypeDefinedOrder struct.
            writer.beginListField(7, elementType: .struct, count: schema.columns.count)
            for _ in schema.columns {
                writer.beginStruct()
                writer.beginStructField(1)
                writer.endStruct()
                writer.endStruct()
            }
        }
        writer.endStruct()
    }

    init(from reader: inout CompactProtocolReader) throws(ParquetError) {
        var version: Int32?
        var elements: [SchemaElement]?
        var numRows: Int64?
        var rowGroups: [ParquetRowGroupMetadata]?
        var orders: [Bool] = []
        self.keyValueMetadata = nil
        self.createdBy = nil
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, CompactType(rawValue: field.type)) {
            case (1, .i32): version = try reader.readI32()
            case (2, .list):
                elements = try reader.readStructList { (reader: inout CompactProtocolReader) throws(ParquetError) in
                    try SchemaElement(from: &reader)
                }
            case (3, .i64): numRows = try reader.readI64()
            case (4, .list):
                rowGroups = try reader.readStructList { (reader: inout CompactProtocolReader) throws(ParquetError) in
                    try ParquetRowGroupMetadata(from: &reader)
                }
            case (5, .list):
                keyValueMetadata = try reader.readStructList {
                    (reader: inout CompactProtocolReader) throws(ParquetError) in
                    try ParquetKeyValue(from: &reader)
                }
            case (6, .binary): createdBy = try reader.readString()
            case (7, .list):
                orders = try reader.readStructList { (reader: inout CompactProtocolReader) throws(ParquetError) in
                    var isTypeOrder = false
                    try reader.beginStruct()
                    while let member = try reader.readFieldHeader() {
                        isTypeOrder = isTypeOrder || member.id == 1
                        try reader.skip(member.type)
                    }
                    reader.endStruct()
                    return isTypeOrder
                }
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let version, let elements, let numRows, let rowGroups else {
            throw ParquetError(.invalidFile, "the footer lacks a required FileMetaData field")
        }
        self.version = version
        self.schemaElements = elements
        self.numRows = numRows
        self.rowGroups = rowGroups
        self.schema = try Self.flatSchema(elements)
        self.hasTypeDefinedColumnOrders = !orders.isEmpty && orders.allSatisfy { $0 }
    }

    private static func flatSchema(_ elements: [SchemaElement]) throws(ParquetError) -> ParquetSchema {
        guard let root = elements.first else { throw ParquetError(.invalidFile, "the schema is empty") }
        guard root.numChildren.map(Int.init) == elements.count - 1 else {
            throw ParquetError(.unsupported, "only flat schemas (a root and leaf columns) are supported")
        }
        var columns: [ParquetColumn] = []
        for element in elements.dropFirst() {
            guard element.numChildren == nil, let repetition = element.repetition, repetition != .repeated else {
                throw ParquetError(.unsupported, "column '\(element.name)' is nested or repeated")
            }
            guard let type = element.parquetType else {
                throw ParquetError(.unsupported, "column '\(element.name)' has a type this reader does not model")
            }
            columns.append(ParquetColumn(element.name, type, isOptional: repetition == .optional))
        }
        return ParquetSchema(columns, rootName: root.name)
    }
}

/// parquet.thrift `KeyValue`.
public struct ParquetKeyValue: Sendable, Hashable {
    public var key: String
    public var value: String?

    public init(_ key: String, _ value: String?) {
        self.key = key
        self.value = value
    }

    func encode(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.writeField(1, string: key)
        if let value { writer.writeField(2, string: value) }
        writer.endStruct()
    }

    init(from reader: inout CompactProtocolReader) throws(ParquetError) {
        var key: String?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, CompactType(rawValue: field.type)) {
            case (1, .binary): key = try reader.readString()
            case (2, .binary): value = try reader.readString()
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let key else { throw ParquetError(.invalidFile, "a KeyValue has no key") }
        self.key = key
    }
}

extension CompactProtocolReader {
    /// Reads a list of structs, each with `element`.
    mutating func readStructList<Element>(
        _ element: (inout CompactProtocolReader) throws(ParquetError) -> Element
    ) throws(ParquetError) -> [Element] {
        let (type, count) = try readListHeader()
        guard type == CompactType.struct.rawValue else {
            throw ParquetError(.invalidFile, "expected a list of structs, found element type \(type)")
        }
        var result: [Element] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try element(&self)) }
        return result
    }

    /// Reads a list of i32 values.
    mutating func readI32List() throws(ParquetError) -> [Int32] {
        let (type, count) = try readListHeader()
        guard type == CompactType.i32.rawValue else {
            throw ParquetError(.invalidFile, "expected a list of i32, found element type \(type)")
        }
        var result: [Int32] = []
        for _ in 0..<count { result.append(try readI32()) }
        return result
    }

    /// Reads a list of strings.
    mutating func readStringList() throws(ParquetError) -> [String] {
        let (type, count) = try readListHeader()
        guard type == CompactType.binary.rawValue else {
            throw ParquetError(.invalidFile, "expected a list of strings, found element type \(type)")
        }
        var result: [String] = []
        for _ in 0..<count { result.append(try readString()) }
        return result
    }
}
