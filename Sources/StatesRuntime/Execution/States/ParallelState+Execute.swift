import Foundation
import JSONCore
import StatesLanguage

/// A branch or iteration that ended with an error, with the path it ended on (so the parent can
/// move its timeline and event chain past it).
struct ChildFailure: Error, Sendable {
    var error: StepFailure
    var path: PathContext
}

extension ExecutionRunner {
    /// Parallel: every branch runs concurrently on the effective input (after `Parameters`); the
    /// result is the array of branch outputs in branch order. The first branch to fail cancels the
    /// others and the state fails with that branch's error.
    ///
    /// Source: ASL specification, "Parallel State"; AWS developer guide, "Parallel workflow state".
    func runParallel(
        _ parallel: Shared<ParallelState>, catchTargets: [StateID], input: JSON, path: inout PathContext,
        site: EvaluationSite
    ) async throws(StepFailure) -> StateCompletion {
        let effective = try failing { () throws(StatesError) in
            try applyInputPath(parallel.value.io.inputPath, to: input, path: path, site: site)
        }
        return try await withErrorHandling(
            parallel.value.errorHandling, catchTargets: catchTargets, kind: .parallel,
            stateName: parallel.value.common.name, input: input, path: &path, site: site,
            finalFailure: .parallelStateFailed
        ) { (path) throws(StepFailure) in
            let isJSONata = parallel.value.common.queryLanguage == .jsonata
            let scope = isJSONata ? JSONataScope(input: input, path: &path) : nil
            let branchInput = try failing { () throws(StatesError) in
                if let scope {
                    // JSONata: `Arguments` (default: the state input) is every branch's input.
                    guard case .jsonata(let template) = parallel.value.io.parameters else { return input }
                    return try evaluate(template, field: "Arguments", scope: scope, path: &path, site: site)
                }
                return try applyParameters(parallel.value.io.parameters, to: effective, path: &path, site: site)
            }
            let started = try recordEvent(.parallelStateStarted, on: &path)
            let results: [JSON]
            if let mock = path.inspection?.mock {
                // `asl test-state`: the mock is the branches' results (SPEC-NOTES.md §15.5).
                switch mock {
                case .result(let value): results = value.arrayValue ?? []
                case .error(let error): throw .failed(error)
                }
            } else {
                results = try await runBranches(
                    parallel.value.branches, input: branchInput, after: started, path: &path)
            }
            try recordDetached(.parallelStateSucceeded, after: path.previousEventID, clock: path.clock)
            return try failing { () throws(StatesError) in
                if let scope {
                    return try jsonataResultStage(
                        parallel.value.io, assign: parallel.value.common.assign, result: .array(results),
                        scope: scope, path: &path, site: site)
                }
                let selected = try applyResultSelector(
                    parallel.value.io.resultSelector, to: .array(results), path: &path, site: site)
                let assigned = try evaluateAssign(
                    parallel.value.common.assign, value: selected, path: &path, site: site)
                let combined = try applyResultPath(
                    parallel.value.io.resultPath, input: input, result: selected, site: site)
                let output = try applyOutputPath(parallel.value.io.outputPath, to: combined, path: path, site: site)
                return StateCompletion(output: output, next: nil, assigned: assigned)
            }
        }
    }

    /// Runs the branches; on return `path`'s clock is past every branch and its event chain
    /// continues from the last branch event (on failure, from the failing branch's last event).
    private func runBranches(_ branches: [ScopeID], input: JSON, after started: Int, path: inout PathContext)
        async throws(StepFailure) -> [JSON]
    {
        let parent = path
        let anchor = AbortAnchor()
        let outcome: Result<[JSON], ChildFailure> = await withTaskGroup(
            of: Result<(Int, JSON, PathContext), ChildFailure>.self
        ) { group in
            for (index, branch) in branches.enumerated() {
                group.addTask {
                    var child = parent.child(index, previousEventID: started, anchor: anchor)
                    do throws(StepFailure) {
                        let output = try await self.runScope(branch, input: input, path: &child)
                        return .success((index, output, child))
                    } catch {
                        if case .failed = error { anchor.fail(at: child.previousEventID) }
                        return .failure(ChildFailure(error: error, path: child))
                    }
                }
            }
            var outputs = [JSON](repeating: .null, count: branches.count)
            var finished: [PathContext] = []
            var failure: ChildFailure?
            for await result in group {
                switch result {
                case .success(let (index, output, child)):
                    outputs[index] = output
                    finished.append(child)
                case .failure(let childFailure):
                    finished.append(childFailure.path)
                    if Self.prefer(childFailure, over: failure) { failure = childFailure }
                    group.cancelAll()
                }
            }
            path.clock.join(finished.map(\.clock))
            if let failure {
                path.previousEventID = failure.path.previousEventID
                return .failure(failure)
            }
            path.previousEventID = finished.map(\.previousEventID).max() ?? path.previousEventID
            return .success(outputs)
        }
        switch outcome {
        case .success(let outputs): return outputs
        case .failure(let failure): throw failure.error
        }
    }

    /// The failure to report when several children fail: the first real error, not the
    /// cancellations it caused.
    static func prefer(_ candidate: ChildFailure, over current: ChildFailure?) -> Bool {
        guard let current else { return true }
        return current.error.isCancellation && !candidate.error.isCancellation
    }
}
