internal import Foundation
internal import JSONCore
internal import StatesLanguage
internal import StatesRuntime

/// StartExecution, StartSyncExecution, DescribeExecution, StopExecution, and the life of a
/// running execution.
extension ExecutionService {
    /// What StartExecution and StartSyncExecution read before anything runs.
    struct StartRequest {
        var entry: MachineEntry
        var machine: ResolvedStateMachine
        var name: String?
        var inputText: String
        var input: JSON
        var mocks: StateMocks?
    }

    /// Reads and checks a start request: the machine (with an optional `#TestCase` of the SFN
    /// Local mock file), the name and the input, in AWS's order of checks.
    func startRequest(_ fields: RequestFields) throws(ServiceError) -> StartRequest {
        let target = try fields.requiredString("stateMachineArn")
        let name = try fields.string("name")
        let inputText = try fields.string("input") ?? "{}"
        var machineArn = target
        var testCase: String?
        if let hash = target.firstIndex(of: "#") {
            machineArn = String(target[..<hash])
            testCase = String(target[target.index(after: hash)...])
        }
        let entry = try machine(machineArn)
        if let name, !CoreNames.isValid(name) { throw .invalidName(name) }
        let mocks = try testCase.map { testCase throws(ServiceError) in
            try self.mocks(machine: entry.record.name, testCase: testCase)
        }
        if let rejection = StartExecutionRejection.inputSize(
            inputText.utf8.count, limit: configuration.quotas.maximumPayloadBytes)
        {
            throw ServiceError(rejection.code, rejection.message)
        }
        let input: JSON
        do {
            input = try JSONReader.read(inputText, options: .init(duplicateKeys: .keepLast, recordsSourceMap: false))
                .value
        } catch {
            throw .invalidExecutionInput(ExecutionInputError.detail(error, in: Array(inputText.utf8)))
        }
        guard entry.record.status == "ACTIVE" else { throw .stateMachineDeleting(machineArn) }
        guard let resolved = entry.resolved else {
            throw .invalidDefinition(
                "SCHEMA_VALIDATION_FAILED: the stored definition no longer validates; update the state machine at /")
        }
        return StartRequest(
            entry: entry, machine: resolved, name: name, inputText: inputText, input: input, mocks: mocks)
    }

    /// The mocked responses of `testCase` for the machine `machine` in the configured SFN Local
    /// mock file.
    private func mocks(machine: String, testCase: String) throws(ServiceError) -> StateMocks {
        guard let file = configuration.mockConfiguration else {
            throw ServiceError(
                "InvalidName",
                "Invalid mock test case '\(testCase)': the server was started without a mock configuration file")
        }
        guard let found = file.testCases(forStateMachine: machine)?.first(where: { $0.name == testCase }) else {
            throw ServiceError(
                "InvalidName",
                "Invalid mock test case '\(testCase)': the mock configuration file has no test case of that name "
                    + "for the state machine '\(machine)'")
        }
        var mocks = found.mocks
        // An unmocked state's failure then tells the SFN Local user to edit the mock file.
        mocks.origin = .mockConfiguration(stateMachine: machine, testCase: testCase)
        return mocks
    }

    /// A generated execution name: a UUID drawn from the seed, the execution counter and the
    /// wall clock (so names differ across restarts of a server with the same seed).
    private func generatedName(_ registry: inout Registry, now: Date) -> String {
        registry.generatedNames += 1
        var random = RandomSource(
            seed: CoreNames.seed(
                configuration.seed,
                name: "\(registry.generatedNames)|\(registry.nextExecutionID)|\(CoreTime.milliseconds(now))"))
        return CoreNames.uuid(using: &random)
    }

    private var arnPrefix: String { "arn:aws:states:\(configuration.region):\(configuration.account)" }

