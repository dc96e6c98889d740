import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Synchronization
import Testing

/// Counts how many calls are in flight at once.
final class InFlightGauge: TaskHandler {
    private let state = Mutex<(current: Int, peak: Int)>((0, 0))

    var peak: Int { state.withLock { $0.peak } }

    func handle(_ request: TaskRequest) async throws -> JSON {
        state.withLock { value in
            value.current += 1
            value.peak = max(value.peak, value.current)
        }
        // Give other iterations the chance to start while this one is "busy".
        for _ in 0..<20 { await Task.yield() }
        state.withLock { $0.current -= 1 }
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

    @Test(arguments: [1, 3, 7])
    func mapNeverRunsMoreThanMaxConcurrency(_ limit: Int) async throws {
        let gauge = InFlightGauge()
        var handlers = HandlerRegistry()
        handlers.register(gauge, lambdaFunction: "work")
        let result = try await run(
            Self.mapDefinition(#""MaxConcurrency": \#(limit),"#), input: Self.items(30), handlers: handlers)
        #expect(result.status == .succeeded)
        #expect(gauge.peak <= limit)
        #expect(result.output == (try json("[" + (0..<30).map(String.init).joined(separator: ",") + "]")))
    }

    @Test func mapConcurrencyDefaultsToAWSQuotaOfForty() async throws {
        let gauge = InFlightGauge()
        var handlers = HandlerRegistry()
        handlers.register(gauge, lambdaFunction: "work")
        let result = try await run(Self.mapDefinition(""), input: Self.items(100), handlers: handlers)
        #expect(result.status == .succeeded)
        #expect(gauge.peak <= 40)
        #expect(result.eventTypes.filter { $0 == "MapIterationStarted" }.count == 100)
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
                try await Task.sleep(nanoseconds: 30_000_000_000)
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
