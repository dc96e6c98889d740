public import Foundation
public import StatesRuntime

/// Where the local services report to the user.
public struct LocalServicesSinks: Sendable {
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
/// register (Lambda functions, `glue:startJobRun` on the registered engines, Athena, SNS, and
/// the `aws-sdk:s3:*` / `aws-sdk:sns:publish` calls).
///
///     let environment = try LocalServices(config: config, dataDirectory: dataDirectory,
///                                         seed: 42, sinks: sinks, plugins: plugins)
///     try environment.setUp()                                  // athena.setup DDL
///     var registry = HandlerRegistry()
///     try environment.register(into: &registry)
///     let clock = VirtualClock(start: start, observers: environment.clockObservers)
///     // --clock real: every 200 ms, `try await environment.pollStreams()`
public final class LocalServices: Sendable {
    public let config: RunConfiguration
    public let dataDirectory: URL
    /// The seed every handler derives its random values from.
    public let seed: UInt64
    public let store: ObjectStore
    /// The opened streams, by name.
    public let streams: [String: LocalStream]
    /// One consumer per ingest function (its event source mapping).
    public let consumers: [StreamConsumer]
    public let athena: AthenaEngine
    public let sinks: LocalServicesSinks
    /// The variables local programs (`"command"` handlers) start with, before their own
    /// `environment`: the caller's process environment, passed in since only the command line
    /// reads it.
    public let processEnvironment: [String: String]
    /// The function kinds and Glue engines the configuration's `"handler"`s and `"engine"`s name.
    public let plugins: LocalPlugins
    /// What dead processes had left in the data directory and opening it removed (relative
    /// paths): temporary files and staging folders (``LocalAWS/DataDirectory/removeDebris()``).
    public let removedDebris: [String]

    /// Opens (creating when missing) every configured stream and the consumers of the ingest
    /// functions.
    /// - Parameter seed: Overrides the configuration's seed (default 0 when neither gives one).
    /// - Throws: ``LocalServicesError``.
    public init(
        config: RunConfiguration, dataDirectory: URL, seed: UInt64? = nil,
        sinks: LocalServicesSinks = LocalServicesSinks(),
        processEnvironment: [String: String] = [:], plugins: LocalPlugins = LocalPlugins()
    )
        throws(LocalServicesError)
    {
        self.config = config
        self.dataDirectory = dataDirectory.standardizedFileURL
        self.seed = seed ?? config.seed ?? 0
        self.sinks = sinks
        self.processEnvironment = processEnvironment
        self.plugins = plugins
        store = ObjectStore(dataDirectory: dataDirectory)
        removedDebris = store.directory.removeDebris()
        athena = AthenaEngine(store: store)
        // The setup DDL is checked before anything is created: a configuration that cannot
        // work leaves no data directory behind.
        if let (index, failure) = athena.check(config.athena.setup.map(\.sql)) {
            throw LocalServicesError("athena setup \(config.athena.setup[index].source): \(failure.reason)")
        }
        var streams: [String: LocalStream] = [:]
        for stream in config.streams {
            do {
                streams[stream.name] = try LocalStream.open(
                    name: stream.name, shardCount: stream.shards, dataDirectory: dataDirectory, region: config.region,
                    account: config.account)
            } catch {
                throw LocalServicesError("stream '\(stream.name)': \(error.message)")
            }
        }
        var consumers: [StreamConsumer] = []
        for case .ingest(let function) in config.functions {
            guard let stream = streams[function.stream] else {
                throw LocalServicesError("function '\(function.name)': no stream '\(function.stream)'")
            }
            let ingest: IngestFunction
            do {
                ingest = try IngestFunction(store: store, rawBucket: function.rawBucket)
            } catch {
                throw LocalServicesError("function '\(function.name)': \(error.message)")
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
                throw LocalServicesError("function '\(function.name)': \(error.message)")
            }
        }
        self.streams = streams
        self.consumers = consumers
    }

    /// Runs the configured Athena setup DDL (`athena.setup`), in order.
    public func setUp() throws(LocalServicesError) {
        for script in config.athena.setup {
            do {
                try athena.runScript(script.sql)
            } catch {
                throw LocalServicesError("athena setup \(script.source): \(error.reason)")
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

    /// Registers the configured Lambda functions (by name), `glue:startJobRun` (when there are
    /// Glue jobs), `athena:startQueryExecution`, `sns:publish`, the `aws-sdk:s3` actions of
    /// ``S3SDKHandler/actions`` on the object store, `aws-sdk:sns:publish` (when there are
    /// topics), and the configured `resources` and `services` handlers.
    /// - Throws: ``LocalServicesError`` when a function's kind is not registered or cannot make
    ///   its handler.
    public func register(into registry: inout HandlerRegistry) throws(LocalServicesError) {
        for function in config.functions {
            switch function {
            case .registered(let settings):
                guard let kind = plugins.functionKind(settings.kind) else {
                    throw LocalServicesError(
                        "function '\(settings.name)': no handler kind '\(settings.kind)' is registered")
                }
                registry.register(try kind.makeHandler(for: settings, services: self), lambdaFunction: settings.name)
            case .ingest(let settings):
                do {
                    registry.register(
                        try IngestFunction(store: store, rawBucket: settings.rawBucket), lambdaFunction: settings.name)
                } catch {
                    throw LocalServicesError("function '\(settings.name)': \(error.message)")
                }
            case .local(let name, let handler):
                registry.register(handler.makeHandler(baseEnvironment: processEnvironment), lambdaFunction: name)
            }
        }
        if !config.glueJobs.isEmpty {
            for job in config.glueJobs {
                guard let engine = plugins.glueEngine(job.engine) else {
                    throw LocalServicesError("Glue job '\(job.name)': no engine '\(job.engine)' is registered")
                }
                if let missing = engine.preflight(job.parameters, environment: processEnvironment) {
                    throw LocalServicesError("Glue job '\(job.name)' (engine '\(job.engine)'): \(missing)")
                }
            }
            registry.register(GlueJobRunner(services: self), service: "glue", action: "startJobRun")
        }
        if config.athena.outputLocation != nil || !config.athena.setup.isEmpty {
            registry.register(
                AthenaQueryHandler(
                    engine: athena, defaultOutputLocation: config.athena.outputLocation,
                    defaultWorkGroup: config.athena.workGroup, seed: seed),
                service: "athena", action: "startQueryExecution")
        }
        let s3 = S3SDKHandler(store: store)
        // Distributed Map ResultWriters write into the same local S3 (SPEC-NOTES.md §17.3).
        registry.resultWriter = S3ResultWriter(store: store)
        for action in S3SDKHandler.actions { registry.register(s3, service: "aws-sdk:s3", action: action) }
        // Distributed Map ItemReaders read the same object store (SPEC-NOTES.md §17.1).
        registry.itemReader = S3ItemReader(store: store, seed: seed)
        if !config.topics.isEmpty {
            let publish = SNSPublishHandler(
                topics: config.topics, dataDirectory: dataDirectory, sinks: sinks.sns, seed: seed)
            registry.register(publish, service: "sns", action: "publish")
            registry.register(SNSSDKPublishHandler(publish: publish), service: "aws-sdk:sns", action: "publish")
        }
        for entry in config.resources {
            registry.register(entry.handler.makeHandler(baseEnvironment: processEnvironment), resource: entry.resource)
        }
        for entry in config.services {
            registry.register(
                entry.handler.makeHandler(baseEnvironment: processEnvironment), service: entry.service,
                action: entry.action)
        }
    }
}

/// The environment cannot be opened or set up.
public struct LocalServicesError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
