import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Testing

@testable import Clickstream
@testable import LocalAWS

@Suite struct SimulatorTests {
    static let start = Date(timeIntervalSince1970: 1_704_456_000)  // 2024-01-05T12:00:00Z

    static func request(_ payload: JSON = [:], clock: any ExecutionClock, execution: String = "run-1") -> TaskRequest {
        TaskRequest(
            resource: TaskResource("arn:aws:lambda:us-east-1:123456789012:function:clickstream-simulator"),
            stateName: "StartSimulatorLambda", parameters: payload,
            context: [
                "Execution": [
                    "Id": .string("arn:aws:states:us-east-1:123456789012:execution:clickstream:\(execution)")
                ],
                "State": ["Name": "StartSimulatorLambda", "EnteredTime": "2024-01-05T12:00:00.000Z", "RetryCount": 0],
            ],
            clock: clock)
    }

    /// Runs the simulator once and returns its result and the events it put, in order.
    static func run(
        _ payload: JSON = [:], seed: UInt64 = 7, shards: Int = 1, execution: String = "run-1",
        in directory: TemporaryDirectory
    ) async throws -> (result: JSON, events: [JSON], stream: LocalStream, clock: VirtualClock) {
        let stream = try LocalStream.open(
            name: "clickstream-data-\(seed)-\(execution)", shardCount: shards, dataDirectory: directory.url)
        let clock = VirtualClock(start: start)
        let simulator = ClickstreamSimulator(stream: stream, seed: seed)
        let result = try await simulator.handle(request(payload, clock: clock, execution: execution))
        var records: [StreamRecord] = []
        for shard in 0..<shards { records += stream.records(inShard: shard, after: nil, limit: 1000) }
        records.sort {
            ($0.approximateArrivalTimestamp, $0.sequenceNumber) < ($1.approximateArrivalTimestamp, $1.sequenceNumber)
        }
        let events = try records.map { try JSONReader.read($0.data).value }
        return (result, events, stream, clock)
    }

