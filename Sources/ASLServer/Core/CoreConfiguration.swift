package import Foundation
package import StatesRuntime

/// What ``ExecutionService`` is opened with: where its files live, who it claims to be, how
/// executions tell time, and what serves their Task states.
package struct CoreConfiguration: Sendable {
    /// The data directory; the service keeps its files under `<data-dir>/sfn/`.
    package var dataDirectory: URL
    package var region: String
    package var account: String
    package var clockMode: ServerClockMode
    /// The handlers Task states reach (already decorated by `tasks`' coordinator).
    package var handlers: HandlerRegistry
    /// A parsed SFN Local mock file: `StartExecution` on `<machine-arn>#<TestCase>` runs with
    /// that test case's mocked responses.
    package var mockConfiguration: MockConfigFile?
    /// The seed every execution's seed is derived from (with the execution's name).
    package var seed: UInt64
    /// Where "now" comes from for creation dates, start instants and restart recovery (tests
    /// inject a fixed instant).
    package var wallClock: @Sendable () -> Date
    /// AWS's quotas the executions run under.
    package var quotas: Quotas
    /// `false` skips the `fsync`s after records are written (tests; a crash of the process
    /// still loses nothing, only a crash of the machine may).
    package var syncWrites: Bool
    /// Whether execution records and history journals are `fsync`ed too (when ``syncWrites`` is
    /// on): an acknowledged execution then survives a crash of the machine, at about five
    /// `fsync`s per execution. `false` (the default): they survive a killed or crashed server
    /// process, not an operating-system crash (SPEC-NOTES.md §18.5). Machines, activities and
    /// tags are synced either way.
    package var syncExecutions: Bool = false
    /// Where activities keep their tags (`tasks`' coordinator, which creates them with their
    /// tags); `nil`: activity tags live in this service's own tag store.
    package var activityTags: (any ActivityTagStore)? = nil

    package init(
        dataDirectory: URL,
        region: String = "us-east-1",
        account: String = "123456789012",
        clockMode: ServerClockMode = .real,
        handlers: HandlerRegistry = HandlerRegistry(),
        mockConfiguration: MockConfigFile? = nil,
        seed: UInt64 = 0,
        wallClock: @escaping @Sendable () -> Date = { Date() },
        quotas: Quotas = Quotas(),
        syncWrites: Bool = true
    ) {
        self.dataDirectory = dataDirectory
        self.region = region
        self.account = account
        self.clockMode = clockMode
        self.handlers = handlers
        self.mockConfiguration = mockConfiguration
        self.seed = seed
        self.wallClock = wallClock
        self.quotas = quotas
        self.syncWrites = syncWrites
    }
}

/// The tags of activities, kept with the activities themselves (`CreateActivity` takes tags).
package protocol ActivityTagStore: Sendable {
    /// The activity's tags, `nil` when no such activity exists.
    func tags(of activityArn: String) -> [(key: String, value: String)]?
    /// Replaces the activity's tags; `false` when no such activity exists.
    func setTags(_ tags: [(key: String, value: String)], of activityArn: String) throws(ServiceError) -> Bool
}
