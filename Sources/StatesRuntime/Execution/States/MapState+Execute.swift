import Foundation
import JSONCore
import StatesLanguage
import Synchronization

extension ExecutionRunner {
    /// Map: runs the item processor once per element of the array at `ItemsPath` (default `$`) of
    /// the effective input, at most `MaxConcurrency` at a time (0: no limit but AWS's quota of 40
    /// concurrent inline iterations), each on `ItemSelector` (legacy `Parameters`) evaluated with
    /// `$$.Map.Item.Index`/`Value`, or on the item itself. The result is the array of iteration
    /// outputs in item order.
    ///
    /// Failures: with no tolerance set, the first failed iteration cancels the others and the state
    /// fails with its error; with `ToleratedFailureCount`/`Percentage`, failed iterations leave their
    /// error output `{"Error", "Cause"}` in the result until the threshold is passed, which fails the
    /// state with `States.ExceedToleratedFailureThreshold`.
    ///
    /// Source: ASL specification, "Map State"; AWS developer guide, "Map workflow state", "Inline
    /// mode", "Distributed mode" (tolerated failure threshold), "Step Functions service quotas".
    func runMap(
        _ map: Shared<MapState>, catchTargets: [StateID], input: JSON, path: inout PathContext, site: EvaluationSite
    ) async throws(StepFailure) -> StateCompletion {
        let effective = try failing { () throws(StatesError) in
            try applyInputPath(map.value.io.inputPath, to: input, path: path, site: site)
        }
        return try await withErrorHandling(
            map.value.errorHandling, catchTargets: catchTargets, kind: .map, stateName: map.value.common.name,
            input: input, path: &path, site: site, finalFailure: .mapStateFailed
        ) { (path) throws(StepFailure) in
            let isJSONata = map.value.common.queryLanguage == .jsonata
            let scope = isJSONata ? JSONataScope(input: input, path: &path) : nil
            let roots = Roots(input: effective, path: path)
            let (resolvedState, jsonataItems) = try failing { () throws(StatesError) in
                guard let scope else { return (map.value, [JSON]?.none) }
                return try resolveJSONataMap(map.value, input: input, scope: scope, path: &path, site: site)
            }
            var mapState = resolvedState
            let (listedItems, concurrency) = try failing { () throws(StatesError) in
                let items: [JSON]
                if mapState.itemReader != nil {
                    // Read after MapStateStarted (`distributedItems`), whose length AWS gives as 0.
                    items = []
                } else if let jsonataItems {
                    items = jsonataItems
                } else {
                    items = try Self.mapItems(mapState, roots: roots, site: site)
                }
                // AWS reads MaxConcurrencyPath before MapStateStarted and the tolerated failures after
                // it (observed, SPEC-NOTES.md §5.5).
                return (items, try Self.mapConcurrency(mapState, roots: roots, site: site))
            }
            let started = try recordEvent(
                .mapStateStarted, on: &path, .mapStateStarted(.init(length: listedItems.count)))
            // ItemReader and ItemBatcher (SPEC-NOTES.md §17); under `asl test-state` a mock stands
            // in for the reader (§15.5).
            var items = listedItems
            // A map run reads its ItemReader as its children go, never the whole data set at once
            // (SPEC-NOTES.md §17.5).
            var feed: MapChildFeed?
            var itemCount: Int?
            do throws(StatesError) {
                if mapState.processorMode == .distributed, mapState.itemReader != nil, path.inspection?.mock == nil {
                    (mapState, feed, itemCount) = try streamedItems(
                        mapState, effective: effective, scope: scope, path: &path, site: site)
                } else if mapState.itemReader != nil || mapState.itemBatcher != nil {
                    (mapState, items) = try distributedItems(
                        mapState, items: listedItems, effective: effective, scope: scope,
                        reads: path.inspection?.mock == nil, path: &path, site: site)
                }
            } catch {
                // AWS reads inside the map run: a reader failure, or a reader field AWS refuses (a
                // negative MaxItems), is the run's (SPEC-NOTES.md §17.4); `States.Runtime` ends the
                // execution before any map run.
                if mapState.processorMode == .distributed, path.inspection?.mock == nil,
                    error.name == .itemReaderFailed
                {
                    try recordFailedMapRun(mapState, concurrency: concurrency, failure: error, path: &path)
                }
                throw .failed(error)
            }
            let limits = try failing { () throws(StatesError) in
                MapLimits(
                    concurrency: concurrency,
                    toleratedFailures: try Self.mapTolerance(
                        mapState, roots: roots, itemCount: itemCount ?? items.count, site: site))
            }
            let result: JSON
            if let inspection = path.inspection, inspection.mock != nil {
                result = try failing { () throws(StatesError) in
                    try mockedMapResult(
                        mapState, items: items, effective: effective, concurrency: concurrency, limits: limits,
                        inspection: inspection, path: &path, site: site)
                }
            } else if mapState.processorMode == .distributed {
                // A map run of child executions (SPEC-NOTES.md §17.4).
                result = try await runMapRun(
                    mapState, feed: feed ?? MapChildFeed(items: items, batched: mapState.itemBatcher != nil),
                    effective: effective, limits: limits,
                    scope: scope, path: &path,
                    site: site)
            } else {
                result = .array(
                    try await runIterations(
                        mapState, items: items, effective: effective, limits: limits, after: started, path: &path,
                        site: site))
            }
            try recordDetached(.mapStateSucceeded, after: path.previousEventID, clock: path.clock)
            return try failing { () throws(StatesError) in
                if let scope {
                    return try jsonataResultStage(
                        map.value.io, assign: map.value.common.assign, result: result, scope: scope,
                        path: &path, site: site)
                }
                let selected = try applyResultSelector(
                    map.value.io.resultSelector, to: result, path: &path, site: site)
                let assigned = try evaluateAssign(map.value.common.assign, value: selected, path: &path, site: site)
                let combined = try applyResultPath(map.value.io.resultPath, input: input, result: selected, site: site)
                let output = try applyOutputPath(map.value.io.outputPath, to: combined, path: path, site: site)
                return StateCompletion(output: output, next: nil, assigned: assigned)
            }
        }
    }

