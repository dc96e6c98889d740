public import Foundation
public import JSONCore
public import StatesLanguage

/// What an execution needs besides the definition and its input.
public struct ExecutionOptions: Sendable {
    /// Where time comes from. `nil` means a ``VirtualClock`` starting at the wall-clock time the
    /// execution starts (waits and retries end at once; timestamps read as if they had not).
    public var clock: (any ExecutionClock)?
    /// Seed of every random choice (retry jitter, `States.MathRandom`, `States.UUID`, task tokens).
    public var seed: UInt64
    /// The execution's name (`$$.Execution.Name`); `nil` derives a UUID from the seed.
    public var executionName: String?
    /// The state machine's name (`$$.StateMachine.Name`).
    public var stateMachineName: String
    public var region: String
    public var account: String
    /// `$$.Execution.RoleArn`; `nil` uses `arn:aws:iam::<account>:role/StepFunctions-<machine>-role`.
    public var roleArn: String?
    /// Whether history events are kept (ids are assigned either way, since cause texts quote them).
    public var recordsHistory: Bool
    /// AWS's quotas; the defaults are AWS's so a run that passes here does not fail on AWS.
    public var quotas: Quotas
    /// Called as states are entered and left (`asl run` prints progress with it).
    public var progress: (@Sendable (ExecutionProgress) -> Void)?
    /// Receives each history event as it is recorded, in id order, whether or not
    /// ``recordsHistory`` keeps them (`asl run --history FILE` streams them to the file).
    public var historySink: (@Sendable (HistoryEvent) -> Void)? = nil
    /// The memory guard on events kept when ``recordsHistory`` is on: reaching it fails the
    /// execution with `States.Runtime` even when ``quotas`` are lifted; `nil` removes it.
    public var maximumRetainedHistoryEvents: Int? = HistoryRecorder.defaultMaximumRetainedEvents
    /// Called for every state entered, at any depth, for every transition a state takes (`Next`,
    /// `End`, a Choice rule or `Default`, a catcher) and for every retry (coverage is built on it:
    /// ``CoverageRecorder``). Called from the tasks that run Parallel branches and Map iterations,
    /// so it must be thread-safe; `nil` (the default) costs nothing.
    public var observer: (@Sendable (ExecutionObservation) -> Void)? = nil
    /// Task states answered by mocked responses instead of handlers, by state name, whatever
    /// their `Resource` (`asl test`; SFN Local's mock files). `nil`: no state is mocked.
    public var mocks: StateMocks? = nil
    /// Opens where a Distributed Map's child execution streams its own history (children's
    /// events are not in the parent's history); called once per child as it starts, from the
    /// map run's workers. `nil` (the default): children's events are not kept (SPEC-NOTES.md §17.4).
    public var childHistory: (@Sendable (ChildExecutionStart) -> ChildHistorySink?)? = nil
    /// Called as a Distributed Map's map run goes: when it starts, as each child execution ends
    /// (from the map run's workers, so it must be thread-safe and quick), and when it ends
    /// (`asl run` shows a progress line with it). `nil` (the default) costs nothing.
    public var mapRunProgress: (@Sendable (MapRunProgress) -> Void)? = nil
    /// The longest the execution runs whatever its `TimeoutSeconds`, in seconds: AWS ends an
    /// EXPRESS execution TIMED_OUT after five minutes (300) even when its `TimeoutSeconds` is
    /// longer. `nil` (the default): a Standard execution's one year (SPEC-NOTES.md §18.6).
    public var maximumDurationSeconds: Int64? = nil
    /// The size at which a `ResultWriter` starts a new results file (AWS's 5 GB; lowered by tests).
    var maximumResultFileBytes = ResultFileStream.awsMaximumFileBytes

    public init(
        clock: (any ExecutionClock)? = nil,
        seed: UInt64 = 0,
        executionName: String? = nil,
        stateMachineName: String = "StateMachine",
        region: String = "us-east-1",
        account: String = "123456789012",
        roleArn: String? = nil,
        recordsHistory: Bool = true,
        quotas: Quotas = Quotas(),
        progress: (@Sendable (ExecutionProgress) -> Void)? = nil
    ) {
        self.clock = clock
        self.seed = seed
        self.executionName = executionName
        self.stateMachineName = stateMachineName
        self.region = region
        self.account = account
        self.roleArn = roleArn
        self.recordsHistory = recordsHistory
        self.quotas = quotas
        self.progress = progress
    }
}