    func startExecution(_ fields: RequestFields) throws(ServiceError) -> JSON {
        let request = try startRequest(fields)
        let machine = request.entry.record
        let now = configuration.wallClock()
        if machine.type == "EXPRESS" {
            let (arn, name) = registry.withLock { registry in
                let name = request.name ?? generatedName(&registry, now: now)
                var random = RandomSource(seed: CoreNames.seed(configuration.seed, name: "express|\(name)"))
                return ("\(arnPrefix):express:\(machine.name):\(name):\(CoreNames.uuid(using: &random))", name)
            }
            // Express executions are not recorded: AWS keeps no history of them for the API.
            let record = ExecutionRecord(
                id: 0, arn: arn, name: name, stateMachineArn: machine.arn, status: "RUNNING", startDate: now,
                input: request.inputText, machine: machine)
            let live = LiveExecution(arn: arn, control: ExecutionControl(), record: record, isExpress: true)
            registry.withLock { $0.live[arn] = live }
            launch(live, request: request)
            return Self.startResponse(arn: arn, startDate: now)
        }
        // Reserve the name under the lock; write the record outside it.
        let reservation = registry.withLock { registry -> Result<(LiveExecution, isNew: Bool), ServiceError> in
            guard registry.machines[machine.arn]?.record.status == "ACTIVE" else {
                return .failure(.stateMachineDeleting(machine.arn))
            }
            let name = request.name ?? generatedName(&registry, now: now)
            let arn = "\(arnPrefix):execution:\(machine.name):\(name)"
            if registry.executions[arn] != nil {
                // Idempotent only while it runs, and only with the same input (API reference,
                // StartExecution).
                if let live = registry.live[arn], live.record.input == request.inputText {
                    return .success((live, false))
                }
                return .failure(.executionAlreadyExists(arn))
            }
            let record = ExecutionRecord(
                id: registry.nextExecutionID, arn: arn, name: name, stateMachineArn: machine.arn, status: "RUNNING",
                startDate: now, input: request.inputText, machine: machine)
            registry.nextExecutionID += 1
            let live = LiveExecution(arn: arn, control: ExecutionControl(), record: record, isExpress: false)
            registry.live[arn] = live
            registry.executions[arn] = record.summary
            registry.executionsByMachine[machine.arn, default: []].append(arn)
            return .success((live, true))
        }
        let (live, isNew) = try reservation.get()
        if isNew {
            do {
                try store.write(live.record)
            } catch {
                registry.withLock { registry in
                    registry.live[live.arn] = nil
                    registry.executions[live.arn] = nil
                    registry.executionsByMachine[machine.arn]?.removeAll { $0 == live.arn }
                }
                throw error
            }
            launch(live, request: request)
        }
        return Self.startResponse(arn: live.arn, startDate: live.record.startDate)
    }

    private static func startResponse(arn: String, startDate: Date) -> JSON {
        var response = JSONObject()
        response["executionArn"] = .string(arn)
        response["startDate"] = CoreTime.wire(startDate)
        return .object(response)
    }

    /// The executor of one execution, on the configured clock, with a seed derived from its name.
    private func executor(
        _ request: StartRequest, name: String, startDate: Date, sink: (@Sendable (HistoryEvent) -> Void)?
    ) -> Executor {
        // At the millisecond the record and the wire give, so `$$.Execution.StartTime` and the first
        // event read exactly the answered startDate.
        let start = CoreTime.date(milliseconds: CoreTime.milliseconds(startDate))
        let clock: any ExecutionClock =
            configuration.clockMode == .virtual ? VirtualClock(start: start) : AnchoredClock(start: start)
        var options = ExecutionOptions(
            clock: clock, seed: CoreNames.seed(configuration.seed, name: name), executionName: name,
            stateMachineName: request.entry.record.name, region: configuration.region,
            account: configuration.account, roleArn: request.entry.record.roleArn, recordsHistory: false,
            quotas: configuration.quotas)
        options.historySink = sink
        options.mocks = request.mocks
        // AWS ends an Express execution TIMED_OUT after five minutes, whatever its TimeoutSeconds.
        if request.entry.record.type == "EXPRESS" { options.maximumDurationSeconds = 300 }
        return Executor(machine: request.machine, handlers: configuration.handlers, options: options)
    }

