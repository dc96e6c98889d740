public import Foundation
package import LocalAWS
package import StatesRuntime

/// Builds the services `asl serve` dispatches to, from what the command read.
///
/// 1. The base ``HandlerRegistry`` comes from the run configuration (`--config FILE`) through
///    LocalAWS's ``LocalServices``, exactly as `asl run` builds it, or is empty.
/// 2. `TaskCoordinator` (tasks) decorates it: activity handlers, `.waitForTaskToken` wrapping.
/// 3. `ExecutionService` (core) runs executions against the decorated registry over the durable
///    store under `<data-dir>/sfn/`.
/// 4. The list is `[ExecutionService, TaskCoordinator]`: each serves its own operations.
package enum ServerServices {
    /// What the command hands over; paths are already resolved.
    package struct Options: Sendable {
        package var dataDirectory: URL
        package var runConfiguration: RunConfiguration?
        package var region: String
        package var account: String
        package var clock: ServerClockMode
        package var mockConfiguration: MockConfigFile?
        package var seed: UInt64
        /// `fsync` every execution's record and history (`asl serve --sync-executions`).
        package var syncExecutions = false
        /// The process environment the local services may read (a Lambda command's variables).
        package var environment: [String: String]
        /// The pipeline-specific plugins (the command passes `.clickstream`; the server never
        /// imports Clickstream).
        package var plugins: LocalPlugins
        package var sinks: LocalServicesSinks

        package init(
            dataDirectory: URL, runConfiguration: RunConfiguration? = nil, region: String = "us-east-1",
            account: String = "123456789012", clock: ServerClockMode = .real, mockConfiguration: MockConfigFile? = nil,
            seed: UInt64 = 0, syncExecutions: Bool = false, environment: [String: String] = [:],
            plugins: LocalPlugins = LocalPlugins(),
            sinks: LocalServicesSinks = LocalServicesSinks()
        ) {
            self.dataDirectory = dataDirectory
            self.runConfiguration = runConfiguration
            self.region = region
            self.account = account
            self.clock = clock
            self.mockConfiguration = mockConfiguration
            self.seed = seed
            self.syncExecutions = syncExecutions
            self.environment = environment
            self.plugins = plugins
            self.sinks = sinks
        }
    }

    /// The base registry: the run configuration's local services registered, or empty.
    /// - Throws: ``LocalServicesError`` when a configured service cannot be set up.
    package static func baseRegistry(_ options: Options) throws(LocalServicesError) -> HandlerRegistry {
        var registry = HandlerRegistry()
        guard let configuration = options.runConfiguration else { return registry }
        let services = try LocalServices(
            config: configuration, dataDirectory: options.dataDirectory, seed: options.seed, sinks: options.sinks,
            processEnvironment: options.environment, plugins: options.plugins)
        try services.setUp()
        try services.register(into: &registry)
        return registry
    }

    /// The services in dispatch order: machines and executions (`ExecutionService`), then
    /// activities, callbacks and TestState (`TaskCoordinator`), which also decorates the
    /// registry executions resolve their handlers from.
    package static func make(_ options: Options) throws -> [any APIService] {
        let base = try baseRegistry(options)
        let tasks = try TaskCoordinator(
            dataDirectory: options.dataDirectory, region: options.region, account: options.account,
            testStateHandlers: base)
        var registry = base
        tasks.decorate(&registry)
        var core = CoreConfiguration(
            dataDirectory: options.dataDirectory, region: options.region, account: options.account,
            clockMode: options.clock, handlers: registry,
            mockConfiguration: options.mockConfiguration, seed: options.seed)
        core.activityTags = tasks
        core.syncExecutions = options.syncExecutions
        return [try ExecutionService.open(core), tasks]
    }
}

extension TaskCoordinator: ActivityTagStore {}

extension ServiceSet {
    /// The services `asl serve` runs with no run configuration, for the load benchmark and
    /// embedding: machines and executions under `dataDirectory/sfn/`.
    public static func standard(dataDirectory: URL, region: String = "us-east-1", account: String = "123456789012")
        throws -> ServiceSet
    {
        ServiceSet(try ServerServices.make(.init(dataDirectory: dataDirectory, region: region, account: account)))
    }
}