    /// How many iterations may run at once and fail.
    struct MapLimits: Sendable {
        var concurrency: Int
        /// Failed iterations allowed before the state fails; `nil` means none (fail at the first).
        var toleratedFailures: Int?
    }

    private static func mapItems(_ map: MapState, roots: Roots, site: EvaluationSite) throws(StatesError) -> [JSON] {
        let value: JSON
        switch map.items {
        case nil:
            value = roots.input
        case .path(let selector):
            do {
                value = try Evaluate.select(selector, in: roots)
            } catch {
                throw Causes.decorated(
                    EvaluationFailure.itemsPathNotFound(path: selector, input: roots.input), site: site)
            }
        case .jsonata:
            throw Causes.jsonataUnsupported(site: site)
        }
        guard case .array(let items) = value else {
            var selector = Path(source: "$", root: .input, segments: [])
            if case .path(let written) = map.items { selector = written }
            throw Causes.decorated(EvaluationFailure.itemsPathNotArray(path: selector, value: value), site: site)
        }
        return items
    }

    /// `MaxConcurrency` or the value of `MaxConcurrencyPath` (0: no limit).
    private static func mapConcurrency(_ map: MapState, roots: Roots, site: EvaluationSite) throws(StatesError) -> Int {
        switch map.maxConcurrency {
        case nil: return 0
        case .literal(let count): return Int(clamping: max(0, count))
        case .jsonata: throw Causes.jsonataUnsupported(site: site)
        case .path(let selector):
            let value = try select(selector, in: roots, site: site)
            do {
                return try MapLimitValues.maxConcurrency(value, path: selector)
            } catch {
                throw Causes.decorated(error, site: site)
            }
        }
    }

