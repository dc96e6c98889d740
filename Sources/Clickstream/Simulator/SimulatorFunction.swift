public import JSONCore
public import LocalAWS
public import StatesRuntime

/// `"handler": "simulator"`: puts simulated clickstream events into a stream.
public struct SimulatorFunctionConfig: Sendable, Hashable {
    public var name: String
    /// The stream it puts into (one of ``RunConfiguration/streams``).
    public var stream: String
    /// `RECORD_COUNT`; default 20.
    public var recordCount: Int = 20
    /// The largest `recordCount` accepted: 2^53, the largest whole number a JSON number carries
    /// exactly everywhere. Whether the machine can hold that many is checked when the simulator
    /// runs (SPEC-NOTES.md §12.4).
    public static let largestCount = 1 << 53
    /// Pacing on the execution clock; default 1.
    public var eventsPerSecond: Double = 1

    public init(name: String, stream: String, recordCount: Int = 20, eventsPerSecond: Double = 1) {
        self.name = name
        self.stream = stream
        self.recordCount = recordCount
        self.eventsPerSecond = eventsPerSecond
    }

    /// The settings as ``RegisteredFunctionConfig/settings`` keeps them.
    var json: JSON {
        [
            "stream": .string(stream), "recordCount": .number(JSONNumber(recordCount)),
            "eventsPerSecond": .number(JSONNumber(eventsPerSecond)),
        ]
    }

    /// Reads what ``json`` wrote; `nil` for anything else.
    init?(_ function: RegisteredFunctionConfig) {
        guard let stream = function.settings["stream"]?.stringValue,
            let count = function.settings["recordCount"]?.numberValue?.integralValue.flatMap({ Int(exactly: $0) }),
            let rate = function.settings["eventsPerSecond"]?.numberValue?.doubleValue
        else { return nil }
        self.init(name: function.name, stream: stream, recordCount: count, eventsPerSecond: rate)
    }

    /// The registered function this describes.
    public var registered: RegisteredFunctionConfig {
        RegisteredFunctionConfig(name: name, kind: SimulatorFunctionKind.kindName, settings: json)
    }
}

/// The `simulator` function kind: `stream` (declared under `streams`), `recordCount` (0 ...
/// 2^53, default 20; the simulator refuses, when it runs, a count the machine cannot hold), `eventsPerSecond` (0.001 ... 1000, default 1); served by
/// ``ClickstreamSimulator``.
public struct SimulatorFunctionKind: LambdaFunctionKind {
    public static let kindName = "simulator"

    public init() {}

    public var name: String { Self.kindName }
    public var fields: [String] { ["stream", "recordCount", "eventsPerSecond"] }

    public func parse(_ fields: ConfigFields) throws(RunConfigurationError) -> JSON {
        var config = SimulatorFunctionConfig(name: "", stream: try fields.stream("stream"))
        // No fixed ceiling: the simulator refuses, when it runs, a count the machine cannot hold.
        config.recordCount = try fields.integer("recordCount", in: 0...SimulatorFunctionConfig.largestCount) ?? 20
        config.eventsPerSecond = try fields.number("eventsPerSecond", in: 0.001...1000) ?? 1
        return config.json
    }

    public func makeHandler(for function: RegisteredFunctionConfig, services: LocalServices)
        throws(LocalServicesError) -> any TaskHandler
    {
        guard let config = SimulatorFunctionConfig(function) else {
            throw LocalServicesError("function '\(function.name)': its settings are not a simulator's")
        }
        guard let stream = services.streams[config.stream] else {
            throw LocalServicesError("function '\(function.name)': no stream '\(config.stream)'")
        }
        return ClickstreamSimulator(
            stream: stream,
            settings: .init(recordCount: config.recordCount, eventsPerSecond: config.eventsPerSecond),
            seed: services.seed, functionName: function.name, progress: services.sinks.progress)
    }
}