    /// Runs `live` in its own task. Rationale: StartExecution answers before the execution
    /// ends, so the run cannot be a child of the request; the task is reachable through the live
    /// table (StopExecution, ``shutdown()``) and removes itself from it when it ends.
    private func launch(_ live: LiveExecution, request: StartRequest) {
        let journal = live.isExpress ? nil : EventJournal(store: store, id: live.record.id)
        var sink: (@Sendable (HistoryEvent) -> Void)?
        if let journal { sink = { event in journal.append(event) } }
        let executor = executor(request, name: live.record.name, startDate: live.record.startDate, sink: sink)
        let input = request.input
        Task { [self] in
            let result = await executor.run(input: input, control: live.control)
            finish(live, result: result, journal: journal)
        }
    }

    /// Writes the final record, updates the tables and wakes whoever waits for the execution.
    private func finish(_ live: LiveExecution, result: ExecutionResult, journal: EventJournal?) {
        var record = live.record
        record.status = result.status.rawValue
        // The terminal event's instant, so DescribeExecution's stopDate and the history agree
        // (the executor reads its clock once more after that event).
        record.stopDate = journal?.lastTimestamp ?? result.stopDate
        record.output = result.output.map { JSONWriter.compact($0) }
        record.error = result.error
        record.cause = result.cause
        var saved = true
        if let journal {
            record.journalError = journal.failure
            do {
                try store.syncJournal(record.id)
            } catch {
                record.journalError = record.journalError ?? "\(error)"
            }
            do {
                try store.write(record)
            } catch {
                saved = false
            }
        }
        let waiters = registry.withLock { registry -> [CheckedContinuation<Void, Never>] in
            registry.live[live.arn] = nil
            if !live.isExpress {
                registry.executions[live.arn] = record.summary
                if !saved { registry.unsaved[live.arn] = record }
            }
            removeIfDeleted(record.stateMachineArn, in: &registry)
            return registry.waiters.removeValue(forKey: live.arn) ?? []
        }
        for waiter in waiters { waiter.resume() }
    }

    /// EXPRESS only: runs to the end and answers with the outcome (API reference,
    /// StartSyncExecution).
    func startSyncExecution(_ fields: RequestFields) async throws(ServiceError) -> JSON {
        let request = try startRequest(fields)
        let machine = request.entry.record
        guard machine.type == "EXPRESS" else { throw .typeNotSupported }
        let now = configuration.wallClock()
        let name = request.name ?? registry.withLock { generatedName(&$0, now: now) }
        var random = RandomSource(seed: CoreNames.seed(configuration.seed, name: "express|\(name)"))
        let arn = "\(arnPrefix):express:\(machine.name):\(name):\(CoreNames.uuid(using: &random))"
        // In the live table while it runs, so a server shutting down stops it (``drain()``) and
        // answers the caller within the grace rather than cutting the connection.
        let record = ExecutionRecord(
            id: 0, arn: arn, name: name, stateMachineArn: machine.arn, status: "RUNNING", startDate: now,
            input: request.inputText, machine: machine)
        let live = LiveExecution(arn: arn, control: ExecutionControl(), record: record, isExpress: true)
        registry.withLock { $0.live[arn] = live }
        let result = await executor(request, name: name, startDate: now, sink: nil).run(
            input: request.input, control: live.control)
        let waiters = registry.withLock { registry -> [CheckedContinuation<Void, Never>] in
            registry.live[arn] = nil
            removeIfDeleted(machine.arn, in: &registry)
            return registry.waiters.removeValue(forKey: arn) ?? []
        }
        for waiter in waiters { waiter.resume() }
        var response = JSONObject()
        response["executionArn"] = .string(arn)
        response["stateMachineArn"] = .string(machine.arn)
        response["name"] = .string(name)
        response["startDate"] = CoreTime.wire(result.startDate)
        response["stopDate"] = CoreTime.wire(result.stopDate)
        response["status"] = .string(result.status.rawValue)
        if let error = result.error { response["error"] = .string(error) }
        if let cause = result.cause { response["cause"] = .string(cause) }
        response["input"] = .string(request.inputText)
        response["inputDetails"] = ["included": true]
        if let output = result.output {
            response["output"] = .string(JSONWriter.compact(output))
            response["outputDetails"] = ["included": true]
        }
        let milliseconds = max(0, CoreTime.milliseconds(result.stopDate) - CoreTime.milliseconds(result.startDate))
        // Billed in 100 ms steps, at least 100 ms, and 64 MB for a Pass (LocalStack's snapshot of AWS).
        let billed = max(100, (milliseconds + 99) / 100 * 100)
        response["billingDetails"] = [
            "billedMemoryUsedInMB": 64, "billedDurationInMilliseconds": .number(JSONNumber(billed)),
        ]
        return .object(response)
    }

