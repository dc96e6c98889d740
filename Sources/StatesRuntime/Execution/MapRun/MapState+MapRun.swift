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
        _ map: MapState, feed: MapChildFeed, effective: JSON, limits: MapLimits, scope: JSONataScope?,
        path: inout PathContext, site: EvaluationSite
    ) async throws(StepFailure) -> JSON {
        let run = mapRunIdentity(map, random: &path.random)
        let target = try failing { () throws(StatesError) in
            try resultWriterTarget(map, effective: effective, scope: scope, path: &path, site: site)
        }
        let startDate = path.clock.now()
        try recordEvent(.mapRunStarted, on: &path, .mapRunStarted(.init(mapRunArn: run.arn)))
        let base: String? = target.map {
            $0.prefix.isEmpty ? run.id : $0.prefix + ($0.prefix.hasSuffix("/") ? "" : "/") + run.id
        }
        let width = Self.workerCount(limits)
        let progress = options.mapRunProgress
        let stateName = map.common.name
        let results = MapRunResults(
            config: WriterConfig(map.resultWriter),
            target: target.map { .init(writer: handlers.resultWriter, bucket: $0.bucket, base: base ?? "") },
            batched: map.itemBatcher != nil, window: Self.readAheadWindow(workers: width),
            maximumFileBytes: options.maximumResultFileBytes,
            total: feed.total, itemTotal: feed.itemTotal,
            report: Self.progressReport(progress, mapRunArn: run.arn, stateName: stateName))
        progress?(
            MapRunProgress(
                mapRunArn: run.arn, stateName: stateName, counts: MapRunSummary.Counts(), total: feed.total, items: 0,
                itemTotal: feed.itemTotal, finished: false))
        let outcome = await runChildren(
            map, feed: feed, results: results, effective: effective, limits: limits, width: width, run: run,
            path: path, site: site)
        path.clock.join(outcome.clocks)
        let closed = results.close(total: outcome.total, itemTotal: feed.itemTotal)
        var summary = MapRunSummary(
            mapRunArn: run.arn, executionArn: path.context.execution.id, stateName: map.common.name,
            status: .succeeded, startDate: startDate, stopDate: startDate, maxConcurrency: limits.concurrency,
            toleratedFailurePercentage: Self.toleratedPercentage(map), toleratedFailureCount: Self.toleratedCount(map),
            itemCounts: closed.itemCounts, executionCounts: closed.counts)
        if target != nil {
            // Counted once the files are committed.
            summary.itemCounts.resultsWritten = 0
            summary.executionCounts.resultsWritten = 0
        }
        if outcome.cancelled {
            for var stream in closed.streams { stream.discard() }
            summary.status = .aborted
            summary.stopDate = path.clock.now()
            mapRunLog.append(summary)
            try recordEvent(.mapRunAborted, on: &path)
            throw .interrupted(.cancelled)
        }
        var failure = outcome.failure
        var output: JSON = .null
        if let target, let base {
            do throws(StatesError) {
                if let error = results.writeError { throw error }
                let key = try await commitResults(
                    target, base: base, run: run, streams: closed.streams, writer: handlers.resultWriter)
                summary.itemCounts.resultsWritten = closed.itemCounts.resultsWritten
                summary.executionCounts.resultsWritten = closed.counts.resultsWritten
                output = [
                    "MapRunArn": .string(run.arn),
                    "ResultWriterDetails": ["Bucket": .string(target.bucket), "Key": .string(key)],
                ]
            } catch {
                for var stream in closed.streams { stream.discard() }
                failure = failure ?? error
            }
        } else {
            output = .array(closed.values)
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
        /// Child inputs in all: those run and those left pending.
        var total: Int
        var clocks: [any ExecutionClock]
        /// Why the run failed (`States.ExceedToleratedFailureThreshold`, an ItemSelector error,
        /// the reader's stream failing part way).
        var failure: StatesError?
        /// The parent was stopped (aborted, timed out) while the run went on.
        var cancelled: Bool
    }

    private static func progressReport(
        _ progress: (@Sendable (MapRunProgress) -> Void)?, mapRunArn: String, stateName: String
    ) -> (@Sendable (MapRunResults.Report) -> Void)? {
        guard let progress else { return nil }
        return { report in
            progress(
                MapRunProgress(
                    mapRunArn: mapRunArn, stateName: stateName, counts: report.counts, total: report.total,
                    items: report.items, itemTotal: report.itemTotal, finished: report.finished))
        }
    }

    /// How many children run at once: `MaxConcurrency` (AWS runs at most 10,000), or without
    /// one a few workers per core, which keeps both cores busy.
    static func workerCount(_ limits: MapLimits) -> Int {
        let cap = max(1, ProcessInfo.processInfo.activeProcessorCount) * 4
        return limits.concurrency > 0 ? min(limits.concurrency, 10_000) : cap
    }

    /// How many child inputs are read ahead of the workers, queued.
    static func queuedInputs(workers: Int) -> Int { max(2, workers) }

    /// How far ahead of the first unfinished child a worker may start one when results are
    /// streamed to files in item order: the bound on children finished but not yet written.
    static func readAheadWindow(workers: Int) -> Int { max(16, 2 * workers) }

    /// Runs the children on a pool of workers, each taking the next child input from `feed` as
    /// it becomes free; more failed (or timed-out, or aborted) children than tolerated (none by
    /// default) stop the run, its running children ending ABORTED and the rest left PENDING.
    private func runChildren(
        _ map: MapState, feed: MapChildFeed, results: MapRunResults, effective: JSON, limits: MapLimits, width: Int,
        run: MapRunIdentity, path: PathContext, site: EvaluationSite
    ) async -> ChildrenOutcome {
        let tolerated = limits.toleratedFailures ?? 0
        let batched = map.itemBatcher != nil
        let failures = Counter()
        let stop = MapRunStop()
        let parent = path
        let queue = ChildInputQueue(capacity: Self.queuedInputs(workers: width))
        let clocks = await withTaskGroup(of: (any ExecutionClock)?.self) { group in
            // The producer: reads the data set ahead of the workers, on its own task.
            group.addTask {
                while true {
                    let next: (index: Int, input: JSON)?
                    do throws(StatesError) {
                        next = try feed.next()
                    } catch {
                        stop.set(error)
                        results.release()
                        queue.close()
                        break
                    }
                    guard let next else {
                        if let total = feed.total { results.setTotals(total, items: feed.itemTotal) }
                        queue.finish()
                        break
                    }
                    guard await queue.put(next) else { break }
                }
                return nil
            }
            for worker in 0..<width {
                group.addTask {
                    var workerPath = parent.child(worker, previousEventID: 0, anchor: AbortAnchor())
                    while !Task.isCancelled, stop.error == nil {
                        guard let (index, item) = await queue.take() else { break }
                        guard await results.admit(index), stop.error == nil, !Task.isCancelled else {
                            results.pending(index, input: item)
                            break
                        }
                        // The item's randomness depends on its index only, not on the worker.
                        let itemRandom = parent.random.fork(index)
                        workerPath.random = itemRandom.fork(0)
                        let input: JSON
                        do throws(StatesError) {
                            input = try self.iterationInput(
                                map, item: item, index: index, effective: effective, path: &workerPath, site: site)
                        } catch {
                            stop.set(error)
                            results.release()
                            queue.close()
                            results.pending(index, input: item)
                            break
                        }
                        let record = await self.runChildExecution(
                            map, input: input, random: itemRandom.fork(1), run: run, path: &workerPath)
                        if record.status != .succeeded, failures.next() + 1 > tolerated {
                            stop.set(Causes.mapRunToleratedFailureThresholdExceeded)
                            results.release()
                            queue.close()
                        }
                        results.finish(index, record, items: MapChildFeed.itemCount(of: item, batched: batched))
                    }
                    return workerPath.clock
                }
            }
            var clocks: [any ExecutionClock] = []
            for await clock in group {
                if let clock { clocks.append(clock) }
                if stop.error != nil {
                    queue.close()
                    group.cancelAll()
                }
            }
            return clocks
        }
        for (index, item) in queue.remaining() { results.pending(index, input: item) }
        let cancelled = Task.isCancelled
        // The items no child was started for are PENDING; reading on finds how many there are
        // (read, counted and dropped: nothing is run). An aborted run does not read the rest of
        // a data set it was reading (it could be large): its count is of the items read.
        var failure = stop.error
        while !cancelled || feed.isInMemory {
            do throws(StatesError) {
                guard let (index, item) = try feed.next() else { break }
                results.pending(index, input: item)
            } catch {
                failure = failure ?? error
                break
            }
        }
        return ChildrenOutcome(
            total: feed.total ?? feed.taken, clocks: clocks, failure: failure, cancelled: cancelled)
    }
}

/// The first reason a map run stops early, shared by its workers.
final class MapRunStop: Sendable {
    private let storage = Mutex<StatesError?>(nil)

    /// Notes the reason (the first one wins).
    func set(_ error: StatesError) { storage.withLock { $0 = $0 ?? error } }

    var error: StatesError? { storage.withLock { $0 } }
}
