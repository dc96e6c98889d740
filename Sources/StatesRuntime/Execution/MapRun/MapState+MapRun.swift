import Foundation
import JSONCore
import StatesLanguage
import Synchronization

extension ExecutionRunner {
    /// A Distributed Map's map run: every item becomes a child execution (a workflow of its own,
    /// with its own history), at most `MaxConcurrency` at a time, and the parent's history gets
    /// `MapRunStarted` and one of `MapRunSucceeded`/`MapRunFailed`/`MapRunAborted` instead of
    /// iteration events (observed on AWS: LocalStack snapshots `scenarios/test_base_scenarios`,
    /// `test_map_state_result_writer`, `test_map_state_tolerated_failure_count_path`;
    /// SPEC-NOTES.md §17.4).
    ///
    /// Returns the Map's result: with a `ResultWriter` resource,
    /// `{"MapRunArn": …, "ResultWriterDetails": {"Bucket": …, "Key": "<prefix>/<id>/manifest.json"}}`;
    /// otherwise the children's outputs in item order, shaped by `WriterConfig` (§17.3).
    func runMapRun(
        _ map: MapState, items: [JSON], effective: JSON, limits: MapLimits, scope: JSONataScope?,
        path: inout PathContext, site: EvaluationSite
    ) async throws(StepFailure) -> JSON {
        let run = mapRunIdentity(map, random: &path.random)
        let target = try failing { () throws(StatesError) in
            try resultWriterTarget(map, effective: effective, scope: scope, path: &path, site: site)
        }
        let startDate = path.clock.now()
        try recordEvent(.mapRunStarted, on: &path, .mapRunStarted(.init(mapRunArn: run.arn)))
        let outcome = await runChildren(
            map, items: items, effective: effective, limits: limits, run: run, path: path, site: site)
        path.clock.join(outcome.clocks)
        var summary = MapRunSummary(
            mapRunArn: run.arn, executionArn: path.context.execution.id, stateName: map.common.name,
            status: .succeeded, startDate: startDate, stopDate: startDate, maxConcurrency: limits.concurrency,
            toleratedFailurePercentage: Self.toleratedPercentage(map), toleratedFailureCount: Self.toleratedCount(map),
            itemCounts: outcome.counts, executionCounts: outcome.counts)
        if outcome.cancelled {
            summary.status = .aborted
            summary.stopDate = path.clock.now()
            mapRunLog.append(summary)
            try recordEvent(.mapRunAborted, on: &path)
            throw .interrupted(.cancelled)
        }
        var failure = outcome.failure
        var output: JSON = .null
        if let target {
            do throws(StatesError) {
                let key = try await writeResults(
                    target, run: run, map: map, records: outcome.records, items: items, writer: handlers.resultWriter)
                summary.itemCounts.resultsWritten = outcome.records.count { $0 != nil }
                summary.executionCounts.resultsWritten = summary.itemCounts.resultsWritten
                output = [
                    "MapRunArn": .string(run.arn),
                    "ResultWriterDetails": ["Bucket": .string(target.bucket), "Key": .string(key)],
                ]
            } catch {
                failure = failure ?? error
            }
        } else {
            let config = WriterConfig(map.resultWriter)
            var results: [JSON] = []
            for record in outcome.records {
                if let record { results += config.entries(for: record) }
            }
            output = .array(results)
        }
        summary.stopDate = path.clock.now()
        if let failure {
            summary.status = .failed
            summary.error = failure.name.rawValue
            summary.cause = failure.cause
            mapRunLog.append(summary)
            try recordEvent(
                .mapRunFailed, on: &path, .failure(.init(error: failure.name.rawValue, cause: failure.cause)))
            throw .failed(failure)
        }
        mapRunLog.append(summary)
        try recordEvent(.mapRunSucceeded, on: &path)
        return output
    }

    /// A map run that failed before any child started: its items could not be read (AWS records
    /// `MapRunStarted` then `MapRunFailed` with the reader's error and cause, then `MapStateFailed`:
    /// LocalStack's recordings `test_map_item_reader_json_no_json_list_object`,
    /// `…csv_headers_decl_duplicate_headers`, `…csv_max_items_paths[-1]`; SPEC-NOTES.md §17.4).
    func recordFailedMapRun(
        _ map: MapState, concurrency: Int, failure: StatesError, path: inout PathContext
    ) throws(StepFailure) {
        let run = mapRunIdentity(map, random: &path.random)
        let date = path.clock.now()
        try recordEvent(.mapRunStarted, on: &path, .mapRunStarted(.init(mapRunArn: run.arn)))
        var summary = MapRunSummary(
            mapRunArn: run.arn, executionArn: path.context.execution.id, stateName: map.common.name,
            status: .failed, startDate: date, stopDate: date, maxConcurrency: concurrency,
            toleratedFailurePercentage: Self.toleratedPercentage(map), toleratedFailureCount: Self.toleratedCount(map),
            itemCounts: MapRunSummary.Counts(), executionCounts: MapRunSummary.Counts())
        summary.error = failure.name.rawValue
        summary.cause = failure.cause
        mapRunLog.append(summary)
        try recordEvent(
            .mapRunFailed, on: &path, .failure(.init(error: failure.name.rawValue, cause: failure.cause)))
    }