    @Test func putsTwentyEventsOneASecondByDefault() async throws {
        try await TemporaryDirectory.with { directory in
            let run = try await Self.run(in: directory)
            #expect(run.events.count == 20)
            #expect(run.clock.now() == Self.start.addingTimeInterval(19))
            #expect(run.events.first?["event_time"] == "2024-01-05T12:00:00.000000")
            #expect(run.events.last?["event_time"] == "2024-01-05T12:00:19.000000")
            #expect(
                run.result
                    == [
                        "statusCode": 200,
                        "body":
                            #"{"message":"Sent 20 clickstream events to clickstream-data-7-run-1","recordCount":20,"streamName":"clickstream-data-7-run-1"}"#,
                    ])
        }
    }

    @Test func eventsHaveTheSeedREADMEFieldsAndValues() async throws {
        try await TemporaryDirectory.with { directory in
            let run = try await Self.run(["RECORD_COUNT": 200, "EVENTS_PER_SECOND": 50], in: directory)
            #expect(run.events.count == 200)
            let countries = Dictionary(uniqueKeysWithValues: EventCatalog.countries.map { ($0.code, Set($0.cities)) })
            for event in run.events {
                #expect(
                    event.objectValue?.keys == [
                        "user_id", "session_id", "event_time", "event_type", "page_url", "referrer_url", "device_type",
                        "browser", "geo",
                    ])
                let user = try #require(event["user_id"]?.stringValue)
                #expect(user.count == 5 && user.hasPrefix("u") && Int(user.dropFirst()) != nil)
                let session = try #require(event["session_id"]?.stringValue)
                #expect(
                    session.range(
                        of: #"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"#,
                        options: .regularExpression) != nil)
                let time = try #require(event["event_time"]?.stringValue)
                #expect(
                    time.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$"#, options: .regularExpression) != nil
                )
                #expect(EventCatalog.eventTypes.contains(event["event_type"]?.stringValue ?? ""))
                #expect(EventCatalog.pages.contains(event["page_url"]?.stringValue ?? ""))
                #expect(EventCatalog.referrers.contains(event["referrer_url"]?.stringValue ?? ""))
                #expect(EventCatalog.devices.contains(event["device_type"]?.stringValue ?? ""))
                #expect(EventCatalog.browsers.contains(event["browser"]?.stringValue ?? ""))
                let country = try #require(event["geo"]?["country"]?.stringValue)
                #expect(countries[country]?.contains(event["geo"]?["city"]?.stringValue ?? "") == true)
                #expect(Self.isPublicIPv4(event["geo"]?["ip"]?.stringValue ?? ""))
            }
            // Every event type occurs, and checkout only on the cart page.
            #expect(Set(run.events.compactMap { $0["event_type"]?.stringValue }) == Set(EventCatalog.eventTypes))
            #expect(run.events.filter { $0["event_type"] == "checkout" }.allSatisfy { $0["page_url"] == "/cart" })
        }
    }

    @Test func sessionsHaveSeveralEventsOfOneUserDeviceAndPlace() async throws {
        try await TemporaryDirectory.with { directory in
            let run = try await Self.run(["RECORD_COUNT": 60], in: directory)
            let bySession = Dictionary(grouping: run.events) { $0["session_id"]?.stringValue ?? "" }
            #expect(bySession.values.contains { $0.count >= 3 })
            #expect(bySession.count >= 8)
            for events in bySession.values {
                #expect(Set(events.map { $0["user_id"] }).count == 1)
                #expect(Set(events.map { $0["device_type"] }).count == 1)
                #expect(Set(events.map { $0["geo"] }).count == 1)
                #expect(events.first?["event_type"] == "pageview")
            }
        }
    }

    @Test func theUserIDIsThePartitionKey() async throws {
        try await TemporaryDirectory.with { directory in
            let run = try await Self.run(["RECORD_COUNT": 40], shards: 4, in: directory)
            var used = Set<Int>()
            for shard in 0..<4 {
                for record in run.stream.records(inShard: shard, after: nil, limit: 100) {
                    let event = try JSONReader.read(record.data).value
                    #expect(event["user_id"]?.stringValue == record.partitionKey)
                    #expect(run.stream.shardIndex(forPartitionKey: record.partitionKey) == shard)
                    used.insert(shard)
                }
            }
            #expect(used.count > 1)
        }
    }

    @Test func theSameSeedAndRequestGiveTheSameEvents() async throws {
        try await TemporaryDirectory.with { directory in
            let first = try await Self.run(seed: 7, execution: "a", in: directory)
            let elsewhere = try TemporaryDirectory()
            defer { elsewhere.remove() }
            let again = try await Self.run(seed: 7, execution: "a", in: elsewhere)
            let otherSeed = try await Self.run(seed: 8, execution: "a", in: directory)
            let otherExecution = try await Self.run(seed: 7, execution: "b", in: directory)
            #expect(first.events == again.events)
            #expect(first.events != otherSeed.events)
            #expect(first.events != otherExecution.events)
        }
    }

    @Test func thePayloadOverridesTheCountAndRate() async throws {
        try await TemporaryDirectory.with { directory in
            let run = try await Self.run(["RECORD_COUNT": "5", "EVENTS_PER_SECOND": 4], in: directory)
            #expect(run.events.count == 5)
            #expect(run.clock.now() == Self.start.addingTimeInterval(1))
            #expect(run.events.last?["event_time"] == "2024-01-05T12:00:01.000000")
        }
    }

    @Test(arguments: [JSON.string("many"), -1, 1.5, JSON.bool(true)])
    func aBadRecordCountFailsLikeAPythonValueError(_ value: JSON) async throws {
        try await TemporaryDirectory.with { directory in
            do {
                _ = try await Self.run(["RECORD_COUNT": value], in: directory)
                Issue.record("accepted RECORD_COUNT \(value)")
            } catch let error as StatesError {
                #expect(error.name == "ValueError")
                let cause = try JSONReader.read(error.cause ?? "").value
                #expect(cause["errorType"] == "ValueError")
                #expect(cause["errorMessage"]?.stringValue?.contains("RECORD_COUNT") == true)
                #expect(cause["requestId"]?.stringValue?.count == 36)
            }
        }
    }

    /// The pipeline's first two states on a virtual clock: every event is in the raw bucket when
    /// the Wait ends.
    @Test func everyEventIsInTheRawBucketWhenTheWaitEnds() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            let stream = try LocalStream.open(name: "clickstream-data", dataDirectory: directory.url)
            let ingest = try IngestFunction(store: store, rawBucket: "clickstream-raw")
            let consumer = try StreamConsumer(name: "clickstream-ingest", stream: stream, batchSize: 7) { batch in
                try ingest.ingest(
                    batch.lambdaEvent(region: "us-east-1", account: "123456789012", functionName: "clickstream-ingest"))
            }
            let clock = VirtualClock(start: Self.start, observers: [consumer])
            _ = try await ClickstreamSimulator(stream: stream, seed: 1).handle(Self.request(clock: clock))
            try await clock.sleep(seconds: 20)
            let objects = try store.list(under: S3Location(parsing: "s3://clickstream-raw/"))
            #expect(objects.count == 20)
            #expect(objects.allSatisfy { $0.location.key.hasPrefix("2024/01/05/") })
        }
    }

    static func isPublicIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".").compactMap { UInt8($0) }
        guard parts.count == 4, text.split(separator: ".").count == 4 else { return false }
        let (a, b) = (parts[0], parts[1])
        if a == 0 || a == 10 || a == 127 || a >= 224 { return false }
        if a == 100 && (64...127).contains(b) { return false }
        if a == 169 && b == 254 { return false }
        if a == 172 && (16...31).contains(b) { return false }
        if a == 192 && b == 168 { return false }
        if a == 198 && (18...19).contains(b) { return false }
        return parts[3] != 0 && parts[3] != 255
    }
}
