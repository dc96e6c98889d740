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
/// Failures are reported as a Python Lambda reports an unhandled exception: the error name is the
/// exception type (`ValueError` for a bad setting, the Kinesis error name for a failed put) and the
/// cause is `{"errorMessage", "errorType", "requestId", "stackTrace"}` (AWS Step Functions developer
/// guide, "Handling errors": Lambda function errors keep the function's error type as the name).
public struct ClickstreamSimulator: TaskHandler {
    /// Defaults for the settings a payload can override.
    public struct Settings: Sendable, Hashable {
        /// `RECORD_COUNT`: events per invocation (0 ... 100000).
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

    public init(stream: LocalStream, settings: Settings = Settings(), seed: UInt64) {
        self.stream = stream
        self.settings = settings
        self.seed = seed
    }

    public func handle(_ request: TaskRequest) async throws -> JSON {
        var random = RequestRandom.source(seed: seed, salt: "clickstream-simulator", request: request)
        let requestID = UUIDText.random(using: &random)
        let count = try setting(
            "RECORD_COUNT", in: request.parameters, default: Double(settings.recordCount), range: 0...100_000,
            requestID: requestID)
        let rate = try setting(
            "EVENTS_PER_SECOND", in: request.parameters, default: settings.eventsPerSecond, range: 0.001...1000,
            requestID: requestID)
        guard count == count.rounded() else {
            throw Self.lambdaError(
                "ValueError", "RECORD_COUNT must be a whole number, got \(count)", requestID: requestID)
        }
        var generator = EventGenerator(random: random)
        for index in 0..<Int(count) {
            if index > 0 { try await request.clock.sleep(seconds: 1 / rate) }
            let event = generator.next(at: request.clock.now())
            let partitionKey = event["user_id"]?.stringValue ?? "unknown"
            do {
                _ = try stream.putRecord(
                    data: JSONWriter.compactBytes(event), partitionKey: partitionKey, arrival: request.clock.now())
            } catch {
                throw Self.lambdaError(error.awsErrorName, error.message, requestID: requestID)
            }
        }
        let body: JSON = [
            "message": .string("Sent \(Int(count)) clickstream events to \(stream.name)"),
            "recordCount": .number(JSONNumber(Int(count))),
            "streamName": .string(stream.name),
        ]
        return ["statusCode": 200, "body": .string(JSONWriter.compact(body))]
    }

    private func setting(
        _ name: String, in payload: JSON, default value: Double, range: ClosedRange<Double>, requestID: String
    ) throws(StatesError) -> Double {
        let given = payload[name]
        let number: Double?
        switch given {
        case nil, .null?: number = value
        case .number(let n)?: number = n.doubleValue
        case .string(let text)?: number = Double(text.trimmingCharacters(in: .whitespaces))
        default: number = nil
        }
        guard let number, range.contains(number) else {
            let shown = given.map { JSONWriter.compact($0) } ?? "\(value)"
            throw Self.lambdaError(
                "ValueError",
                "\(name) must be a number from \(Self.text(range.lowerBound)) to \(Self.text(range.upperBound)), got \(shown)",
                requestID: requestID)
        }
        return number
    }

    private static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
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