    /// The number of failed iterations tolerated (`nil`: none) from `ToleratedFailureCount` and
    /// `ToleratedFailurePercentage` or their paths; with both, the smaller.
    private static func mapTolerance(_ map: MapState, roots: Roots, itemCount: Int, site: EvaluationSite)
        throws(StatesError) -> Int?
    {
        var tolerated: Int?
        switch map.toleratedFailureCount {
        case nil: break
        case .literal(let count): tolerated = Int(clamping: max(0, count))
        case .jsonata: throw Causes.jsonataUnsupported(site: site)
        case .path(let selector):
            let value = try select(selector, in: roots, site: site)
            do {
                tolerated = try MapLimitValues.toleratedFailureCount(value, path: selector)
            } catch {
                throw Causes.decorated(error, site: site)
            }
        }
        let percentage: Double
        switch map.toleratedFailurePercentage {
        case nil: return tolerated
        case .jsonata: throw Causes.jsonataUnsupported(site: site)
        case .literal(let number): percentage = number.doubleValue
        case .path(let selector):
            let value = try select(selector, in: roots, site: site)
            do {
                percentage = try MapLimitValues.toleratedFailurePercentage(value, path: selector)
            } catch {
                throw Causes.decorated(error, site: site)
            }
        }
        let allowed = MapLimitValues.toleratedFailures(percentage: percentage, itemCount: itemCount)
        return min(tolerated ?? Int.max, allowed)
    }

    /// The value a limit's path selects; selecting nothing fails as other paths do.
    /// Runs every iteration on a pool of workers, one per allowed concurrent iteration.
    ///
    /// Event chains follow what AWS records: each worker's first `MapIterationStarted` follows
    /// `MapStateStarted`, a later one follows the previous iteration's last state event;
    /// `MapIterationSucceeded` follows the iteration's last state event without becoming the
    /// chain's last event. On return `path`'s clock is past every iteration and its chain continues
    /// from the last `MapIterationSucceeded` (on failure, from the failing iteration's failure
    /// event, which `MapIterationFailed`, every `MapIterationAborted` and `MapStateFailed` follow).
    private func runIterations(
        _ map: MapState, items: [JSON], effective: JSON, limits: MapLimits, after started: Int,
        path: inout PathContext, site: EvaluationSite
    ) async throws(StepFailure) -> [JSON] {
        guard !items.isEmpty else { return [] }
        var width = items.count
        if limits.concurrency > 0 { width = min(width, limits.concurrency) }
        if let quota = options.quotas.maximumInlineMapConcurrency { width = min(width, quota) }
        // No limit at all: a few workers per core keep every core busy without a task per item.
        if limits.concurrency == 0 && options.quotas.maximumInlineMapConcurrency == nil {
            width = min(width, max(1, ProcessInfo.processInfo.activeProcessorCount) * 4)
        }
        let slots = ResultSlots(count: items.count)
        let cursor = Counter()
        let failures = Counter()
        let parent = path
        let anchor = AbortAnchor()
        let job = MapJob(
            map: map, items: items, effective: effective, limits: limits, started: started, site: site, anchor: anchor)
        let outcomes = await withTaskGroup(of: WorkerOutcome.self) { group in
            for worker in 0..<width {
                group.addTask {
                    var worker = Worker(
                        path: parent.child(worker, previousEventID: started, anchor: anchor), lastEnd: started)
                    do throws(StepFailure) {
                        while true {
                            let index = cursor.next()
                            guard index < items.count else { break }
                            if Task.isCancelled { break }
                            try await self.runIteration(
                                index, job: job, worker: &worker, parent: parent, slots: slots, failures: failures)
                        }
                        return WorkerOutcome(worker: worker, failure: nil)
                    } catch {
                        return WorkerOutcome(worker: worker, failure: ChildFailure(error: error, path: worker.path))
                    }
                }
            }
            var outcomes: [WorkerOutcome] = []
            for await outcome in group {
                if outcome.failure != nil { group.cancelAll() }
                outcomes.append(outcome)
            }
            return outcomes
        }
        path.clock.join(outcomes.map(\.worker.path.clock))
        var failure: ChildFailure?
        for outcome in outcomes {
            if let candidate = outcome.failure, Self.prefer(candidate, over: failure) { failure = candidate }
        }
        guard let failure else {
            path.previousEventID = outcomes.map(\.worker.lastEnd).max() ?? path.previousEventID
            return slots.values()
        }
        path.previousEventID = failure.path.previousEventID
        if case .failed = failure.error {
            let aborted = outcomes.flatMap(\.worker.aborted).sorted()
            for index in aborted {
                try recordDetached(
                    .mapIterationAborted, after: path.previousEventID, clock: path.clock,
                    .mapIteration(.init(name: map.common.name, index: index)))
            }
        }
        throw failure.error
    }