    /// The map run's ARN and its children's machine: `mapRun:<machine>/<label>:<uuid>` with the
    /// state's `Label` or, without one, a UUID (AWS developer guide, "Viewing a Distributed Map
    /// Run execution": `stateMachine:<name>/<MapRunLabel or UUID>`).
    private func mapRunIdentity(_ map: MapState, random: inout RandomSource) -> MapRunIdentity {
        let id = UUIDText.random(using: &random)
        let label = map.label ?? UUIDText.random(using: &random)
        let prefix = "arn:aws:states:\(options.region):\(options.account)"
        let machine = options.stateMachineName
        return MapRunIdentity(
            arn: "\(prefix):mapRun:\(machine)/\(label):\(id)", id: id, label: label,
            stateMachineArn: "\(prefix):stateMachine:\(machine)/\(label)", stateMachineName: "\(machine)/\(label)",
            executionType: map.executionType ?? .standard, region: options.region, account: options.account,
            machineName: machine)
    }

    private static func toleratedPercentage(_ map: MapState) -> Double {
        if case .literal(let number) = map.toleratedFailurePercentage { return number.doubleValue }
        return 0
    }

    private static func toleratedCount(_ map: MapState) -> Int {
        if case .literal(let count) = map.toleratedFailureCount { return Int(clamping: max(0, count)) }
        return 0
    }

    /// What the children did.
    struct ChildrenOutcome: Sendable {
        /// By item index; `nil` for an item no child was started for.
        var records: [ChildExecutionRecord?]
        var counts: MapRunSummary.Counts
        var clocks: [any ExecutionClock]
        /// Why the run failed (`States.ExceedToleratedFailureThreshold`, an ItemSelector error).
        var failure: StatesError?
        /// The parent was stopped (aborted, timed out) while the run went on.
        var cancelled: Bool
    }

    /// Runs the children on a pool of workers; more failed (or timed-out, or aborted) children
    /// than tolerated (none by default) stop the run, its running children ending ABORTED and
    /// the rest left PENDING.
    private func runChildren(
        _ map: MapState, items: [JSON], effective: JSON, limits: MapLimits, run: MapRunIdentity, path: PathContext,
        site: EvaluationSite
    ) async -> ChildrenOutcome {
        var width = items.count
        // AWS runs at most 10,000 children at once; a few workers per core keep both cores busy.
        let cap = max(1, ProcessInfo.processInfo.activeProcessorCount) * 4
        width = min(width, limits.concurrency > 0 ? min(limits.concurrency, 10_000) : cap)
        let tolerated = limits.toleratedFailures ?? 0
        let slots = ChildSlots(count: items.count)
        let cursor = Counter()
        let failures = Counter()
        let stop = MapRunStop()
        let parent = path
        let clocks = await withTaskGroup(of: (any ExecutionClock).self) { group in
            for worker in 0..<width {
                group.addTask {
                    var workerPath = parent.child(worker, previousEventID: 0, anchor: AbortAnchor())
                    while !Task.isCancelled, stop.error == nil {
                        let index = cursor.next()
                        guard index < items.count else { break }
                        // The item's randomness depends on its index only, not on the worker.
                        let itemRandom = parent.random.fork(index)
                        workerPath.random = itemRandom.fork(0)
                        let input: JSON
                        do throws(StatesError) {
                            input = try self.iterationInput(
                                map, item: items[index], index: index, effective: effective, path: &workerPath,
                                site: site)
                        } catch {
                            stop.set(error)
                            break
                        }
                        let record = await self.runChildExecution(
                            map, input: input, random: itemRandom.fork(1), run: run, path: &workerPath)
                        slots.set(index, record)
                        if record.status != .succeeded, failures.next() + 1 > tolerated {
                            stop.set(Causes.mapRunToleratedFailureThresholdExceeded)
                        }
                    }
                    return workerPath.clock
                }
            }
            var clocks: [any ExecutionClock] = []
            for await clock in group {
                clocks.append(clock)
                if stop.error != nil { group.cancelAll() }
            }
            return clocks
        }
        let records = slots.values()
        var counts = MapRunSummary.Counts()
        counts.total = items.count
        for record in records {
            switch record?.status {
            case nil: counts.pending += 1
            case .succeeded: counts.succeeded += 1
            case .failed: counts.failed += 1
            case .timedOut: counts.timedOut += 1
            case .aborted: counts.aborted += 1
            }
        }
        let failure = stop.error
        return ChildrenOutcome(
            records: records, counts: counts, clocks: clocks, failure: failure, cancelled: Task.isCancelled)
    }
}

/// The child records of one map run, written once each by the worker that ran the child.
final class ChildSlots: Sendable {
    private let storage: Mutex<[ChildExecutionRecord?]>

    init(count: Int) { storage = Mutex([ChildExecutionRecord?](repeating: nil, count: count)) }

    func set(_ index: Int, _ record: ChildExecutionRecord) { storage.withLock { $0[index] = record } }

    func values() -> [ChildExecutionRecord?] { storage.withLock { $0 } }
}

/// The first reason a map run stops early, shared by its workers.
final class MapRunStop: Sendable {
    private let storage = Mutex<StatesError?>(nil)

    /// Notes the reason (the first one wins).
    func set(_ error: StatesError) { storage.withLock { $0 = $0 ?? error } }

    var error: StatesError? { storage.withLock { $0 } }
}
