import StatesLanguage
import Synchronization

/// Counts what executions of one definition cover: feed it through ``observer`` (set as
/// ``ExecutionOptions/observer`` of every execution, run in parallel or not) and read
/// ``report()`` at the end.
///
///     let recorder = CoverageRecorder(model: CoverageModel(resolved))
///     var options = ExecutionOptions()
///     options.observer = recorder.observer
///     _ = await Executor(machine: resolved, options: options).run(input: input)
///     print(recorder.report().table())
///
/// Thread-safe: counts are kept under a `Mutex`. SPEC-NOTES.md §16.2.
public final class CoverageRecorder: Sendable {
    public let model: CoverageModel
    private let counts: Mutex<CoverageCounts>

    public init(model: CoverageModel) {
        self.model = model
        counts = Mutex(CoverageCounts(model: model))
    }

    /// Counts one observation; one that names no state or branch of the model is ignored.
    public func record(_ observation: ExecutionObservation) {
        let index = observation.state.index
        guard model.items.indices.contains(index) else { return }
        if case .entered = observation.event {
            counts.withLock { $0.entered[index] += 1 }
        } else if let slot = model.branchSlot(of: observation.event, in: observation.state) {
            counts.withLock { $0.branches[index][slot] += 1 }
        }
    }

    /// ``record(_:)`` as a closure for ``ExecutionOptions/observer``.
    public var observer: @Sendable (ExecutionObservation) -> Void {
        { [self] observation in record(observation) }
    }

    /// Adds the counts of `report` (another recorder's, or one read from a coverage file).
    /// - Throws: ``CoverageError`` when `report` is of a different definition.
    public func merge(_ report: CoverageReport) throws(CoverageError) {
        try counts.withLock { (counts: inout CoverageCounts) throws(CoverageError) in
            try counts.add(report.counts, model: model)
        }
    }

    /// The counts so far.
    public func report() -> CoverageReport {
        CoverageReport(model: model, counts: counts.withLock { $0 })
    }
}

/// Entered counts per state and taken counts per branch, by state index and branch slot.
public struct CoverageCounts: Sendable, Hashable {
    public var entered: [Int]
    public var branches: [[Int]]

    /// All zero.
    public init(model: CoverageModel) {
        entered = Array(repeating: 0, count: model.items.count)
        branches = model.items.map { Array(repeating: 0, count: $0.branches.count) }
    }

    /// Adds `other`, which must have the same shape.
    mutating func add(_ other: CoverageCounts, model: CoverageModel) throws(CoverageError) {
        guard other.entered.count == entered.count, other.branches.map(\.count) == branches.map(\.count) else {
            throw CoverageError("the coverage to merge is of a different definition (its states or branches differ)")
        }
        for index in entered.indices {
            entered[index] += other.entered[index]
            for slot in branches[index].indices { branches[index][slot] += other.branches[index][slot] }
        }
    }
}

/// Coverage that cannot be merged or read.
public struct CoverageError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