    /// A worker's timeline and event chain, and the iterations it had to give up.
    struct Worker: Sendable {
        var path: PathContext
        /// The id of its last `MapIterationSucceeded` (or tolerated `MapIterationFailed`).
        var lastEnd: Int
        /// Iterations cancelled because another one failed.
        var aborted: [Int] = []
    }

    struct WorkerOutcome: Sendable {
        var worker: Worker
        var failure: ChildFailure?
    }

    /// What every iteration of one Map run shares.
    struct MapJob: Sendable {
        var map: MapState
        var items: [JSON]
        var effective: JSON
        var limits: MapLimits
        var started: Int
        var site: EvaluationSite
        /// Where a failing iteration notes its failure event for the others' aborted events.
        var anchor: AbortAnchor
    }

    /// An iteration's input: `ItemSelector` (legacy `Parameters`) evaluated with
    /// `$$.Map.Item.Index`/`Value`, or the item itself.
    func iterationInput(
        _ map: MapState, item: JSON, index: Int, effective: JSON, path: inout PathContext, site: EvaluationSite
    ) throws(StatesError) -> JSON {
        if case .jsonPath(let selector) = map.itemSelector {
            var roots = Roots(input: effective, path: path)
            roots.context.mapItem = (index, item)
            return try TemplateEvaluator.evaluate(selector, roots: roots, random: &path.random, site: site)
        }
        if case .jsonata(let selector) = map.itemSelector {
            // `$states.input` is the Map's input; `$states.context.Map.Item` the item (ASL
            // specification, "Map State", JSONata ItemSelector).
            path.context.mapItem = (index, item)
            defer { path.context.mapItem = nil }
            let scope = JSONataScope(input: effective, path: &path)
            return try evaluate(selector, field: "ItemSelector", scope: scope, path: &path, site: site)
        }
        return item
    }

    /// One iteration on a worker's timeline: its own random stream and variables, its events
    /// chained from `MapIterationStarted`.
    private func runIteration(
        _ index: Int, job: MapJob, worker: inout Worker, parent: PathContext, slots: ResultSlots, failures: Counter
    ) async throws(StepFailure) {
        let name = job.map.common.name
        var iteration = worker.path
        iteration.random = parent.random.fork(index)
        iteration.variables = parent.variables
        iteration.context = parent.context
        let input = try failing { () throws(StatesError) in
            try iterationInput(
                job.map, item: job.items[index], index: index, effective: job.effective, path: &iteration,
                site: job.site)
        }
        try recordEvent(.mapIterationStarted, on: &iteration, .mapIteration(.init(name: name, index: index)))
        defer { worker.path.clock = iteration.clock }
        let output: JSON
        do {
            output = try await runScope(job.map.itemProcessor, input: input, path: &iteration)
        } catch {
            switch error {
            case .failed(let error):
                worker.path.previousEventID = iteration.previousEventID
                // A runtime error ends the execution at once: no iteration or state failure events.
                guard error.name != .runtime else { throw .failed(error) }
                let failed = try recordDetached(
                    .mapIterationFailed, after: iteration.previousEventID, clock: iteration.clock,
                    .mapIteration(.init(name: name, index: index)))
                guard let tolerated = job.limits.toleratedFailures else {
                    job.anchor.fail(at: iteration.previousEventID)
                    throw .failed(error)
                }
                worker.lastEnd = failed
                if failures.next() + 1 > tolerated {
                    job.anchor.fail(at: iteration.previousEventID)
                    throw .failed(Causes.exceededToleratedFailureThreshold(site: job.site))
                }
                slots.set(index, Self.errorOutput(error))
                return
            case .interrupted(.cancelled):
                worker.path.previousEventID = iteration.previousEventID
                worker.aborted.append(index)
                throw error
            case .interrupted:
                throw error
            }
        }
        worker.lastEnd = try recordDetached(
            .mapIterationSucceeded, after: iteration.previousEventID, clock: iteration.clock,
            .mapIteration(.init(name: name, index: index)))
        worker.path.previousEventID = iteration.previousEventID
        slots.set(index, output)
    }
}