/// AWS Step Functions quotas the executor enforces (AWS developer guide, "Step Functions service
/// quotas"). Each can be lifted (`nil`) for local experiments and benchmarks.
public struct Quotas: Sendable, Hashable {
    /// Largest input, output or result of a state, in UTF-8 bytes of its JSON (256 KiB).
    public var maximumPayloadBytes: Int?
    /// Most history events of a Standard execution (25,000).
    public var maximumHistoryEvents: Int?
    /// Most iterations an inline Map runs at once (40).
    public var maximumInlineMapConcurrency: Int?
    /// Largest total of the variables an execution holds, in UTF-8 bytes of their JSON as one
    /// object (10 MiB, "Passing data between states with variables").
    public var maximumVariablesBytes: Int?

    public init(
        maximumPayloadBytes: Int? = 262_144,
        maximumHistoryEvents: Int? = 25_000,
        maximumInlineMapConcurrency: Int? = 40,
        maximumVariablesBytes: Int? = 10_485_760
    ) {
        self.maximumPayloadBytes = maximumPayloadBytes
        self.maximumHistoryEvents = maximumHistoryEvents
        self.maximumInlineMapConcurrency = maximumInlineMapConcurrency
        self.maximumVariablesBytes = maximumVariablesBytes
    }

    /// No limits at all.
    public static let unlimited = Quotas(
        maximumPayloadBytes: nil, maximumHistoryEvents: nil, maximumInlineMapConcurrency: nil,
        maximumVariablesBytes: nil)
}

/// How an execution ended (the `status` of DescribeExecution).
public enum ExecutionStatus: String, Sendable, Hashable {
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case timedOut = "TIMED_OUT"
    case aborted = "ABORTED"
}

/// The outcome of one execution.
public struct ExecutionResult: Sendable {
    public var status: ExecutionStatus
    /// The execution's output (SUCCEEDED only).
    public var output: JSON?
    /// The error name and cause (FAILED, TIMED_OUT, ABORTED when AWS gives one).
    public var error: String?
    public var cause: String?
    /// Every event, in id order (empty when history recording was off).
    public var history: [HistoryEvent]
    public var startDate: Date
    public var stopDate: Date
    /// `arn:aws:states:<region>:<account>:execution:<machine>:<name>`.
    public var executionArn: String
    /// The Distributed Map runs the execution started, in the order they ended, each with its
    /// item counts as `DescribeMapRun` gives them (SPEC-NOTES.md §17.4).
    public var mapRuns: [MapRunSummary] = []

    /// `{"status": …, "output": …, "error": …, "cause": …}` with absent fields left out: what
    /// `asl run --format json` prints.
    public var summaryJSON: JSON {
        var object = JSONObject()
        object["status"] = .string(status.rawValue)
        if let output { object["output"] = output }
        if let error { object["error"] = .string(error) }
        if let cause { object["cause"] = .string(cause) }
        return .object(object)
    }
}

/// A state being entered or left, for progress displays.
public struct ExecutionProgress: Sendable {
    public enum Phase: Sendable, Hashable {
        case entered
        /// Left normally (`seconds` since entered).
        case exited(seconds: Double)
        /// Failed, and no catcher took the error.
        case failed(error: String, cause: String?)
        /// Failed, and a catcher sends the error output on to the state `next`; an `exited`
        /// report for the state follows, as its exited event does.
        case caught(error: String, cause: String?, next: String)
        /// A retry is about to wait `delay` seconds (attempt counts from 1).
        case retrying(attempt: Int, delay: Double, error: String)
    }

    public var stateName: String
    public var kind: StateKind
    public var phase: Phase
    /// How deep in Parallel branches and Map iterations the state is (0 at the top level).
    public var depth: Int
}

/// A Task `Resource` no handler serves, found before the run starts.
public struct UnresolvedResource: Sendable, Hashable, CustomStringConvertible {
    public var stateName: String
    public var resource: String
    /// A sentence telling how to register a handler for it.
    public var hint: String

    public var description: String { "state \"\(stateName)\": no handler for \(resource); \(hint)" }
}

/// Runs a parsed, valid state machine with AWS Step Functions' semantics (JSONPath states).
///
///     var handlers = HandlerRegistry()
///     handlers.register(ClosureTaskHandler { request in ["ok": true] }, lambdaFunction: "check")
///     let executor = try Executor(machine: machine, handlers: handlers)   // throws(UnresolvedReferences)
///     let result = await executor.run(input: ["order": 42])
///     print(result.status, result.output ?? .null)
///
/// The executor runs only a ``StatesLanguage/ResolvedStateMachine``: every `Next`, `Default`,
/// Choice rule `Next`, Catcher `Next` and `StartAt` names a state of its scope. A machine the
/// validator accepts always resolves.
public struct Executor: Sendable {
    public let resolvedMachine: ResolvedStateMachine
    public let handlers: HandlerRegistry
    public let options: ExecutionOptions

