import Foundation
import JSONCore
import StatesLanguage

/// What one child execution of a Distributed Map did, for the map run's counts, its output and
/// the `ResultWriter`'s files.
struct ChildExecutionRecord: Sendable {
    enum Status: String, Sendable {
        case succeeded = "SUCCEEDED"
        case failed = "FAILED"
        case timedOut = "TIMED_OUT"
        case aborted = "ABORTED"
    }

    var name: String
    var executionArn: String
    var stateMachineArn: String
    var input: JSON
    var status: Status
    var output: JSON?
    var error: String?
    var cause: String?
    var startDate: Date
    var stopDate: Date
}

/// The names a map run gives its children (SPEC-NOTES.md §17.4).
struct MapRunIdentity: Sendable {
    /// `arn:aws:states:<region>:<account>:mapRun:<machine>/<label>:<id>`.
    var arn: String
    var id: String
    /// `Label`, or a UUID when the state has none (AWS: "MapRunLabel or UUID").
    var label: String
    /// `arn:aws:states:<region>:<account>:stateMachine:<machine>/<label>`: the children's machine.
    var stateMachineArn: String
    var stateMachineName: String
    var executionType: MapState.ExecutionType
    var region: String
    var account: String
    var machineName: String

    /// A child's ARN: `execution:<machine>/<label>:<name>` (STANDARD) or
    /// `express:<machine>/<label>:<name>:<id>` (EXPRESS), `id` an identifier of its own, as AWS
    /// gives express executions (LocalStack recording `test_sfn_api_express.snapshot.json`: the
    /// two last parts differ; SPEC-NOTES.md §17.6).
    func childArn(name: String, expressID: String) -> String {
        let prefix = "arn:aws:states:\(region):\(account)"
        switch executionType {
        case .standard: return "\(prefix):execution:\(machineName)/\(label):\(name)"
        case .express: return "\(prefix):express:\(machineName)/\(label):\(name):\(expressID)"
        }
    }
}

extension ExecutionRunner {
    /// Runs one child execution of a Distributed Map: the item processor as an execution of its
    /// own, with its own name, context object (`$$.Execution` is the child's), variables (none
    /// from the parent), history (streamed to ``ExecutionOptions/childHistory``, never into the
    /// parent's) and status.
    ///
    /// - Parameters:
    ///   - random: The child's own random stream (forked from the map run's by item index, so a
    ///     child's name does not depend on which worker ran it).
    ///   - path: The worker's timeline; on return its clock is past the child's end.
    func runChildExecution(
        _ map: MapState, input: JSON, random: RandomSource, run: MapRunIdentity, path: inout PathContext
    ) async -> ChildExecutionRecord {
        var random = random
        let name = UUIDText.random(using: &random)
        // From a stream of its own, so the child's own randomness is as it was.
        var idSource = random.fork(-1)
        let arn = run.childArn(name: name, expressID: UUIDText.random(using: &idSource))
        let sink = options.childHistory?(
            ChildExecutionStart(mapRunArn: run.arn, mapRunID: run.id, executionArn: arn, name: name))
        let recorder = HistoryRecorder(
            isEnabled: sink != nil, keepsEvents: false,
            maximumEvents: run.executionType == .express ? nil : options.quotas.maximumHistoryEvents,
            maximumRetainedEvents: nil, sink: sink?.record)
        let child = ExecutionRunner(child: self, recorder: recorder)
        let clock = path.clock.fork()
        let start = clock.now()
        let roleArn = path.context.execution.roleArn
        let context = ContextObject(
            execution: .init(
                id: arn, input: input, name: name, roleArn: roleArn, startTime: Evaluate.formatTimestamp(start),
                stateMachineID: run.stateMachineArn, stateMachineName: run.stateMachineName))
        var childPath = PathContext(
            clock: clock, random: random, previousEventID: 0, variables: [:], context: context,
            depth: path.depth + 1)
        var record = ChildExecutionRecord(
            name: name, executionArn: arn, stateMachineArn: run.stateMachineArn, input: input, status: .succeeded,
            startDate: start, stopDate: start)
        let last: (type: HistoryEventType, details: HistoryEvent.Details)
        do throws(StepFailure) {
            do {
                try child.events.record(
                    .executionStarted, on: &childPath, .executionStarted(.init(input: input, roleArn: roleArn)))
            } catch {
                throw .interrupted(.historyLimit(error))
            }
            childPath.previousEventID = 0
            let output = try await child.runScope(map.itemProcessor, input: input, path: &childPath)
            record.output = output
            last = (.executionSucceeded, .output(.init(output: output)))
        } catch {
            switch error {
            case .failed(let failure):
                record.status = .failed
                record.error = failure.name.rawValue.isEmpty ? nil : failure.name.rawValue
                record.cause = failure.cause
                last = (.executionFailed, .failure(.init(error: record.error, cause: record.cause)))
            case .interrupted(.timedOut):
                record.status = .timedOut
                last = (.executionTimedOut, .failure(.init(error: nil, cause: nil)))
            case .interrupted(.historyLimit(let limit)):
                let failure = Causes.historyLimit(limit)
                record.status = .failed
                record.error = failure.name.rawValue
                record.cause = failure.cause
                last = (.executionFailed, .failure(.init(error: record.error, cause: record.cause)))
            case .interrupted(.cancelled):
                record.status = .aborted
                last = (.executionAborted, .failure(.init(error: nil, cause: nil)))
            }
        }
        let previous =
            last.type == .executionSucceeded || last.type == .executionFailed
            ? childPath.previousEventID : recorder.eventCount
        _ = try? recorder.record(
            last.type, previousEventId: previous, timestamp: childPath.clock.now(), details: last.details)
        sink?.finish()
        record.stopDate = childPath.clock.now()
        path.clock.join([childPath.clock])
        return record
    }
}
