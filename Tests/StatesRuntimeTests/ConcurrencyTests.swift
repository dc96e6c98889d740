import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Synchronization
import Testing

/// Counts how many calls are in flight at once, and holds the first `width` calls until all of
/// them are in flight together: a Map that runs fewer iterations at once than `width` never
/// fills it, so its calls fail with `Barrier.NotReached` and the test sees a failed execution.
///
/// Rationale: asserting only `peak <= limit` would pass for a Map that ran one item at a time.
/// The wait counts yields, not time: the bound is there so that a broken executor fails the test
/// instead of hanging it; a correct one fills the barrier long before (all `width` workers start
/// at once and reach the handler after a few events each).
final class ConcurrencyBarrier: TaskHandler {
    private struct Counts {
        var current = 0
        var peak = 0
        var arrived = 0
    }

    let width: Int
    private let counts = Mutex(Counts())
    private static let patience = 2_000_000

    init(width: Int) { self.width = width }

    var peak: Int { counts.withLock { $0.peak } }

    func handle(_ request: TaskRequest) async throws -> JSON {
        let holds = counts.withLock { counts -> Bool in
            counts.current += 1
            counts.peak = max(counts.peak, counts.current)
            counts.arrived += 1
            return counts.arrived <= width
        }
        defer { counts.withLock { $0.current -= 1 } }
        if holds {
            var spins = 0
            while counts.withLock({ $0.arrived }) < width {
                spins += 1
                if spins > Self.patience {
                    throw StatesError("Barrier.NotReached", "only \(peak) of \(width) calls were in flight at once")
                }
                await Task.yield()
            }
        }
        // Give other iterations the chance to start while this one is "busy".
        for _ in 0..<20 { await Task.yield() }
        return request.parameters
    }
}

@Suite struct ConcurrencyTests {
    static func mapDefinition(_ extra: String) -> String {
        """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", \(extra)
          "ItemProcessor": {"StartAt": "Work", "States": {
            "Work": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work", "End": true}}},
          "End": true}}}
        """
    }

    static func items(_ count: Int) -> String {
        #"{"items": ["# + (0..<count).map(String.init).joined(separator: ",") + "]}"
    }

