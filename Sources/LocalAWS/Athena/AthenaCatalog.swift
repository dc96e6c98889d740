public import Foundation
import JSONCore

/// The local Glue Data Catalog Athena queries: databases, their tables and the tables'
/// partitions, kept in `<data-dir>/athena/catalog.json` and rewritten atomically after each
/// change.
///
///     {"databases": [{"name": "clickstream_db", "tables": [{"name": "clickstream_events",
///       "tableType": "EXTERNAL_TABLE", "columns": [{"name": "user_id", "type": "string"}, …],
///       "partitionKeys": [{"name": "event_date", "type": "date"}],
///       "location": "s3://clickstream-processed/", "storedAs": "PARQUET",
///       "partitions": [{"values": ["2024-01-05"], "location": "s3://clickstream-processed/event_date=2024-01-05/"}]}]}]}
///
/// The database `default` always exists, as in Athena's `AwsDataCatalog`.
public struct AthenaCatalog: Sendable, Hashable {
    public var databases: [String: CatalogDatabase]

    public init(databases: [String: CatalogDatabase] = [:]) {
        self.databases = databases
        if self.databases["default"] == nil { self.databases["default"] = CatalogDatabase(name: "default") }
    }

    /// `<data-dir>/athena/catalog.json`.
    public static func path(dataDirectory: URL) -> String {
        dataDirectory.standardizedFileURL.appending(path: "athena").appending(path: "catalog.json")
            .path(percentEncoded: false)
    }

    /// `athena/catalog.json`, relative to the data directory.
    static let relativePath = "athena/catalog.json"

    /// Reads the catalog of a data directory (empty when there is none yet).
    /// - Throws: ``CatalogFileError`` when the file exists but is unreadable.
    public static func load(dataDirectory: URL) throws(CatalogFileError) -> AthenaCatalog {
        let path = path(dataDirectory: dataDirectory)
        let bytes: [UInt8]?
        do {
            bytes = try DataDirectory(dataDirectory).contents(of: relativePath)
        } catch {
            throw CatalogFileError(path: path, reason: error.description)
        }
        guard let bytes else { return AthenaCatalog() }
        guard let document = try? JSONReader.read(bytes, options: .init(recordsSourceMap: false)).value,
            let catalog = AthenaCatalog(json: document)
        else {
            throw CatalogFileError(path: path, reason: "not a catalog file; delete it to start with an empty catalog")
        }
        return catalog
    }

    /// Writes the catalog atomically.
    public func save(dataDirectory: URL) throws(CatalogFileError) {
        let path = Self.path(dataDirectory: dataDirectory)
        do {
            try DataDirectory(dataDirectory).writeAtomically(
                Array((JSONWriter.pretty(json) + "\n").utf8), to: Self.relativePath)
        } catch {
            throw CatalogFileError(path: path, reason: error.description)
        }
    }

    /// The table `database.name`, if it exists.
    public func table(_ name: String, in database: String) -> CatalogTable? {
        databases[database.lowercased()]?.tables[name.lowercased()]
    }

    var json: JSON {
        ["databases": .array(databases.keys.sorted().compactMap { databases[$0]?.json })]
    }

    init?(json: JSON) {
        guard let list = json["databases"]?.arrayValue else { return nil }
        var databases: [String: CatalogDatabase] = [:]
        for item in list {
            guard let database = CatalogDatabase(json: item) else { return nil }
            databases[database.name] = database
        }
        self.init(databases: databases)
    }
}

/// A database (schema) of the catalog.
public struct CatalogDatabase: Sendable, Hashable {
    public var name: String
    public var comment: String?
    public var location: String?
    public var tables: [String: CatalogTable]

    public init(name: String, comment: String? = nil, location: String? = nil, tables: [String: CatalogTable] = [:]) {
        self.name = name
        self.comment = comment
        self.location = location
        self.tables = tables
    }

    var json: JSON {
        var object: JSONObject = ["name": .string(name)]
        if let comment { object["comment"] = .string(comment) }
        if let location { object["location"] = .string(location) }
        object["tables"] = .array(tables.keys.sorted().compactMap { tables[$0]?.json })
        return .object(object)
    }

    init?(json: JSON) {
        guard let name = json["name"]?.stringValue, let list = json["tables"]?.arrayValue else { return nil }
        var tables: [String: CatalogTable] = [:]
        for item in list {
            guard let table = CatalogTable(json: item) else { return nil }
            tables[table.name] = table
        }
        self.init(
            name: name, comment: json["comment"]?.stringValue, location: json["location"]?.stringValue, tables: tables)
    }
}

