import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Testing

@testable import LocalAWS

@Suite struct AthenaTests {
    static let start = Date(timeIntervalSince1970: 1_704_456_020)

    /// `Examples/clickstream/ddl/<name>`, found from this file's location.
    static func exampleDDL(_ name: String) throws -> String {
        let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try String(contentsOf: root.appending(path: "Examples/clickstream/ddl/\(name)"), encoding: .utf8)
    }

    static func engineWithTable(_ directory: TemporaryDirectory) throws -> AthenaEngine {
        let engine = AthenaEngine(store: ObjectStore(dataDirectory: directory.url))
        try engine.runScript(exampleDDL("clickstream_db.sql"))
        try engine.runScript(exampleDDL("clickstream_events.sql"))
        return engine
    }

    static func request(_ parameters: JSON, sync: Bool = true, state: String = "RepairAthenaPartitions") -> TaskRequest
    {
        TaskRequest(
            resource: TaskResource("arn:aws:states:::athena:startQueryExecution" + (sync ? ".sync" : "")),
            stateName: state, parameters: parameters,
            context: ["Execution": ["Id": "exec-1"], "State": ["Name": .string(state), "RetryCount": 0]],
            clock: VirtualClock(start: start))
    }

    // MARK: Parsing

    @Test func theSeedDDLDeclaresTheTable() async throws {
        try await TemporaryDirectory.with { directory in
            let engine = try Self.engineWithTable(directory)
            let table = try #require(try engine.catalog().table("clickstream_events", in: "clickstream_db"))
            #expect(
                table.columns.map(\.name) == [
                    "user_id", "session_id", "event_time", "event_type", "page_url", "referrer_url", "device_type",
                    "browser",
                    "ip", "country", "city",
                ])
            #expect(table.columns.first { $0.name == "event_time" }?.type == "timestamp")
            #expect(table.partitionKeys == [CatalogColumn(name: "event_date", type: "date")])
            #expect(table.location == "s3://clickstream-processed/")
            #expect(table.storedAs == "PARQUET")
            // Running the setup again changes nothing (IF NOT EXISTS).
            try engine.runScript(Self.exampleDDL("clickstream_events.sql"))
        }
    }

    @Test func keywordsAnyCaseCommentsBackticksAndQualifiedNames() throws {
        let sql = """
            /* a block
               comment */ create external TABLE if NOT exists `Sales`.`Orders` ( -- line comment
              `id` BIGINT comment 'the id', amount decimal(10, 2), tags array<string>, attrs map<string,int>,
              addr struct<city:string,zip:varchar(10)>
            ) partitioned by (`day` date, hour int)
            ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
            WITH SERDEPROPERTIES ('serialization.format' = '1')
            STORED AS INPUTFORMAT 'in' OUTPUTFORMAT 'out'
            LOCATION 's3://sales-data/orders'
            TBLPROPERTIES ('has_encrypted_data'='false', 'note' = 'it''s');
            """
        guard case .createTable(let reference, let table, let ifNotExists) = try SQLParser.statement(sql) else {
            Issue.record("not a CREATE TABLE")
            return
        }
        #expect(reference == TableReference(database: "sales", table: "orders"))
        #expect(ifNotExists)
        #expect(
            table.columns.map(\.type) == [
                "bigint", "decimal(10,2)", "array<string>", "map<string,int>", "struct<city:string,zip:varchar(10)>",
            ])
        #expect(table.columns.first?.comment == "the id")
        #expect(table.partitionKeys.map(\.name) == ["day", "hour"])
        #expect(table.tableProperties == ["has_encrypted_data": "false", "note": "it's"])
        #expect(table.serdeProperties == ["serialization.format": "1"])
        #expect(table.inputFormat == "in" && table.outputFormat == "out")
        #expect(
            try SQLParser.statement("msck repair table t;") == .repairTable(TableReference(database: nil, table: "t")))
        #expect(
            try SQLParser.statement(#"SHOW PARTITIONS "db"."T""#)
                == .showPartitions(TableReference(database: "db", table: "t")))
    }

    struct BadQuery: CustomTestStringConvertible, Sendable {
        let sql: String
        let reason: String
        var testDescription: String { sql }
    }

    static let badQueries: [BadQuery] = [
        BadQuery(
            sql: "SELECT * FROM clickstream_events", reason: "line 1:1: 'SELECT' is not supported by the local Athena"),
        BadQuery(sql: "MSCK REPAIR TABEL t", reason: "line 1:13: mismatched input 'TABEL'. Expecting: 'TABLE'"),
        BadQuery(
            sql: "CREATE EXTERNAL TABLE t (a strng) LOCATION 's3://abc/'",
            reason: "line 1:28: unknown type 'strng' (did you mean 'string'?)"),
        BadQuery(sql: "SHOW PARTITIONS t; SHOW PARTITIONS u", reason: "Only one sql statement is allowed"),
        BadQuery(sql: "CREATE DATABASE 'x", reason: "line 1:17: unterminated string"),
        BadQuery(sql: "CREATE TABLE t (a int)", reason: "only CREATE EXTERNAL TABLE is supported locally"),
        BadQuery(
            sql: "MSCK REPAIR TABLE clickstream_db.nope",
            reason: "FAILED: SemanticException [Error 10001]: Table not found clickstream_db.nope"),
        BadQuery(
            sql: "SHOW PARTITIONS nodb.t",
            reason: "FAILED: SemanticException [Error 10072]: Database does not exist: nodb"),
        BadQuery(
            sql: "CREATE EXTERNAL TABLE clickstream_db.clickstream_events (a int) LOCATION 's3://abc/'",
            reason: "AlreadyExistsException(message:Table clickstream_events already exists)"),
        BadQuery(sql: "CREATE DATABASE clickstream_db", reason: "Database clickstream_db already exists"),
        BadQuery(
            sql: "CREATE EXTERNAL TABLE clickstream_db.t (a int, a string) LOCATION 's3://abc/'",
            reason: "Duplicate column name: a"),
        BadQuery(
            sql: "CREATE EXTERNAL TABLE clickstream_db.t (a int) PARTITIONED BY (a int) LOCATION 's3://abc/'",
            reason: "Column repeated in partitioning columns: a"),
        BadQuery(sql: "CREATE EXTERNAL TABLE clickstream_db.t (a int)", reason: "needs LOCATION"),
        BadQuery(
            sql: "CREATE EXTERNAL TABLE clickstream_db.t (a int) LOCATION 's3://abc/../x'", reason: "'..' segment"),
        BadQuery(sql: "DROP DATABASE clickstream_db", reason: "Database clickstream_db is not empty"),
    ]

    @Test(arguments: badQueries)
    func failingQueriesExplainWhy(_ c: BadQuery) async throws {
        try await TemporaryDirectory.with { directory in
            let engine = try Self.engineWithTable(directory)
            #expect {
                try engine.run(c.sql)
            } throws: { error in
                let reason = (error as? AthenaQueryFailure)?.reason ?? ""
                if !reason.contains(c.reason) { Issue.record("reason: \(reason)") }
                return reason.contains(c.reason)
            }
        }
    }

    // MARK: MSCK REPAIR TABLE, SHOW PARTITIONS, DROP

    @Test func msckRepairAddsThePartitionFoldersItFinds() async throws {
        try await TemporaryDirectory.with { directory in
            let engine = try Self.engineWithTable(directory)
            let store = engine.store
            for key in [
                "event_date=2024-01-06/part-00000.snappy.parquet", "event_date=2024-01-05/part-00000.snappy.parquet",
                "event_date=2024-01-05/part-00001.snappy.parquet", "_SUCCESS", "event_date=2024-01-07/_SUCCESS",
                "_temporary/event_date=2024-01-08/part.parquet", "event_date=2024-13-01/part.parquet",
                "day=2024-01-09/part.parquet", "event_date=2024-01-10/",
            ] where !key.hasSuffix("/") {
                try store.put([1], at: S3Location(bucket: "clickstream-processed", key: key))
            }
            let first = try engine.run("MSCK REPAIR TABLE clickstream_events", database: "clickstream_db")
            #expect(
                first.resultText == """
                    Partitions not in metastore:\tclickstream_events:event_date=2024-01-05\tclickstream_events:event_date=2024-01-06
                    Repair: Added partition to metastore clickstream_events:event_date=2024-01-05
                    Repair: Added partition to metastore clickstream_events:event_date=2024-01-06

                    """)
            let table = try #require(try engine.catalog().table("clickstream_events", in: "clickstream_db"))
            #expect(
                table.partitions.map(\.location) == [
                    "s3://clickstream-processed/event_date=2024-01-05/",
                    "s3://clickstream-processed/event_date=2024-01-06/",
                ])
            #expect(try engine.run("MSCK REPAIR TABLE clickstream_db.clickstream_events").resultText == "")

            try store.put([1], at: S3Location(parsing: "s3://clickstream-processed/event_date=2024-01-04/p.parquet"))
            try store.deleteAll(under: S3Location(parsing: "s3://clickstream-processed/event_date=2024-01-06/"))
            #expect(
                try engine.run("MSCK REPAIR TABLE clickstream_db.clickstream_events").resultText.contains("2024-01-04"))
            // MSCK REPAIR TABLE adds partitions but does not remove those whose folders are gone.
            #expect(
                try engine.run("SHOW PARTITIONS clickstream_db.clickstream_events").resultText
                    == "event_date=2024-01-04\nevent_date=2024-01-05\nevent_date=2024-01-06\n")
            try engine.run("DROP TABLE clickstream_db.clickstream_events")
            try engine.run("DROP TABLE IF EXISTS clickstream_db.clickstream_events")
            #expect(try engine.catalog().table("clickstream_events", in: "clickstream_db") == nil)
            #expect(
                store.exists(
                    try S3Location(
                        parsing: "s3://clickstream-processed/event_date=2024-01-05/part-00000.snappy.parquet")))
        }
    }

    @Test func theCatalogIsAFileThatSurvivesTheEngine() async throws {
        try await TemporaryDirectory.with { directory in
            _ = try Self.engineWithTable(directory)
            let reloaded = try AthenaCatalog.load(dataDirectory: directory.url)
            #expect(reloaded.databases.keys.sorted() == ["clickstream_db", "default"])
            #expect(
                reloaded.databases["clickstream_db"]?.comment
                    == "Clickstream events processed by the clickstream-etl Glue job")
            let text = try String(contentsOfFile: AthenaCatalog.path(dataDirectory: directory.url), encoding: .utf8)
            #expect(text.contains(#""tableType": "EXTERNAL_TABLE""#))
        }
    }

    // MARK: The Task handler

    static let repair: JSON = [
        "QueryString": "MSCK REPAIR TABLE clickstream_db.clickstream_events",
        "QueryExecutionContext": ["Database": "clickstream_db"],
        "ResultConfiguration": ["OutputLocation": "s3://clickstream-athena-results/"],
    ]

    @Test func syncReturnsGetQueryExecutionAndWritesTheResultFile() async throws {
        try await TemporaryDirectory.with { directory in
            let engine = try Self.engineWithTable(directory)
            try engine.store.put(
                [1], at: S3Location(parsing: "s3://clickstream-processed/event_date=2024-01-05/p.parquet"))
            let handler = AthenaQueryHandler(engine: engine, defaultOutputLocation: nil, seed: 3)
            let output = try await handler.handle(Self.request(Self.repair))
            let execution = try #require(output["QueryExecution"])
            let id = try #require(execution["QueryExecutionId"]?.stringValue)
            #expect(id.count == 36)
            #expect(execution["Query"] == "MSCK REPAIR TABLE clickstream_db.clickstream_events")
            #expect(execution["StatementType"] == "DDL")
            #expect(
                execution["ResultConfiguration"] == [
                    "OutputLocation": .string("s3://clickstream-athena-results/\(id).txt")
                ])
            #expect(execution["QueryExecutionContext"] == ["Database": "clickstream_db"])
            #expect(
                execution["Status"]
                    == [
                        "State": "SUCCEEDED", "SubmissionDateTime": 1_704_456_020_000,
                        "CompletionDateTime": 1_704_456_020_000,
                    ])
            #expect(execution["WorkGroup"] == "primary")
            #expect(execution["Statistics"]?["DataScannedInBytes"] == 0)
            let result = try engine.store.read(S3Location(parsing: "s3://clickstream-athena-results/\(id).txt"))
            #expect(
                String(decoding: result, as: UTF8.self).hasSuffix(
                    "Repair: Added partition to metastore clickstream_events:event_date=2024-01-05\n"))

            // Same seed, same request: same id. Another state: another id.
            let again = try await handler.handle(Self.request(Self.repair))
            #expect(again["QueryExecution"]?["QueryExecutionId"]?.stringValue == id)
            let other = try await handler.handle(Self.request(Self.repair, state: "Other"))
            #expect(other["QueryExecution"]?["QueryExecutionId"]?.stringValue != id)
        }
    }

    @Test func withoutSyncItReturnsTheQueryExecutionId() async throws {
        try await TemporaryDirectory.with { directory in
            let engine = try Self.engineWithTable(directory)
            let handler = AthenaQueryHandler(
                engine: engine, defaultOutputLocation: "s3://clickstream-athena-results/", seed: 3)
            let output = try await handler.handle(
                Self.request(["QueryString": "SHOW PARTITIONS clickstream_db.clickstream_events"], sync: false))
            #expect(output.objectValue?.keys == ["QueryExecutionId"])
        }
    }

    @Test func aFailingQueryIsTaskFailedWithTheFailedQueryExecutionAsCause() async throws {
        try await TemporaryDirectory.with { directory in
            let engine = AthenaEngine(store: ObjectStore(dataDirectory: directory.url))
            let handler = AthenaQueryHandler(engine: engine, defaultOutputLocation: nil, seed: 3)
            do {
                _ = try await handler.handle(Self.request(Self.repair))
                Issue.record("the query succeeded without the table")
            } catch let error as StatesError {
                #expect(error.name == .taskFailed)
                let cause = try JSONReader.read(error.cause ?? "").value
                let status = try #require(cause["QueryExecution"]?["Status"])
                #expect(status["State"] == "FAILED")
                #expect(
                    status["StateChangeReason"]
                        == "FAILED: SemanticException [Error 10072]: Database does not exist: clickstream_db")
                #expect(status["AthenaError"]?["ErrorCategory"] == 2)
            }
        }
    }

    static let refused: [(JSON, String)] = [
        (["QueryString": ""], "Member must have length greater than or equal to 1"),
        (["QueryString": "SHOW PARTITIONS t"], "No output location provided"),
        (
            ["QueryString": "SHOW PARTITIONS t", "ResultConfiguration": ["OutputLocation": "results/"]],
            "Invalid OutputLocation"
        ),
    ]

    @Test(arguments: refused)
    func requestsAthenaRefusesAreInvalidRequestExceptions(_ parameters: JSON, _ fragment: String) async throws {
        try await TemporaryDirectory.with { directory in
            let handler = AthenaQueryHandler(
                engine: AthenaEngine(store: ObjectStore(dataDirectory: directory.url)), defaultOutputLocation: nil,
                seed: 3)
            do {
                _ = try await handler.handle(Self.request(parameters))
                Issue.record("accepted \(parameters)")
            } catch let error as StatesError {
                #expect(error.name == "Athena.InvalidRequestException")
                #expect(error.cause?.contains(fragment) == true)
                #expect(
                    error.cause?.contains(
                        "(Service: AmazonAthena; Status Code: 400; Error Code: InvalidRequestException; Request ID: ")
                        == true)
            }
        }
    }
}
