import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Synchronization
import Testing

@testable import LocalAWS

@Suite struct StreamTests {
    static let start = Date(timeIntervalSince1970: 1_704_456_000)  // 2024-01-05T12:00:00Z

    // MARK: MD5 and the partition key → shard mapping

    /// RFC 1321, appendix A.5 ("test suite").
    @Test(arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        (
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            "d174ab98d277d9f5a5611c2c9f419d9f"
        ),
        (String(repeating: "1234567890", count: 8), "57edf4a22be3c955ac49da2e2107b67a"),
    ])
    func md5MatchesRFC1321(_ input: String, _ digest: String) {
        #expect(MD5.hex(Array(input.utf8)) == digest)
    }

    @Test func hashKeyRangesSplitTheSpaceEvenly() {
        let two = HashKeyRange.ranges(shardCount: 2)
        #expect(
            two.map { "\($0.startingHashKey)…\($0.endingHashKey)" } == [
                "0…170141183460469231731687303715884105727",
                "170141183460469231731687303715884105728…340282366920938463463374607431768211455",
            ])
        let three = HashKeyRange.ranges(shardCount: 3)
        #expect(
            three.map(\.startingHashKey.description) == [
                "0", "113427455640312821154458202477256070485", "226854911280625642308916404954512140970",
            ])
        #expect(three.last?.endingHashKey == .max)
        #expect(HashKeyRange.ranges(shardCount: 1) == [HashKeyRange(startingHashKey: 0, endingHashKey: .max)])
    }

    /// Expected values computed with Python: `int(hashlib.md5(key.encode()).hexdigest(), 16)`.
    @Test(arguments: [
        ("u1234", "230638342421752375110306674234891636007", 2),
        ("u0001", "57606409780585328340220186812673799127", 0),
        ("user-42", "157107139746365290205026809710278036035", 1),
    ])
    func partitionKeysMapByMD5(_ key: String, _ hashKey: String, _ shardOfFour: Int) {
        #expect(HashKeyRange.hashKey(forPartitionKey: key).description == hashKey)
        #expect(
            HashKeyRange.shardIndex(forHashKey: HashKeyRange.hashKey(forPartitionKey: key), shardCount: 4)
                == shardOfFour)
        #expect(HashKeyRange.shardIndex(forHashKey: HashKeyRange.hashKey(forPartitionKey: key), shardCount: 1) == 0)
    }

    // MARK: The stream

    @Test func putRecordsGetIncreasingSequenceNumbersThatSurviveReopening() async throws {
        try await TemporaryDirectory.with { directory in
            let stream = try LocalStream.open(name: "clickstream-data", shardCount: 4, dataDirectory: directory.url)
            let first = try stream.putRecord(data: Array("one".utf8), partitionKey: "u1234", arrival: Self.start)
            #expect(first.shardID == "shardId-000000000002")
            #expect(first.sequenceNumber == "49000000000002000000000000000000000000000000000000000001")
            #expect(
                first.json == [
                    "ShardId": "shardId-000000000002", "SequenceNumber": .string(first.sequenceNumber),
                    "EncryptionType": "NONE",
                ])
            let second = try stream.putRecords(
                [
                    PutRecordsEntry(data: Array("two".utf8), partitionKey: "u1234"),
                    PutRecordsEntry(data: Array("three".utf8), partitionKey: "u0001"),
                ],
                arrival: Self.start.addingTimeInterval(1.2345))
            #expect(second.map(\.shardID) == ["shardId-000000000002", "shardId-000000000000"])
            #expect(second[0].sequenceNumber > first.sequenceNumber)

            let reopened = try LocalStream.open(name: "clickstream-data", shardCount: 4, dataDirectory: directory.url)
            let records = reopened.records(inShard: 2, after: nil, limit: 10)
            #expect(records.map { String(decoding: $0.data, as: UTF8.self) } == ["one", "two"])
            #expect(records[1].approximateArrivalTimestamp == Date(timeIntervalSince1970: 1_704_456_001.235))
            let third = try reopened.putRecord(data: [0xFF, 0x00], partitionKey: "u1234", arrival: Self.start)
            #expect(third.sequenceNumber == SequenceNumber.make(shard: 2, position: 3))
            #expect(
                reopened.records(inShard: 2, after: first.sequenceNumber, limit: 1).map(\.data) == [Array("two".utf8)])
            #expect(reopened.records(inShard: 2, after: third.sequenceNumber, limit: 10).isEmpty)
        }
    }

    @Test func aTornLastRecordIsCutOffWhenTheStreamIsReopened() async throws {
        try await TemporaryDirectory.with { directory in
            let stream = try LocalStream.open(name: "s", dataDirectory: directory.url)
            _ = try stream.putRecord(data: Array("kept".utf8), partitionKey: "k", arrival: Self.start)
            let file = stream.directory.appending(path: "shardId-000000000000.jsonl")
            let handle = try FileHandle(forWritingTo: file)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(#"{"SequenceNumber":"4900000000000000000000000"#.utf8))
            try handle.close()

            let reopened = try LocalStream.open(name: "s", dataDirectory: directory.url)
            #expect(reopened.recordCount(inShard: 0) == 1)
            let next = try reopened.putRecord(data: Array("next".utf8), partitionKey: "k", arrival: Self.start)
            #expect(next.sequenceNumber == SequenceNumber.make(shard: 0, position: 2))
            let again = try LocalStream.open(name: "s", dataDirectory: directory.url)
            #expect(
                again.records(inShard: 0, after: nil, limit: 9).map { String(decoding: $0.data, as: UTF8.self) } == [
                    "kept", "next",
                ])
        }
    }

    @Test func damageBeforeTheLastLineIsReportedNotRepaired() async throws {
        try await TemporaryDirectory.with { directory in
            let stream = try LocalStream.open(name: "s", dataDirectory: directory.url)
            for index in 0..<3 {
                _ = try stream.putRecord(data: [UInt8(index)], partitionKey: "k", arrival: Self.start)
            }
            let file = stream.directory.appending(path: "shardId-000000000000.jsonl")
            var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
            lines[1] = "garbage"
            try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
            #expect {
                _ = try LocalStream.open(name: "s", dataDirectory: directory.url)
            } throws: { error in
                "\(error)".contains("shardId-000000000000.jsonl:2: damaged stream record")
            }
        }
    }

    @Test func reopeningWithAnotherShardCountIsRefused() async throws {
        try await TemporaryDirectory.with { directory in
            _ = try LocalStream.open(name: "s", shardCount: 2, dataDirectory: directory.url)
            #expect {
                _ = try LocalStream.open(name: "s", shardCount: 3, dataDirectory: directory.url)
            } throws: { error in
                "\(error)".contains("has 2 shard(s) but 3 were asked for")
            }
        }
    }

    @Test func invalidPutsAreRejectedWithKinesisErrorNames() async throws {
        try await TemporaryDirectory.with { directory in
            let stream = try LocalStream.open(name: "s", dataDirectory: directory.url)
            for (data, key) in [([UInt8](), ""), ([UInt8](), String(repeating: "k", count: 257))] {
                #expect {
                    _ = try stream.putRecord(data: data, partitionKey: key, arrival: Self.start)
                } throws: { error in
                    (error as? StreamError)?.awsErrorName == "InvalidArgumentException"
                }
            }
            #expect(throws: StreamError(.dataTooLarge(bytes: 1_048_577))) {
                _ = try stream.putRecord(
                    data: [UInt8](repeating: 0, count: 1_048_577), partitionKey: "k", arrival: Self.start)
            }
            #expect(throws: StreamError(.invalidStreamName("a/b"))) {
                _ = try LocalStream.open(name: "a/b", dataDirectory: directory.url)
            }
        }
    }

    // MARK: The consumer and the ingest function

    static func event(_ n: Int, day: Int = 5) -> [UInt8] {
        Array(#"{"user_id":"u\#(1000 + n)","event_time":"2024-01-0\#(day)T12:00:\#(10 + n).000001","n":\#(n)}"#.utf8)
    }

    /// Every object of the raw bucket, by key, with its data.
    static func rawObjects(_ store: ObjectStore) throws -> [String: String] {
        var result: [String: String] = [:]
        for object in try store.list(under: S3Location(parsing: "s3://clickstream-raw/")) {
            result[object.location.key] = String(decoding: try store.read(object.location), as: UTF8.self)
        }
        return result
    }

    static func consumer(
        _ stream: LocalStream, _ ingest: IngestFunction, batchSize: Int = 3,
        deliver: (@Sendable (StreamBatch, IngestFunction) async throws -> Void)? = nil
    ) throws -> StreamConsumer {
        try StreamConsumer(name: "clickstream-ingest", stream: stream, batchSize: batchSize) { batch in
            if let deliver {
                try await deliver(batch, ingest)
            } else {
                try ingest.ingest(
                    batch.lambdaEvent(region: "us-east-1", account: "123456789012", functionName: "clickstream-ingest"))
            }
        }
    }

    @Test func drainingDeliversEveryRecordInBatchesAndCheckpoints() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            let ingest = try IngestFunction(store: store, rawBucket: "clickstream-raw")
            let stream = try LocalStream.open(name: "clickstream-data", shardCount: 2, dataDirectory: directory.url)
            for n in 0..<7 {
                _ = try stream.putRecord(data: Self.event(n), partitionKey: "u\(1000 + n)", arrival: Self.start)
            }
            let sizes = Mutex<[Int]>([])
            let consumer = try Self.consumer(stream, ingest) { batch, ingest in
                sizes.withLock { $0.append(batch.records.count) }
                try ingest.ingest(batch.lambdaEvent(region: "us-east-1", account: "123456789012", functionName: "f"))
            }
            #expect(await consumer.pendingCount == 7)
            #expect(try await consumer.drain() == 7)
            #expect(sizes.withLock { $0 }.allSatisfy { $0 <= 3 })
            #expect(await consumer.pendingCount == 0)
            let objects = try Self.rawObjects(store)
            #expect(objects.count == 7)
            #expect(objects.keys.allSatisfy { $0.hasPrefix("2024/01/05/") && $0.hasSuffix(".json") })
            #expect(Set(objects.values) == Set((0..<7).map { String(decoding: Self.event($0), as: UTF8.self) }))

            // A new consumer with the same name resumes from the checkpoint file.
            let resumed = try Self.consumer(stream, ingest)
            #expect(await resumed.pendingCount == 0)
            _ = try stream.putRecord(data: Self.event(9, day: 6), partitionKey: "u1009", arrival: Self.start)
            #expect(try await resumed.poll() == 1)
            #expect(try Self.rawObjects(store).keys.filter { $0.hasPrefix("2024/01/06/") }.count == 1)
        }
    }

    /// A real-clock loop calls `poll()`: at most one batch per shard each time.
    @Test func pollingDeliversOneBatchPerShardAtATime() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            let ingest = try IngestFunction(store: store, rawBucket: "clickstream-raw")
            let stream = try LocalStream.open(name: "clickstream-data", dataDirectory: directory.url)
            for n in 0..<7 { _ = try stream.putRecord(data: Self.event(n), partitionKey: "u\(n)", arrival: Self.start) }
            let consumer = try Self.consumer(stream, ingest, batchSize: 3)
            var steps: [Int] = []
            for _ in 0..<4 { steps.append(try await consumer.poll()) }
            #expect(steps == [3, 3, 1, 0])
            #expect(try Self.rawObjects(store).count == 7)
        }
    }

    struct InjectedCrash: Error {}

    /// The consumer dies after the function wrote part of a batch, before the checkpoint; a new
    /// process (stream and consumer opened again from disk) redelivers the batch: every record
    /// ends up in the raw bucket exactly once.
    @Test func aCrashMidBatchLosesAndDuplicatesNothing() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            let ingest = try IngestFunction(store: store, rawBucket: "clickstream-raw")
            do {
                let stream = try LocalStream.open(name: "clickstream-data", dataDirectory: directory.url)
                for n in 0..<8 {
                    _ = try stream.putRecord(data: Self.event(n), partitionKey: "u\(1000 + n)", arrival: Self.start)
                }
                let batches = Mutex(0)
                let crashing = try Self.consumer(stream, ingest, batchSize: 3) { batch, ingest in
                    let number = batches.withLock { count in
                        count += 1
                        return count
                    }
                    var event = batch.lambdaEvent(region: "us-east-1", account: "123456789012", functionName: "f")
                    if number == 2, case .array(let records)? = event["Records"] {
                        event = ["Records": .array(Array(records.prefix(2)))]  // writes 2 of 3, then dies
                        try ingest.ingest(event)
                        throw InjectedCrash()
                    }
                    try ingest.ingest(event)
                }
                await #expect(throws: InjectedCrash.self) { try await crashing.drain() }
                #expect(try Self.rawObjects(store).count == 5)
                #expect(await crashing.checkpointSequenceNumbers == [SequenceNumber.make(shard: 0, position: 3)])
            }
            let stream = try LocalStream.open(name: "clickstream-data", dataDirectory: directory.url)
            let restarted = try Self.consumer(stream, ingest, batchSize: 3)
            #expect(await restarted.pendingCount == 5)
            #expect(try await restarted.drain() == 5)
            let objects = try Self.rawObjects(store)
            #expect(objects.count == 8)
            #expect(objects.values.sorted() == (0..<8).map { String(decoding: Self.event($0), as: UTF8.self) }.sorted())
        }
    }

    @Test func aVirtualClockJumpDrainsWhatWasPutBeforeIt() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            let ingest = try IngestFunction(store: store, rawBucket: "clickstream-raw")
            let stream = try LocalStream.open(name: "clickstream-data", dataDirectory: directory.url)
            let consumer = try Self.consumer(stream, ingest)
            let clock = VirtualClock(start: Self.start, observers: [consumer])
            for n in 0..<5 {
                _ = try stream.putRecord(data: Self.event(n), partitionKey: "u\(n)", arrival: clock.now())
            }
            #expect(try Self.rawObjects(store).isEmpty)
            try await clock.sleep(seconds: 20)  // the pipeline's Wait state
            #expect(try Self.rawObjects(store).count == 5)
            #expect(clock.now() == Self.start.addingTimeInterval(20))
        }
    }

    @Test func latestStartsAfterTheRecordsAlreadyInTheStream() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            let ingest = try IngestFunction(store: store, rawBucket: "clickstream-raw")
            let stream = try LocalStream.open(name: "clickstream-data", dataDirectory: directory.url)
            _ = try stream.putRecord(data: Self.event(0), partitionKey: "u0", arrival: Self.start)
            let consumer = try StreamConsumer(name: "late", stream: stream, startingPosition: .latest) { batch in
                try ingest.ingest(batch.lambdaEvent(region: "us-east-1", account: "123456789012", functionName: "late"))
            }
            _ = try stream.putRecord(data: Self.event(1), partitionKey: "u1", arrival: Self.start)
            #expect(try await consumer.drain() == 1)
            #expect(try Self.rawObjects(store).values.map { $0.contains(#""n":1"#) } == [true])
        }
    }

    @Test func objectKeysComeFromTheEventTimeOrTheArrivalTime() throws {
        let withTime = IngestFunction.datePath(data: Data(Self.event(1, day: 7)), arrivalSeconds: 0)
        #expect(withTime == "2024/01/07")
        let notJSON = IngestFunction.datePath(data: Data("plain".utf8), arrivalSeconds: 1_704_456_000.5)
        #expect(notJSON == "2024/01/05")
        let badTime = IngestFunction.datePath(data: Data(#"{"event_time":"yesterday"}"#.utf8), arrivalSeconds: 86_400)
        #expect(badTime == "1970/01/02")
    }

    @Test func objectNamesAreNameBasedUUIDsOfTheRecord() throws {
        let store = ObjectStore(dataDirectory: URL(filePath: "/nonexistent"))
        let ingest = try IngestFunction(store: store, rawBucket: "clickstream-raw")
        let record: JSON = [
            "kinesis": ["data": .string(Data(Self.event(1)).base64EncodedString()), "approximateArrivalTimestamp": 0],
            "eventID": "shardId-000000000000:49000000000000000000000000000000000000000000000000000001",
            "eventSourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/s",
        ]
        // Python: uuid.uuid3(uuid.NAMESPACE_URL, "arn:…:stream/s/shardId-000000000000:49…01")
        #expect(
            try ingest.objectLocation(for: record).description
                == "s3://clickstream-raw/2024/01/05/14a3aaa6-c191-3d27-9b5c-65ad944a7ccd.json")
    }

    @Test func theLambdaEventHasKinesisShape() throws {
        let record = StreamRecord(
            sequenceNumber: SequenceNumber.make(shard: 0, position: 1), partitionKey: "u1234",
            data: Array("hi".utf8), approximateArrivalTimestamp: Date(timeIntervalSince1970: 1_545_084_650.987))
        let batch = StreamBatch(
            streamName: "s", streamARN: "arn:aws:kinesis:us-east-1:123456789012:stream/s",
            shardID: "shardId-000000000000", records: [record])
        let event = batch.lambdaEvent(region: "us-east-1", account: "123456789012", functionName: "ingest")
        #expect(
            JSONWriter.compact(event)
                == #"{"Records":[{"kinesis":{"kinesisSchemaVersion":"1.0","partitionKey":"u1234","sequenceNumber":"49000000000000000000000000000000000000000000000000000001","data":"aGk=","approximateArrivalTimestamp":1545084650.987},"eventSource":"aws:kinesis","eventVersion":"1.0","eventID":"shardId-000000000000:49000000000000000000000000000000000000000000000000000001","eventName":"aws:kinesis:record","invokeIdentityArn":"arn:aws:iam::123456789012:role/ingest-role","awsRegion":"us-east-1","eventSourceARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s"}]}"#
        )
    }
}
