import Foundation
public import JSONCore
import LocalAWS
import StatesLanguage
public import StatesRuntime

/// The `clickstream-simulator` Lambda function: puts `RECORD_COUNT` simulated clickstream events
/// (``EventGenerator``) into the stream, one every `1 / EVENTS_PER_SECOND` seconds of the
/// execution clock (one a second by default: instant on a virtual clock, real seconds on the
/// system clock), each with its `user_id` as the partition key.
///
/// The invocation payload may override the configured settings:
/// `{"RECORD_COUNT": 5, "EVENTS_PER_SECOND": 10}` (numbers or numeric strings).
///
/// Returns what the original function returns, an API-Gateway-style response whose `body` is a
/// JSON string:
///
///     {"statusCode": 200, "body": "{\"message\":\"Sent 20 clickstream events to clickstream-data\",
///                                   \"recordCount\":20,\"streamName\":\"clickstream-data\"}"}
///
/// `RECORD_COUNT` has no fixed ceiling: a count the machine cannot hold (disk, files, memory;
/// ``MachineCapacity``) is refused before any event is put, with a message giving the figures and
/// the largest count that fits. Progress goes to `progress` after each event. The records are put
/// without an `fsync` each and the stream is synced once before success is returned.
///
/// Failures are reported as a Python Lambda reports an unhandled exception: the error name is the
/// exception type (`ValueError` for a bad setting, the Kinesis error name for a failed put) and the
/// cause is `{"errorMessage", "errorType", "requestId", "stackTrace"}` (AWS Step Functions developer
/// guide, "Handling errors": Lambda function errors keep the function's error type as the name).
public struct ClickstreamSimulator: TaskHandler {
    /// Defaults for the settings a payload can override.
    public struct Settings: Sendable, Hashable {
        /// `RECORD_COUNT`: events per invocation (0 or more; refused only beyond what the machine
        /// can hold, see ``SimulatorInput``).
        public var recordCount: Int
        /// `EVENTS_PER_SECOND`: pacing on the execution clock (more than 0, at most 1000).
        public var eventsPerSecond: Double

        public init(recordCount: Int = 20, eventsPerSecond: Double = 1) {
            self.recordCount = recordCount
            self.eventsPerSecond = eventsPerSecond
        }
    }

    public let stream: LocalStream
    public let settings: Settings
    /// The run's seed; each invocation derives its own stream of values from it and the request.
    public let seed: UInt64

    /// The function's name, as progress reports name it.
    public let functionName: String
    /// Receives the count of events put, after each one.
    public let progress: ServiceProgress.Sink
    /// Measures what the machine can still hold, for a count to be checked against.
    public let capacity: @Sendable () -> MachineCapacity

    /// - Parameters:
    ///   - capacity: Defaults to measuring the stream's file system and the memory.
    public init(
        stream: LocalStream, settings: Settings = Settings(), seed: UInt64,
        functionName: String = "clickstream-simulator", progress: @escaping ServiceProgress.Sink = { _ in },
        capacity: (@Sendable () -> MachineCapacity)? = nil
    ) {
        self.stream = stream
        self.settings = settings
        self.seed = seed
        self.functionName = functionName
        self.progress = progress
        let path = stream.directory.path(percentEncoded: false)
        self.capacity = capacity ?? { MachineCapacity.measure(at: path) }
    }

    /// The data directory, as a refused count names it (the stream lives in its `kinesis/`).
    private var dataDirectoryPath: String {
        let path = stream.directory.deletingLastPathComponent().deletingLastPathComponent().path(percentEncoded: false)
        return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    public func handle(_ request: TaskRequest) async throws -> JSON {
        var random = RequestRandom.source(seed: seed, salt: "clickstream-simulator", request: request)
        let requestID = UUIDText.random(using: &random)
        let input: SimulatorInput
        do {
            input = try SimulatorInput.read(
                request.parameters, defaults: settings, dataDirectory: dataDirectoryPath, capacity: capacity)
        } catch {
            throw Self.lambdaError("ValueError", error.message, requestID: requestID)
        }
        let count = input.recordCount
        var generator = EventGenerator(random: random)
        progress(ServiceProgress(source: functionName, kind: .eventsSimulated(sent: 0, total: count)))
        do {
            for index in 0..<count {
                if index > 0 { try await request.clock.sleep(seconds: 1 / input.eventsPerSecond) }
                let event = generator.next(at: request.clock.now())
                let partitionKey = event["user_id"]?.stringValue ?? "unknown"
                do {
                    // Made durable once, below, rather than with an fsync per event (SPEC-NOTES.md §12.4).
                    _ = try stream.putRecord(
                        data: JSONWriter.compactBytes(event), partitionKey: partitionKey, arrival: request.clock.now(),
                        durable: false)
                } catch {
                    throw Self.lambdaError(error.awsErrorName, error.message, requestID: requestID)
                }
                progress(ServiceProgress(source: functionName, kind: .eventsSimulated(sent: index + 1, total: count)))
            }
        } catch {
            try? stream.sync()
            throw error
        }
        do {
            try stream.sync()
        } catch {
            throw Self.lambdaError(error.awsErrorName, error.message, requestID: requestID)
        }
        let body: JSON = [
            "message": .string("Sent \(count) clickstream events to \(stream.name)"),
            "recordCount": .number(JSONNumber(count)),
            "streamName": .string(stream.name),
        ]
        return ["statusCode": 200, "body": .string(JSONWriter.compact(body))]
    }

    /// A Python Lambda's unhandled exception as Step Functions reports it.
    static func lambdaError(_ type: String, _ message: String, requestID: String) -> StatesError {
        let cause: JSON = [
            "errorMessage": .string(message), "errorType": .string(type), "requestId": .string(requestID),
            "stackTrace": [],
        ]
        return StatesError(StatesErrorName(type), JSONWriter.compact(cause))
    }
}