/// An external table: its columns, partition keys, data location and format, and the partitions
/// the catalog knows.
public struct CatalogTable: Sendable, Hashable {
    public var name: String
    public var columns: [CatalogColumn] = []
    public var partitionKeys: [CatalogColumn] = []
    /// `s3://bucket/prefix/`.
    public var location: String?
    /// `PARQUET`, `ORC`, … from `STORED AS`.
    public var storedAs: String?
    public var serde: String?
    public var serdeProperties: [String: String] = [:]
    public var inputFormat: String?
    public var outputFormat: String?
    public var comment: String?
    public var tableProperties: [String: String] = [:]
    /// Known partitions, sorted by their values.
    public var partitions: [CatalogPartition] = []

    public init(name: String) {
        self.name = name
    }

    /// `event_date=2024-01-05` (several keys joined with `/`), Hive's partition spec.
    public func partitionName(_ partition: CatalogPartition) -> String {
        zip(partitionKeys, partition.values).map { "\($0.name)=\($1)" }.joined(separator: "/")
    }

    var json: JSON {
        var object: JSONObject = ["name": .string(name), "tableType": "EXTERNAL_TABLE"]
        object["columns"] = .array(columns.map(\.json))
        object["partitionKeys"] = .array(partitionKeys.map(\.json))
        if let location { object["location"] = .string(location) }
        if let storedAs { object["storedAs"] = .string(storedAs) }
        if let serde { object["serde"] = .string(serde) }
        if !serdeProperties.isEmpty { object["serdeProperties"] = Self.json(serdeProperties) }
        if let inputFormat { object["inputFormat"] = .string(inputFormat) }
        if let outputFormat { object["outputFormat"] = .string(outputFormat) }
        if let comment { object["comment"] = .string(comment) }
        if !tableProperties.isEmpty { object["tableProperties"] = Self.json(tableProperties) }
        object["partitions"] = .array(
            partitions.map { ["values": .array($0.values.map(JSON.string)), "location": .string($0.location)] })
        return .object(object)
    }

    init?(json: JSON) {
        guard let name = json["name"]?.stringValue,
            let columns = json["columns"]?.arrayValue?.compactMap(CatalogColumn.init(json:)),
            let keys = json["partitionKeys"]?.arrayValue?.compactMap(CatalogColumn.init(json:))
        else { return nil }
        self.name = name
        self.columns = columns
        partitionKeys = keys
        location = json["location"]?.stringValue
        storedAs = json["storedAs"]?.stringValue
        serde = json["serde"]?.stringValue
        serdeProperties = Self.strings(json["serdeProperties"])
        inputFormat = json["inputFormat"]?.stringValue
        outputFormat = json["outputFormat"]?.stringValue
        comment = json["comment"]?.stringValue
        tableProperties = Self.strings(json["tableProperties"])
        partitions = (json["partitions"]?.arrayValue ?? []).compactMap { item in
            guard let values = item["values"]?.arrayValue?.compactMap(\.stringValue),
                let location = item["location"]?.stringValue
            else { return nil }
            return CatalogPartition(values: values, location: location)
        }
    }

    private static func json(_ strings: [String: String]) -> JSON {
        .object(JSONObject(strings.keys.sorted().map { ($0, JSON.string(strings[$0] ?? "")) }))
    }

    private static func strings(_ json: JSON?) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in json?.objectValue ?? JSONObject() { result[key] = value.stringValue }
        return result
    }
}

public struct CatalogColumn: Sendable, Hashable {
    public var name: String
    /// The Hive type, lowercased: `string`, `timestamp`, `decimal(10,2)`, `array<string>`.
    public var type: String
    public var comment: String?

    public init(name: String, type: String, comment: String? = nil) {
        self.name = name
        self.type = type
        self.comment = comment
    }

    var json: JSON {
        var object: JSONObject = ["name": .string(name), "type": .string(type)]
        if let comment { object["comment"] = .string(comment) }
        return .object(object)
    }

    init?(json: JSON) {
        guard let name = json["name"]?.stringValue, let type = json["type"]?.stringValue else { return nil }
        self.init(name: name, type: type, comment: json["comment"]?.stringValue)
    }
}

public struct CatalogPartition: Sendable, Hashable {
    /// One value per partition key, in the keys' order.
    public var values: [String]
    /// `s3://bucket/prefix/event_date=2024-01-05/`.
    public var location: String

    public init(values: [String], location: String) {
        self.values = values
        self.location = location
    }
}

/// The catalog file cannot be read or written.
public struct CatalogFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