    /// The machine as parsed.
    public var machine: StateMachine { resolvedMachine.machine }

    public init(
        machine: ResolvedStateMachine, handlers: HandlerRegistry = HandlerRegistry(),
        options: ExecutionOptions = .init()
    ) {
        self.resolvedMachine = machine
        self.handlers = handlers
        self.options = options
    }

    /// Resolves `machine` and prepares to run it.
    /// - Throws: ``StatesLanguage/UnresolvedReferences`` naming each state whose `Next`, `Default`,
    ///   Choice rule `Next` or Catcher `Next` names no state of its scope, each state with neither
    ///   `Next` nor `End`, and each scope without a `StartAt` state.
    public init(
        machine: StateMachine, handlers: HandlerRegistry = HandlerRegistry(), options: ExecutionOptions = .init()
    ) throws(UnresolvedReferences) {
        self.init(machine: try ResolvedStateMachine(machine), handlers: handlers, options: options)
    }

    /// Task resources no registered handler can serve. `run` fails an execution that would
    /// reach one; report these before running.
    public func unresolvedResources() -> [UnresolvedResource] {
        var result: [UnresolvedResource] = []
        for state in machine.states {
            // A Distributed Map's ItemReader needs the registered reader (SPEC-NOTES.md §17.1).
            if case .map(let map) = state, let reader = map.itemReader, handlers.itemReader == nil,
                options.mocks?[map.common.name] == nil
            {
                result.append(
                    UnresolvedResource(
                        stateName: map.common.name, resource: "the ItemReader \(reader.resource ?? "")",
                        hint: "run with a run configuration (asl.config.json) so the data directory's local S3 "
                            + "serves it, or register an ItemReading as HandlerRegistry.itemReader"))
            }
            guard case .task(let task) = state else { continue }
            // A mocked state never reaches a handler.
            if options.mocks?[task.common.name] != nil { continue }
            guard let resource = task.resource else {
                result.append(
                    UnresolvedResource(
                        stateName: task.common.name, resource: "",
                        hint: "the state has no Resource (see the validator's diagnostics)"))
                continue
            }
            var parameters: JSON?
            if case .jsonPath(.literal(let literal)) = task.io.parameters { parameters = literal }
            if case .jsonPath(.object(let fields)) = task.io.parameters,
                let field = fields.first(where: { $0.key == "FunctionName" }),
                case .template(.literal(let name)) = field.value
            {
                parameters = ["FunctionName": name]
            }
            if handlers.resolve(resource, parameters: parameters) == nil {
                result.append(
                    UnresolvedResource(
                        stateName: task.common.name, resource: resource.text, hint: Self.hint(for: resource)))
            } else if case .optimized("lambda", "invoke", _) = resource.kind,
                let name = parameters?["FunctionName"]?.stringValue, !handlers.hasFunction(name)
            {
                // FunctionName may be a name, a partial ARN or a full ARN: the hint names the function.
                result.append(
                    UnresolvedResource(
                        stateName: task.common.name, resource: "\(resource.text) (FunctionName \(name))",
                        hint: Self.functionHint(HandlerRegistry.functionName(name))))
            }
        }
        return result
    }

    static func hint(for resource: TaskResource) -> String {
        switch resource.kind {
        case .lambdaFunction(let name, _):
            functionHint(name)
        case .activity(let name):
            "register a handler for the activity \"\(name)\" (HandlerRegistry.register(_:resource:))"
        case .optimized(let service, let action, _):
            "register a handler for \(service):\(action) (HandlerRegistry.register(_:service:action:), "
                + "or a \"services\" entry in the run configuration)"
        case .sdk(let service, let action, _):
            "register a handler for aws-sdk:\(service):\(action) (HandlerRegistry.register(_:service:action:) with "
                + "service \"aws-sdk:\(service)\", or a \"services\" entry in the run configuration)"
        case .unrecognized:
            "register a handler for this exact resource (HandlerRegistry.register(_:resource:))"
        }
    }

    static func functionHint(_ name: String) -> String {
        "register a handler for the Lambda function \"\(name)\" (HandlerRegistry.register(_:lambdaFunction:), "
            + "or in the run configuration: \"functions\": {\"\(name)\": {\"command\": [\"python3\", "
            + "\"handler.py\"]}})"
    }

    /// Runs the machine on `input` to the end.
    public func run(input: JSON) async -> ExecutionResult {
        await run(input: input, control: ExecutionControl())
    }

    /// Runs the machine; `control.abort()` from another task stops it with status ABORTED.
    public func run(input: JSON, control: ExecutionControl) async -> ExecutionResult {
        let runner = ExecutionRunner(executor: self, control: control)
        return await runner.run(input: input)
    }
}
