import Foundation
import Synchronization

/// Runs Athena DDL against the local catalog (``AthenaCatalog``), reading table locations through
/// the ``ObjectStore``. Queries run one at a time (the catalog file is read, changed and written
/// atomically under a lock).
///
///     let engine = AthenaEngine(store: store)
///     try engine.run("CREATE DATABASE IF NOT EXISTS clickstream_db")
///     try engine.run("MSCK REPAIR TABLE clickstream_events", database: "clickstream_db").resultText
///     // "Partitions not in metastore:\tclickstream_events:event_date=2024-01-05\n
///     //  Repair: Added partition to metastore clickstream_events:event_date=2024-01-05\n"
public final class AthenaEngine: Sendable {
    public let store: ObjectStore
    private let lock = Mutex(())

    public init(store: ObjectStore) {
        self.store = store
    }

    /// What a successful statement returns.
    public struct Outcome: Sendable, Hashable {
        /// The text Athena writes to the `<QueryExecutionId>.txt` result of a DDL statement (empty
        /// for statements without output).
        public var resultText: String
    }

    /// The catalog as it is now.
    public func catalog() throws(CatalogFileError) -> AthenaCatalog {
        try AthenaCatalog.load(dataDirectory: store.dataDirectory)
    }

    /// Runs one statement; unqualified table names refer to `database`.
    /// - Throws: ``AthenaQueryFailure`` with Athena's `StateChangeReason` text.
    @discardableResult
    public func run(_ sql: String, database: String = "default") throws(AthenaQueryFailure) -> Outcome {
        do {
            return try execute(SQLParser.statement(sql), database: database.lowercased())
        } catch {
            throw AthenaQueryFailure(reason: error.message)
        }
    }

    /// Runs every statement of a script (statements separated by `;`), in order.
    public func runScript(_ text: String, database: String = "default") throws(AthenaQueryFailure) {
        do {
            for statement in try SQLParser.statements(text) {
                _ = try execute(statement, database: database.lowercased())
            }
        } catch {
            throw AthenaQueryFailure(reason: error.message)
        }
    }

    /// Runs scripts, in order, against one copy of the catalog and writes nothing (no folder is
    /// created): what ``runScript(_:database:)`` would refuse, refused before the data directory
    /// is touched.
    /// - Returns: The index of the failing script with the failure, or `nil` when all would run.
    public func check(_ scripts: [String], database: String = "default") -> (index: Int, failure: AthenaQueryFailure)? {
        var catalog: AthenaCatalog
        do {
            catalog = try AthenaCatalog.load(dataDirectory: store.dataDirectory)
        } catch {
            return (0, AthenaQueryFailure(reason: "the local catalog cannot be read: \(error)"))
        }
        for (index, text) in scripts.enumerated() {
            do throws(AthenaQueryError) {
                for statement in try SQLParser.statements(text) {
                    _ = try apply(statement, to: &catalog, database: database.lowercased())
                }
            } catch {
                return (index, AthenaQueryFailure(reason: error.message))
            }
        }
        return nil
    }

    func execute(_ statement: SQLStatement, database: String) throws(AthenaQueryError) -> Outcome {
        try lock.withLock { _ throws(AthenaQueryError) -> Outcome in
            var catalog: AthenaCatalog
            do {
                catalog = try AthenaCatalog.load(dataDirectory: store.dataDirectory)
            } catch {
                throw AthenaQueryError("the local catalog cannot be read: \(error)")
            }
            let before = catalog
            let text = try apply(statement, to: &catalog, database: database)
            if catalog != before {
                do {
                    try catalog.save(dataDirectory: store.dataDirectory)
                } catch {
                    throw AthenaQueryError("the local catalog cannot be written: \(error)")
                }
            }
            return Outcome(resultText: text)
        }
    }

    private func apply(
        _ statement: SQLStatement, to catalog: inout AthenaCatalog, database defaultDatabase: String
    ) throws(AthenaQueryError) -> String {
        switch statement {
        case .createDatabase(let name, let ifNotExists, let comment, let location):
            try Self.checkName(name, kind: "database")
            if catalog.databases[name] != nil {
                if ifNotExists { return "" }
                throw .databaseExists(name)
            }
            catalog.databases[name] = CatalogDatabase(name: name, comment: comment, location: location)
            return ""

        case .createTable(let reference, var table, let ifNotExists):
            let database = reference.database(default: defaultDatabase)
            guard var schema = catalog.databases[database] else { throw .databaseNotFound(database) }
            try Self.checkName(table.name, kind: "table")
            if schema.tables[table.name] != nil {
                if ifNotExists { return "" }
                throw .tableExists(table.name)
            }
            try Self.check(&table)
            schema.tables[table.name] = table
            catalog.databases[database] = schema
            return ""

        case .repairTable(let reference):
            let (database, table) = try Self.find(reference, in: catalog, defaultDatabase: defaultDatabase)
            let found = try partitionsOnStorage(of: table)
            let known = Set(table.partitions.map(\.values))
            let missing = found.filter { !known.contains($0.values) }
            guard !missing.isEmpty else { return "" }
            var updated = table
            updated.partitions = (table.partitions + missing).sorted { $0.values.lexicographicallyPrecedes($1.values) }
            catalog.databases[database]?.tables[table.name] = updated
            let names = missing.map { "\(table.name):\(table.partitionName($0))" }
            return "Partitions not in metastore:\t" + names.joined(separator: "\t") + "\n"
                + names.map { "Repair: Added partition to metastore \($0)\n" }.joined()

        case .showPartitions(let reference):
            let (_, table) = try Self.find(reference, in: catalog, defaultDatabase: defaultDatabase)
            guard !table.partitionKeys.isEmpty else { throw .notPartitioned(table.name) }
            return table.partitions.map { table.partitionName($0) + "\n" }.joined()

        case .dropTable(let reference, let ifExists):
            let database = reference.database(default: defaultDatabase)
            guard catalog.table(reference.table, in: database) != nil else {
                if ifExists { return "" }
                throw .tableNotFound(database, reference.table)
            }
            catalog.databases[database]?.tables[reference.table] = nil
            return ""

        case .dropDatabase(let name, let ifExists, let cascade):
            guard let schema = catalog.databases[name] else {
                if ifExists { return "" }
                throw .databaseNotFound(name)
            }
            guard name != "default" else {
                throw AthenaQueryError("FAILED: SemanticException Can not drop default database")
            }
            guard cascade || schema.tables.isEmpty else {
                throw AthenaQueryError(
                    "FAILED: Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. "
                        + "InvalidOperationException(message:Database \(name) is not empty. One or more tables exist.)")
            }
            catalog.databases[name] = nil
            return ""
        }
    }