    /// The record of the Standard execution `arn`: the start record while it runs, the final
    /// one (from disk) once it ended.
    func executionRecord(_ arn: String) throws(ServiceError) -> ExecutionRecord {
        let parsed = try StatesARN.parse(arn)
        guard parsed.resourceType == "execution" else {
            throw .invalidArn("Resource type not valid in this context: \(parsed.resourceType.lowercased())")
        }
        let (live, unsaved, summary) = registry.withLock { registry in
            (registry.live[arn], registry.unsaved[arn], registry.executions[arn])
        }
        if let live { return live.record }
        if let unsaved { return unsaved }
        guard let summary else { throw .executionDoesNotExist(arn) }
        do {
            return try store.readRecord(summary.id)
        } catch {
            throw .internalFailure(error.description)
        }
    }

    func describeExecution(_ fields: RequestFields) throws(ServiceError) -> JSON {
        let arn = try fields.requiredString("executionArn")
        let record = try executionRecord(arn)
        var response = JSONObject()
        response["executionArn"] = .string(record.arn)
        response["stateMachineArn"] = .string(record.stateMachineArn)
        response["name"] = .string(record.name)
        response["status"] = .string(record.status)
        response["startDate"] = CoreTime.wire(record.startDate)
        if let stopDate = record.stopDate { response["stopDate"] = CoreTime.wire(stopDate) }
        response["input"] = .string(record.input)
        response["inputDetails"] = ["included": true]
        if let output = record.output {
            response["output"] = .string(output)
            response["outputDetails"] = ["included": true]
        }
        if let error = record.error { response["error"] = .string(error) }
        if let cause = record.cause { response["cause"] = .string(cause) }
        response["redriveCount"] = 0
        switch record.status {
        case "SUCCEEDED", "RUNNING":
            response["redriveStatus"] = "NOT_REDRIVABLE"
            response["redriveStatusReason"] = .string("Execution is \(record.status) and cannot be redriven")
        default:
            response["redriveStatus"] = "REDRIVABLE"
        }
        return .object(response)
    }

    /// Stops a running execution (ABORTED, `ExecutionAborted` with the given error and cause)
    /// and answers once it has ended; a finished one is left as it is and its `stopDate` given.
    func stopExecution(_ fields: RequestFields) async throws(ServiceError) -> JSON {
        let arn = try fields.requiredString("executionArn")
        let error = try fields.string("error")
        let cause = try fields.string("cause")
        // API reference, StopExecution: error 0–256, cause 0–32768 characters.
        if let error, error.utf16.count > 256 {
            throw .validation(
                value: error, field: "error", constraint: "Member must have length less than or equal to 256")
        }
        if let cause, cause.utf16.count > 32768 {
            throw .validation(
                value: cause, field: "cause", constraint: "Member must have length less than or equal to 32768")
        }
        let parsed = try StatesARN.parse(arn)
        guard parsed.resourceType == "execution" else {
            throw .invalidArn("Resource type not valid in this context: \(parsed.resourceType.lowercased())")
        }
        if let live = registry.withLock({ $0.live[arn] }) {
            live.control.abort(error: error, cause: cause)
            await waitUntilFinished(arn)
        }
        let record = try executionRecord(arn)
        var response = JSONObject()
        response["stopDate"] = CoreTime.wire(record.stopDate ?? configuration.wallClock())
        return .object(response)
    }
}