/// The iteration results of one Map run, written once each by whichever worker ran the
/// iteration and read after every worker has finished.
final class ResultSlots: Sendable {
    private let storage: Mutex<[JSON]>

    init(count: Int) { storage = Mutex([JSON](repeating: .null, count: count)) }

    func set(_ index: Int, _ value: JSON) { storage.withLock { $0[index] = value } }

    func values() -> [JSON] { storage.withLock { $0 } }
}

/// A shared counter: `next()` returns 0, 1, 2, … across all callers.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    func next() -> Int { value.add(1, ordering: .relaxed).oldValue }
}

extension ExecutionRunner {
    /// A JSONata Map's `Items` (default: the state input, which must then be an array) and its
    /// `MaxConcurrency`/`ToleratedFailure*` expressions, evaluated; the limits are handed on as
    /// literals.
    ///
    /// Source: observed on AWS (LocalStack snapshot `scenarios/test_base_scenarios`,
    /// `test_map_state_items_eval_jsonata_fail`, `test_map_state_items_input_types`).
    fileprivate func resolveJSONataMap(
        _ map: MapState, input: JSON, scope: JSONataScope, path: inout PathContext, site: EvaluationSite
    ) throws(StatesError) -> (MapState, [JSON]?) {
        var resolved = map
        let value: JSON
        switch map.items {
        case .jsonata(.expression(let expression)):
            value = try evaluate(expression, field: "Items", scope: scope, path: &path, site: site)
            guard case .array = value else {
                throw unexpectedType(
                    expression, field: "Items", expected: "array", value: value, path: &path, site: site)
            }
        case .jsonata(let template):
            value = try evaluate(template, field: "Items", scope: scope, path: &path, site: site)
        case nil, .path:
            // With an ItemReader the items come from the reader (MapState+ItemReader.swift).
            value = map.itemReader == nil ? input : .array([])
            guard case .array = value else {
                throw queryFailure(
                    "Map state input must be an array but was: " + JSONWriter.compact(value), location: nil,
                    path: &path, site: site)
            }
        }
        if case .jsonata(let expression) = map.maxConcurrency {
            resolved.maxConcurrency = .literal(
                try jsonataInteger(
                    .jsonata(expression), field: "MaxConcurrency", minimum: 0, scope: scope, path: &path, site: site)
                    ?? 0)
        }
        if case .jsonata(let expression) = map.toleratedFailureCount {
            resolved.toleratedFailureCount = .literal(
                try jsonataInteger(
                    .jsonata(expression), field: "ToleratedFailureCount", minimum: 0, scope: scope, path: &path,
                    site: site) ?? 0)
        }
        if case .jsonata(let expression) = map.toleratedFailurePercentage {
            let number = try evaluate(
                expression, field: "ToleratedFailurePercentage", scope: scope, path: &path, site: site)
            guard case .number(let percentage) = number, (0...100).contains(percentage.doubleValue) else {
                throw unexpectedType(
                    expression, field: "ToleratedFailurePercentage", expected: "number", value: number, path: &path,
                    site: site)
            }
            resolved.toleratedFailurePercentage = .literal(percentage)
        }
        guard case .array(let items) = value else { return (resolved, nil) }
        return (resolved, items)
    }
}