    /// The `key=value` folders under a table's location that hold data files, as `MSCK REPAIR
    /// TABLE` finds them: folders must follow the partition keys in order; files and folders whose
    /// names start with `_` or `.` are hidden (Hive's rule); values are percent-decoded and must
    /// suit the key's type (a `date` is `YYYY-MM-DD`), else the folder is skipped.
    private func partitionsOnStorage(of table: CatalogTable) throws(AthenaQueryError) -> [CatalogPartition] {
        guard !table.partitionKeys.isEmpty, let locationText = table.location else { return [] }
        let objects: [StoredObject]
        let location: S3Location
        do {
            location = try S3Location(parsing: locationText).asPrefix
            objects = try store.list(under: location)
        } catch {
            throw AthenaQueryError("cannot read the table location: \(error.message)")
        }
        var found: [[String]: String] = [:]
        for object in objects {
            guard let relative = object.location.key(relativeTo: location) else { continue }
            let segments = relative.split(separator: "/").map(String.init)
            guard segments.count > table.partitionKeys.count,
                !segments.contains(where: { $0.hasPrefix("_") || $0.hasPrefix(".") })
            else { continue }
            var values: [String] = []
            for (segment, key) in zip(segments, table.partitionKeys) {
                guard let equals = segment.firstIndex(of: "="),
                    segment[..<equals].lowercased() == key.name,
                    let value = segment[segment.index(after: equals)...].removingPercentEncoding,
                    Self.isValid(value, for: key.type)
                else { break }
                values.append(value)
            }
            guard values.count == table.partitionKeys.count else { continue }
            found[values] = location.key + segments.prefix(values.count).joined(separator: "/") + "/"
        }
        return found.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { values in
            CatalogPartition(values: values, location: "s3://\(location.bucket)/\(found[values] ?? "")")
        }
    }

    private static func isValid(_ value: String, for type: String) -> Bool {
        if value == "__HIVE_DEFAULT_PARTITION__" { return true }
        switch type {
        case "date":
            let parts = value.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month)
            else { return false }
            let days = [
                31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
                31,
            ]
            return (1...days[month - 1]).contains(day)
        case "tinyint", "smallint", "int", "integer", "bigint":
            return Int64(value) != nil
        default:
            return true
        }
    }

    private static func find(
        _ reference: TableReference, in catalog: AthenaCatalog, defaultDatabase: String
    ) throws(AthenaQueryError) -> (String, CatalogTable) {
        let database = reference.database(default: defaultDatabase)
        guard catalog.databases[database] != nil else { throw .databaseNotFound(database) }
        guard let table = catalog.table(reference.table, in: database) else {
            throw .tableNotFound(database, reference.table)
        }
        return (database, table)
    }

    /// Athena names: lowercase letters, digits and underscores, at most 255 characters (Amazon
    /// Athena user guide, "Name databases, tables, and columns").
    private static func checkName(_ name: String, kind: String) throws(AthenaQueryError) {
        let valid =
            name.utf8.count <= 255
            && name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        guard valid else {
            throw AthenaQueryError(
                "FAILED: SemanticException invalid \(kind) name '\(name)': use lowercase letters, digits and underscores"
            )
        }
    }

    private static func check(_ table: inout CatalogTable) throws(AthenaQueryError) {
        var seen = Set<String>()
        for column in table.columns where !seen.insert(column.name).inserted {
            throw AthenaQueryError("FAILED: SemanticException [Error 10036]: Duplicate column name: \(column.name)")
        }
        for key in table.partitionKeys where seen.contains(key.name) {
            throw AthenaQueryError(
                "FAILED: SemanticException [Error 10035]: Column repeated in partitioning columns: \(key.name)")
        }
        guard let location = table.location else {
            throw AthenaQueryError(
                "FAILED: SemanticException an external table needs LOCATION 's3://bucket/prefix/' (where its data is)")
        }
        do {
            table.location = try S3Location(parsing: location).asPrefix.description
        } catch {
            throw AthenaQueryError("FAILED: SemanticException invalid LOCATION: \(error.message)")
        }
    }
}

/// A query that ended `FAILED`; `reason` is its `StateChangeReason`.
public struct AthenaQueryFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}