    /// `MaxConcurrency` iterations run at once (the barrier fills) and never more (the peak).
    @Test(arguments: [1, 3, 7])
    func mapRunsExactlyMaxConcurrencyIterationsAtOnce(_ limit: Int) async throws {
        let barrier = ConcurrencyBarrier(width: limit)
        var handlers = HandlerRegistry()
        handlers.register(barrier, lambdaFunction: "work")
        let result = try await run(
            Self.mapDefinition(#""MaxConcurrency": \#(limit),"#), input: Self.items(30), handlers: handlers)
        #expect(result.status == .succeeded, "\(result.error ?? ""): \(result.cause ?? "")")
        #expect(barrier.peak == limit)
        #expect(result.output == (try json("[" + (0..<30).map(String.init).joined(separator: ",") + "]")))
    }

    /// Without `MaxConcurrency`, AWS's quota of 40 inline iterations is reached and not passed.
    @Test func mapConcurrencyDefaultsToAWSQuotaOfForty() async throws {
        let barrier = ConcurrencyBarrier(width: 40)
        var handlers = HandlerRegistry()
        handlers.register(barrier, lambdaFunction: "work")
        let result = try await run(Self.mapDefinition(""), input: Self.items(100), handlers: handlers)
        #expect(result.status == .succeeded, "\(result.error ?? ""): \(result.cause ?? "")")
        #expect(barrier.peak == 40)
        #expect(result.eventTypes.filter { $0 == "MapIterationStarted" }.count == 100)
    }

    /// The quota applies under a `MaxConcurrency` above it, and a lowered quota is reached too.
    @Test(arguments: [(maxConcurrency: 10, quota: 4), (maxConcurrency: 0, quota: 5), (maxConcurrency: 3, quota: 8)])
    func mapConcurrencyIsTheSmallerOfMaxConcurrencyAndTheQuota(_ limits: (maxConcurrency: Int, quota: Int))
        async throws
    {
        let expected = limits.maxConcurrency == 0 ? limits.quota : min(limits.maxConcurrency, limits.quota)
        let barrier = ConcurrencyBarrier(width: expected)
        var handlers = HandlerRegistry()
        handlers.register(barrier, lambdaFunction: "work")
        var options = ExecutionOptions()
        options.quotas.maximumInlineMapConcurrency = limits.quota
        let result = try await run(
            Self.mapDefinition(#""MaxConcurrency": \#(limits.maxConcurrency),"#), input: Self.items(20),
            handlers: handlers, options: options)
        #expect(result.status == .succeeded, "\(result.error ?? ""): \(result.cause ?? "")")
        #expect(barrier.peak == expected)
    }

    @Test func itemSelectorSeesTheMapItemInTheContext() async throws {
        let result = try await run(
            #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
              "ItemSelector": {"i.$": "$$.Map.Item.Index", "v.$": "$$.Map.Item.Value", "tag.$": "$.tag"},
              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
            """#, input: #"{"items": ["a", "b"], "tag": "t"}"#)
        #expect(result.output == (try json(#"[{"i": 0, "v": "a", "tag": "t"}, {"i": 1, "v": "b", "tag": "t"}]"#)))
    }

    @Test func legacyParametersAndIteratorStillWork() async throws {
        let result = try await run(
            #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
              "Parameters": {"v.$": "$$.Map.Item.Value"},
              "Iterator": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
            """#, input: #"{"items": [1, 2]}"#)
        #expect(result.output == (try json(#"[{"v": 1}, {"v": 2}]"#)))
    }

    @Test func firstFailingIterationFailsTheMapWithItsError() async throws {
        var handlers = HandlerRegistry()
        handlers.register(
            ClosureTaskHandler { request in
                if request.parameters == 3 { throw StatesError("Bad.Item", "item 3") }
                return request.parameters
            }, lambdaFunction: "work")
        let result = try await run(
            Self.mapDefinition(#""MaxConcurrency": 1,"#), input: Self.items(6), handlers: handlers)
        #expect(result.status == .failed)
        #expect(result.error == "Bad.Item")
        #expect(result.cause == "item 3")
        #expect(result.eventTypes.contains("MapIterationFailed"))
        #expect(result.eventTypes.suffix(2) == ["MapStateFailed", "ExecutionFailed"])
    }

    /// `States.Runtime` in an iteration ends the execution at once: no `MapIterationFailed`, no
    /// `MapStateFailed`, not tolerated by `ToleratedFailureCount`, not caught by `States.ALL`
    /// (SPEC-NOTES.md §5.1, "Errors and their matching").
    @Test(arguments: ["", #""ToleratedFailureCount": 5,"#, #""ToleratedFailurePercentage": 100,"#])
    func aRuntimeErrorInAnIterationEndsTheExecutionAtOnce(_ tolerance: String) async throws {
        let result = try await run(
            #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
            """# + tolerance + #"""
                  "ItemProcessor": {"StartAt": "Broken", "States": {
                    "Broken": {"Type": "Pass", "Parameters": {"x.$": "$.missing"}, "End": true}}},
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}],
                  "End": true},
                 "Caught": {"Type": "Succeed"}}}
                """#, input: #"{"items": [1, 2]}"#)
        #expect(result.status == .failed)
        #expect(result.error == "States.Runtime")
        #expect(
            result.eventTypes == [
                "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapIterationStarted", "PassStateEntered",
                "ExecutionFailed",
            ])
    }

    @Test func toleratedFailuresKeepErrorOutputsUntilTheThreshold() async throws {
        var handlers = HandlerRegistry()
        handlers.register(
            ClosureTaskHandler { request in
                if let n = request.parameters.numberValue?.int64Value, n % 3 == 0 { throw StatesError("Bad", "n=\(n)") }
                return request.parameters
            }, lambdaFunction: "work")
        let tolerated = try await run(
            Self.mapDefinition(#""MaxConcurrency": 1, "ToleratedFailureCount": 2,"#), input: Self.items(6),
            handlers: handlers)
        #expect(tolerated.status == .succeeded)
        #expect(
            tolerated.output
                == (try json(
                    #"[{"Error": "Bad", "Cause": "n=0"}, 1, 2, {"Error": "Bad", "Cause": "n=3"}, 4, 5]"#)))
        let exceeded = try await run(
            Self.mapDefinition(#""MaxConcurrency": 1, "ToleratedFailurePercentage": 20,"#), input: Self.items(6),
            handlers: handlers)
        #expect(exceeded.status == .failed)
        #expect(exceeded.error == "States.ExceedToleratedFailureThreshold")
    }

    @Test func parallelOutputsAreInBranchOrderAndVariablesStayInside() async throws {
        let result = try await run(
            #"""
            {"StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"who": "outer"}, "Next": "Both"},
              "Both": {"Type": "Parallel", "Branches": [
                {"StartAt": "Slow", "States": {"Slow": {"Type": "Wait", "Seconds": 9, "Next": "A"},
                   "A": {"Type": "Pass", "Parameters": {"b": 0, "who.$": "$who"}, "End": true}}},
                {"StartAt": "B", "States": {"B": {"Type": "Pass", "Assign": {"who": "inner"},
                   "Parameters": {"b": 1}, "End": true}}}],
               "Next": "After"},
              "After": {"Type": "Pass", "Parameters": {"branches.$": "$", "who.$": "$who"}, "End": true}}}
            """#)
        #expect(
            result.output
                == (try json(#"{"branches": [{"b": 0, "who": "outer"}, {"b": 1}], "who": "outer"}"#)))
        // The Parallel state ends when its slowest branch does (virtual time).
        let exited = try #require(result.history.first { $0.type == .parallelStateExited })
        #expect(exited.timestamp.timeIntervalSince(testEpoch) == 9)
    }

    @Test func aFailingBranchCancelsTheOthersAndFailsTheStateWithItsError() async throws {
        let started = Mutex(0)
        var handlers = HandlerRegistry()
        handlers.register(
            ClosureTaskHandler { request in
                started.withLock { $0 += 1 }
                try await Task.sleep(nanoseconds: 10_000_000_000)
                return .null
            }, lambdaFunction: "slow")
        let result = try await run(
            #"""
            {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "Branches": [
                {"StartAt": "Slow", "States": {"Slow": {"Type": "Task",
                   "Resource": "arn:aws:lambda:us-east-1:123456789012:function:slow", "End": true}}},
                {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Branch.Broke", "Cause": "b2"}}}],
               "End": true}}}
            """#, handlers: handlers)
        #expect(result.status == .failed)
        #expect(result.error == "Branch.Broke")
        #expect(result.cause == "b2")
        #expect(result.eventTypes.suffix(2) == ["ParallelStateFailed", "ExecutionFailed"])
    }

    @Test func aFailingIterationAbortsTheRunningOnesAfterItsFailureEvent() async throws {
        let started = Mutex(0)
        var handlers = HandlerRegistry()
        handlers.register(
            ClosureTaskHandler { _ in
                started.withLock { $0 += 1 }
                // Ends only by cancellation: with a shorter sleep, a loaded machine (the whole
                // suite on two cores) could start the gate's iteration after these had finished,
                // leaving nothing to abort.
                try await Task.sleep(nanoseconds: 600_000_000_000)
                return .null
            }, lambdaFunction: "slow")
        // Item 0 fails only once the other two are running, so there is something to abort.
        handlers.register(
            ClosureTaskHandler { _ in
                while started.withLock({ $0 }) < 2 { await Task.yield() }
                throw StatesError("Item.Failed")
            }, lambdaFunction: "gate")
        let machine = try machine(
            #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 3,
              "ItemProcessor": {"StartAt": "Route", "States": {
                "Route": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 0, "Next": "Boom"}],
                          "Default": "Slow"},
                "Slow": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:slow", "End": true},
                "Boom": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:gate",
                         "End": true}}},
              "End": true}}}
            """#)
        let executor = try Executor(
            machine: machine, handlers: handlers, options: ExecutionOptions(clock: VirtualClock(start: testEpoch)))
        let result = await executor.run(input: ["items": [1, 2, 0]])
        #expect(result.status == .failed)
        #expect(result.error == "Item.Failed")
        let failEvent = try #require(result.history.first { $0.type == .lambdaFunctionFailed })
        let aborted = result.history.filter { $0.type == .taskStateAborted || $0.type == .mapIterationAborted }
        #expect(aborted.filter { $0.type == .taskStateAborted }.count == 2)
        #expect(aborted.filter { $0.type == .mapIterationAborted }.count == 2)
        for event in aborted { #expect(event.previousEventId == failEvent.id, "\(event.type)") }
        #expect(result.eventTypes.suffix(2) == ["MapStateFailed", "ExecutionFailed"])
    }
}
