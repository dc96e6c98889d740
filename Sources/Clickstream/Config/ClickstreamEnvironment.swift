public import Foundation
import LocalAWS
public import StatesRuntime

/// Where the clickstream services report to the user.
public struct ClickstreamSinks: Sendable {
    /// SNS `stdout` deliveries and SNS delivery failures.
    public var sns: SNSSinks
    /// Problems that do not fail a task (a stream delivery that failed during a virtual-clock
    /// jump and will be retried).
    public var warning: @Sendable (String) -> Void
    /// How far long steps have got: events simulated, records ingested, rows written.
    public var progress: ServiceProgress.Sink

    public init(
        sns: SNSSinks = SNSSinks(), warning: @escaping @Sendable (String) -> Void = { _ in },
        progress: @escaping ServiceProgress.Sink = { _ in }
    ) {
        self.sns = sns
        self.warning = warning
        self.progress = progress
    }
}

/// The local services of a configuration, opened on a data directory, ready to serve a run:
/// streams with their consumers, the object store, the Athena engine, and the handlers to
/// register.
///
///     let environment = try ClickstreamEnvironment(config: config, dataDirectory: dataDirectory,
///                                                  seed: 42, sinks: sinks)
///     try environment.setUp()                                  // athena.setup DDL
///     var registry = HandlerRegistry()
///     environment.register(into: &registry) { env in MyGlueHandler(env) }
///     let clock = VirtualClock(start: start, observers: environment.clockObservers)
///     // --clock real: every 200 ms, `try await environment.pollStreams()`
///     // when the run ends: `try await environment.saveCheckpoints()`
public final class ClickstreamEnvironment: Sendable {
    public let config: ClickstreamConfig
    public let dataDirectory: URL
    /// The seed every handler derives its random values from.
    public let seed: UInt64
    public let store: ObjectStore
    /// The opened streams, by name.
    public let streams: [String: LocalStream]
    /// One consumer per ingest function (its event source mapping).
    public let consumers: [StreamConsumer]
    public let athena: AthenaEngine
    public let sinks: ClickstreamSinks
    /// The variables local programs (`"command"` handlers) start with, before their own
    /// `environment`: the caller's process environment, passed in since only the command line
    /// reads it.
    public let processEnvironment: [String: String]

    /// Opens (creating when missing) every configured stream and the consumers of the ingest
    /// functions.
    /// - Parameter seed: Overrides the configuration's seed (default 0 when neither gives one).
    /// - Throws: ``ClickstreamSetupError``.
    public init(
        config: ClickstreamConfig, dataDirectory: URL, seed: UInt64? = nil,
        sinks: ClickstreamSinks = ClickstreamSinks(),
        processEnvironment: [String: String] = [:]
    )
        throws(ClickstreamSetupError)
    {
        self.config = config
        self.dataDirectory = dataDirectory.standardizedFileURL
        self.seed = seed ?? config.seed ?? 0
        self.sinks = sinks
        self.processEnvironment = processEnvironment
        store = ObjectStore(dataDirectory: dataDirectory)
        athena = AthenaEngine(store: store)
        var streams: [String: LocalStream] = [:]
        for stream in config.streams {
            do {
                streams[stream.name] = try LocalStream.open(
                    name: stream.name, shardCount: stream.shards, dataDirectory: dataDirectory, region: config.region,
                    account: config.account)
            } catch {
                throw ClickstreamSetupError("stream '\(stream.name)': \(error.message)")
            }
        }
        var consumers: [StreamConsumer] = []
        for case .ingest(let function) in config.functions {
            guard let stream = streams[function.stream] else {
                throw ClickstreamSetupError("function '\(function.name)': no stream '\(function.stream)'")
            }
            let ingest: IngestFunction
            do {
                ingest = try IngestFunction(store: store, rawBucket: function.rawBucket)
            } catch {
                throw ClickstreamSetupError("function '\(function.name)': \(error.message)")
            }
            let (region, account) = (config.region, config.account)
            do {
                consumers.append(
                    try StreamConsumer(
                        name: function.name, stream: stream, batchSize: function.batchSize,
                        startingPosition: function.startingPosition, reportError: sinks.warning,
                        reportProgress: sinks.progress, beforeCheckpoint: { [store] in try store.sync() }
                    ) { batch in
                        try ingest.ingest(
                            batch.lambdaEvent(region: region, account: account, functionName: function.name),
                            durable: false)
                    })
            } catch {
                throw ClickstreamSetupError("function '\(function.name)': \(error.message)")
            }
        }
        self.streams = streams
        self.consumers = consumers
    }

