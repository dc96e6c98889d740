import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Synchronization
import Testing

@testable import Clickstream
@testable import LocalAWS

@Suite struct ConfigTests {
    static let examples = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Examples/clickstream")

    static func parse(_ text: String) throws(RunConfigurationError) -> RunConfiguration {
        try RunConfiguration.parse(
            Array(text.utf8), path: "asl.config.json", baseDirectory: examples, plugins: .clickstream)
    }

    @Test func theExampleConfigurationDescribesThePipeline() throws {
        let config = try RunConfiguration.load(
            from: Self.examples.appending(path: "asl.config.json"), plugins: .clickstream)
        #expect(config.dataDirectory == ".asl-data")
        #expect(config.seed == 42)
        #expect(config.streams == [StreamConfig(name: "clickstream-data", shards: 1)])
        #expect(
            config.functions == [
                .registered(
                    SimulatorFunctionConfig(name: "clickstream-simulator", stream: "clickstream-data").registered),
                .ingest(IngestFunctionConfig(name: "clickstream-ingest", stream: "clickstream-data")),
            ])
        let job = try #require(config.glueJob("clickstream-etl"))
        #expect(job.input?.description == "s3://clickstream-raw/")
        #expect(job.output?.description == "s3://clickstream-processed/")
        #expect(job.parameters["partitionKeys"] == ["event_date"] && job.parameters["compression"] == "snappy")
        #expect(config.athena.outputLocation == "s3://clickstream-athena-results/")
        #expect(config.athena.setup.map(\.source) == ["ddl/clickstream_db.sql", "ddl/clickstream_events.sql"])
        #expect(config.athena.setup[1].sql.contains("LOCATION 's3://clickstream-processed/'"))
        #expect(
            config.topics.map(\.arn) == [
                "arn:aws:sns:us-east-1:123456789012:clickstream-success",
                "arn:aws:sns:us-east-1:123456789012:clickstream-failure",
            ])
        #expect(
            config.topics[0].subscriptions == [
                SNSSubscription(.stdout), SNSSubscription(.email, endpoint: "data-team@example.com"),
            ])
        #expect(
            config.resolvedDataDirectory(relativeTo: URL(filePath: "/work")).path(percentEncoded: false)
                == "/work/.asl-data")
    }

    @Test func anEmptyConfigurationHasTheDefaults() throws {
        let config = try Self.parse("{}")
        #expect(config == RunConfiguration())
        #expect(config.seed == nil && config.region == "us-east-1" && config.account == "123456789012")
    }

    @Test func anUnknownFieldIsLocatedAndGetsADidYouMean() {
        let text = """
            {
              "streams": {"clickstream-data": {}},
              "functions": {
                "clickstream-simulator": {"handler": "simulator", "stream": "clickstream-data",
                  "recordCont": 5}
              }
            }
            """
        #expect {
            _ = try Self.parse(text)
        } throws: { error in
            "\(error)"
                == """
                asl.config.json:5:7: error: unknown field 'recordCont' in function 'clickstream-simulator' (did you mean 'recordCount'?)
                  at /functions/clickstream-simulator/recordCont
                """
        }
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let message: String
        let pointer: String
        var testDescription: String { name }
    }

    static let bad: [Bad] = [
        Bad(name: "syntax", text: #"{"seed": 1,}"#, message: "trailing comma", pointer: ""),
        Bad(name: "duplicate key", text: #"{"seed": 1, "seed": 2}"#, message: "seed", pointer: ""),
        Bad(
            name: "top-level typo", text: #"{"dataDirectroy": "x"}"#, message: "(did you mean 'dataDirectory'?)",
            pointer: "/dataDirectroy"),
        Bad(name: "negative seed", text: #"{"seed": -1}"#, message: "'seed' must be a whole number", pointer: "/seed"),
        Bad(name: "account", text: #"{"account": "12345"}"#, message: "12-digit", pointer: "/account"),
        Bad(name: "region", text: #"{"region": "mars"}"#, message: "not a region name", pointer: "/region"),
        Bad(
            name: "shards", text: #"{"streams": {"s": {"shards": 0}}}"#, message: "from 1 to 64",
            pointer: "/streams/s/shards"),
        Bad(
            name: "unknown stream",
            text:
                #"{"streams": {"clickstream-data": {}}, "functions": {"f": {"handler": "ingest", "stream": "clickstream-dat"}}}"#,
            message: "no stream 'clickstream-dat' under 'streams' (did you mean 'clickstream-data'?)",
            pointer: "/functions/f/stream"),
        Bad(
            name: "handler typo", text: #"{"functions": {"f": {"handler": "simulater"}}}"#,
            message:
                "unknown handler 'simulater' for function 'f': use 'simulator' or 'ingest' (did you mean 'simulator'?)",
            pointer: "/functions/f/handler"),
        Bad(
            name: "starting position",
            text:
                #"{"streams": {"s": {}}, "functions": {"f": {"handler": "ingest", "stream": "s", "startingPosition": "LATES"}}}"#,
            message: "(did you mean 'LATEST'?)", pointer: "/functions/f/startingPosition"),
        Bad(
            name: "raw bucket",
            text:
                #"{"streams": {"s": {}}, "functions": {"f": {"handler": "ingest", "stream": "s", "rawBucket": "Raw"}}}"#,
            message: "only lowercase letters", pointer: "/functions/f/rawBucket"),
        Bad(
            name: "glue input",
            text: #"{"glueJobs": {"j": {"input": "s3://clickstream-raw/../x", "output": "s3://out/"}}}"#,
            message: "'..' segment", pointer: "/glueJobs/j/input"),
        Bad(
            name: "glue output missing", text: #"{"glueJobs": {"j": {"input": "s3://clickstream-raw/"}}}"#,
            message: "Glue job 'j' needs the field 'output'", pointer: "/glueJobs/j"),
        Bad(
            name: "compression",
            text: #"{"glueJobs": {"j": {"input": "s3://abc/", "output": "s3://def/", "compression": "snapy"}}}"#,
            message: "(did you mean 'snappy'?)", pointer: "/glueJobs/j/compression"),
        Bad(
            name: "setup file", text: #"{"athena": {"setup": ["ddl/missing.sql"]}}"#, message: "no such file",
            pointer: "/athena/setup/0"),
        Bad(
            name: "topic arn", text: #"{"sns": {"topics": {"clickstream-success": {}}}}"#,
            message: "is not a topic ARN", pointer: "/sns/topics/clickstream-success"),
        Bad(
            name: "protocol",
            text:
                #"{"sns": {"topics": {"arn:aws:sns:us-east-1:123456789012:t": {"subscriptions": [{"protocol": "emial", "endpoint": "a@b.c"}]}}}}"#,
            message: "(did you mean 'email'?)",
            pointer: "/sns/topics/arn:aws:sns:us-east-1:123456789012:t/subscriptions/0/protocol"),
        Bad(
            name: "http endpoint",
            text:
                #"{"sns": {"topics": {"arn:aws:sns:us-east-1:123456789012:t": {"subscriptions": [{"protocol": "http", "endpoint": "http://example.com/"}]}}}}"#,
            message: "is not on this machine",
            pointer: "/sns/topics/arn:aws:sns:us-east-1:123456789012:t/subscriptions/0/endpoint"),
        Bad(
            name: "file endpoint",
            text:
                #"{"sns": {"topics": {"arn:aws:sns:us-east-1:123456789012:t": {"subscriptions": [{"protocol": "file", "endpoint": "../x"}]}}}}"#,
            message: "without '..'",
            pointer: "/sns/topics/arn:aws:sns:us-east-1:123456789012:t/subscriptions/0/endpoint"),
    ]

    @Test(arguments: bad)
    func mistakesAreExplainedWithTheirPointer(_ c: Bad) {
        do {
            _ = try Self.parse(c.text)
            Issue.record("accepted \(c.text)")
        } catch {
            #expect(error.message.contains(c.message), "\(error.message)")
            #expect(error.pointer.description == c.pointer)
            #expect(error.location != nil)
        }
    }

    // MARK: The environment

    @Test func theEnvironmentRegistersEveryHandler() async throws {
        try await TemporaryDirectory.with { directory in
            let config = try RunConfiguration.load(
                from: Self.examples.appending(path: "asl.config.json"), plugins: .clickstream)
            let environment = try LocalServices(
                config: config, dataDirectory: directory.url, seed: 9, plugins: .clickstream)
            try environment.setUp()
            try environment.setUp()  // a second run of the setup DDL changes nothing
            #expect(try environment.athena.catalog().table("clickstream_events", in: "clickstream_db") != nil)
            var registry = HandlerRegistry()
            try environment.register(into: &registry)
            for resource in [
                "arn:aws:lambda:us-east-1:123456789012:function:clickstream-simulator",
                "arn:aws:lambda:us-east-1:123456789012:function:clickstream-ingest",
                "arn:aws:states:::glue:startJobRun.sync", "arn:aws:states:::athena:startQueryExecution.sync",
                "arn:aws:states:::sns:publish", "arn:aws:states:::aws-sdk:sns:publish",
                "arn:aws:states:::aws-sdk:s3:getObject",
            ] {
                #expect(registry.resolve(TaskResource(resource)) != nil, "\(resource)")
            }
            #expect(environment.consumers.map(\.name) == ["clickstream-ingest"])
            #expect(environment.clockObservers.count == 1)
        }
    }

    /// The pipeline's states, handler by handler, on a virtual clock (the Glue step replaced by a
    /// file written where the ETL would write it).
    @Test func thePipelineRunsOnTheLocalServices() async throws {
        try await TemporaryDirectory.with { directory in
            let config = try RunConfiguration.load(
                from: Self.examples.appending(path: "asl.config.json"), plugins: .clickstream)
            let printed = Mutex<[String]>([])
            let sinks = LocalServicesSinks(
                sns: SNSSinks(notification: { notification, _ in printed.withLock { $0.append(notification.message) } })
            )
            let environment = try LocalServices(
                config: config, dataDirectory: directory.url, sinks: sinks, plugins: .clickstream)
            try environment.setUp()
            var registry = HandlerRegistry()
            try environment.register(into: &registry)
            let clock = VirtualClock(
                start: Date(timeIntervalSince1970: 1_704_456_000), observers: environment.clockObservers)
            func call(_ state: String, _ resource: String, _ parameters: JSON) async throws -> JSON {
                let arn = TaskResource(resource)
                let handler = try #require(registry.resolve(arn, parameters: parameters))
                return try await handler.handle(
                    TaskRequest(
                        resource: arn, stateName: state, parameters: parameters,
                        context: ["Execution": ["Id": "e"], "State": .object(["Name": .string(state)])], clock: clock))
            }
            let simulated = try await call(
                "StartSimulatorLambda", "arn:aws:lambda:us-east-1:123456789012:function:clickstream-simulator", [:])
            #expect(simulated["statusCode"] == 200)
            try await clock.sleep(seconds: 20)  // WaitForIngestion
            let raw = try environment.store.list(under: S3Location(parsing: "s3://clickstream-raw/"))
            #expect(raw.count == 20)
            try environment.store.put(
                [0x50, 0x41, 0x52, 0x31],
                at: S3Location(parsing: "s3://clickstream-processed/event_date=2024-01-05/part-00000.snappy.parquet"))
            let repaired = try await call(
                "RepairAthenaPartitions", "arn:aws:states:::athena:startQueryExecution.sync",
                [
                    "QueryString": "MSCK REPAIR TABLE clickstream_db.clickstream_events",
                    "QueryExecutionContext": ["Database": "clickstream_db"],
                    "ResultConfiguration": ["OutputLocation": "s3://clickstream-athena-results/"],
                ])
            #expect(repaired["QueryExecution"]?["Status"]?["State"] == "SUCCEEDED")
            #expect(
                try environment.athena.catalog().table("clickstream_events", in: "clickstream_db")?.partitions.count
                    == 1)
            _ = try await call(
                "NotifySuccess", "arn:aws:states:::sns:publish",
                [
                    "TopicArn": "arn:aws:sns:us-east-1:123456789012:clickstream-success",
                    "Message": "Clickstream pipeline executed successfully.",
                ])
            #expect(printed.withLock { $0 } == ["Clickstream pipeline executed successfully."])
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/mail").count == 1)
        }
    }

    @Test func aStreamReopenedWithAnotherShardCountIsASetupError() async throws {
        try await TemporaryDirectory.with { directory in
            var config = RunConfiguration()
            config.streams = [StreamConfig(name: "s", shards: 1)]
            _ = try LocalServices(config: config, dataDirectory: directory.url)
            config.streams = [StreamConfig(name: "s", shards: 2)]
            #expect {
                _ = try LocalServices(config: config, dataDirectory: directory.url)
            } throws: { error in
                "\(error)".hasPrefix("stream 's': ") && "\(error)".contains("has 1 shard(s) but 2 were asked for")
            }
        }
    }
}