    /// Runs the configured Athena setup DDL (`athena.setup`), in order.
    public func setUp() throws(ClickstreamSetupError) {
        for script in config.athena.setup {
            do {
                try athena.runScript(script.sql)
            } catch {
                throw ClickstreamSetupError("athena setup \(script.source): \(error.reason)")
            }
        }
    }

    /// What a virtual clock must tell before it jumps: the stream consumers.
    public var clockObservers: [any ClockObserver] { consumers }

    /// One polling step of every consumer (one batch per shard), for a real-clock loop.
    /// - Returns: How many records were delivered.
    @discardableResult
    public func pollStreams() async throws -> Int {
        var delivered = 0
        for consumer in consumers { delivered += try await consumer.poll() }
        return delivered
    }

    /// Writes the consumers' checkpoint files for what they delivered during clock jumps (they
    /// write them only every so many records): call when a run ends.
    public func saveCheckpoints() async throws {
        for consumer in consumers { try await consumer.saveCheckpoint() }
    }

    /// Delivers everything put so far, e.g. before a real-clock run ends.
    @discardableResult
    public func drainStreams() async throws -> Int {
        var delivered = 0
        for consumer in consumers { delivered += try await consumer.drain() }
        return delivered
    }

    /// Registers the configured Lambda functions (by name), `athena:startQueryExecution` and
    /// `sns:publish`; and `glue:startJobRun` when `glue` gives its handler (the Glue ETL handler
    /// lives outside this module's configuration code).
    public func register(
        into registry: inout HandlerRegistry, glue: ((ClickstreamEnvironment) -> any TaskHandler)? = nil
    ) {
        for function in config.functions {
            switch function {
            case .simulator(let settings):
                guard let stream = streams[settings.stream] else { continue }
                let simulator = ClickstreamSimulator(
                    stream: stream,
                    settings: .init(recordCount: settings.recordCount, eventsPerSecond: settings.eventsPerSecond),
                    seed: seed, functionName: settings.name, progress: sinks.progress)
                registry.register(simulator, lambdaFunction: settings.name)
            case .ingest(let settings):
                guard let ingest = try? IngestFunction(store: store, rawBucket: settings.rawBucket) else { continue }
                registry.register(ingest, lambdaFunction: settings.name)
            case .local(let name, let handler):
                registry.register(handler.makeHandler(baseEnvironment: processEnvironment), lambdaFunction: name)
            }
        }
        if config.athena.outputLocation != nil || !config.athena.setup.isEmpty {
            registry.register(
                AthenaQueryHandler(
                    engine: athena, defaultOutputLocation: config.athena.outputLocation,
                    defaultWorkGroup: config.athena.workGroup, seed: seed),
                service: "athena", action: "startQueryExecution")
        }
        if !config.topics.isEmpty {
            registry.register(
                SNSPublishHandler(topics: config.topics, dataDirectory: dataDirectory, sinks: sinks.sns, seed: seed),
                service: "sns", action: "publish")
        }
        for entry in config.resources {
            registry.register(entry.handler.makeHandler(baseEnvironment: processEnvironment), resource: entry.resource)
        }
        for entry in config.services {
            registry.register(
                entry.handler.makeHandler(baseEnvironment: processEnvironment), service: entry.service,
                action: entry.action)
        }
        if let glue { registry.register(glue(self), service: "glue", action: "startJobRun") }
    }
}

/// The environment cannot be opened or set up.
public struct ClickstreamSetupError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
