import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// `CommandTaskHandler` runs real programs (`/bin/sh`): results, exit codes, standard error as the
/// cause, outputs larger than a pipe holds, an injected environment, and cancellation of a
/// program that ignores SIGTERM.
@Suite struct CommandTaskHandlerTests {
    static func request(_ parameters: JSON = .object(JSONObject())) -> TaskRequest {
        TaskRequest(
            resource: TaskResource("arn:aws:lambda:us-east-1:123456789012:function:f"), stateName: "Call",
            parameters: parameters)
    }

    static func shell(_ script: String, environment: [String: String] = [:]) -> CommandTaskHandler {
        CommandTaskHandler(["/bin/sh", "-c", script], environment: environment, terminationGraceSeconds: 0.2)
    }

    enum Outcome: Equatable {
        case returns(JSON)
        case fails(String, String?)
    }

    static func outcome(_ handler: CommandTaskHandler, _ parameters: JSON = .object(JSONObject())) async -> Outcome {
        do {
            return .returns(try await handler.handle(request(parameters)))
        } catch let error as StatesError {
            return .fails(error.name.rawValue, error.cause)
        } catch {
            return .fails("unexpected", "\(error)")
        }
    }

    @Test(arguments: [
        (#"cat"#, Outcome.returns(["a": 1])),
        (#"printf ''"#, .returns(.null)),
        (#"echo 'oops: bad input' >&2; exit 3"#, .fails("States.TaskFailed", "oops: bad input")),
        (#"exit 4"#, .fails("States.TaskFailed", "/bin/sh exited with status 4")),
        (
            #"printf '{"errorType": "Custom.Error", "errorMessage": "m"}'; exit 1"#,
            .fails("Custom.Error", #"{"errorType":"Custom.Error","errorMessage":"m"}"#)
        ),
        (
            #"echo not json"#,
            .fails(
                "States.TaskFailed",
                "/bin/sh printed output that is not JSON (unexpected character 'o'; expected 'null'): not json")
        ),
    ])
    func exitCodesAndOutputs(script: String, expected: Outcome) async {
        #expect(await Self.outcome(Self.shell(script), ["a": 1]) == expected)
    }

    @Test func outputLargerThanAPipeBeforeReadingInputDoesNotDeadlock() async {
        // 1 MB printed before the program reads its 1 MB input: both pipes overflow unless the
        // handler writes and reads at the same time.
        let payload = String(repeating: "x", count: 1_000_000)
        let script = #"head -c 1000000 /dev/zero | tr '\0' 'y' | sed 's/.*/"&"/'; cat > /dev/null"#
        let result = await Self.outcome(Self.shell(script), ["payload": .string(payload)])
        #expect(result == .returns(.string(String(repeating: "y", count: 1_000_000))))
    }

    @Test func outputBeyondLambdasLimitFailsTheTask() async {
        let script = #"head -c 7000000 /dev/zero | tr '\0' '1'"#
        let result = await Self.outcome(Self.shell(script))
        #expect(
            result
                == .fails(
                    "States.TaskFailed",
                    "/bin/sh printed more than 6291456 bytes on standard output (Lambda's response payload limit)"))
    }

    @Test func aLongStandardErrorKeepsItsEnd() async {
        let script = #"head -c 100000 /dev/zero | tr '\0' 'e' >&2; echo ' the end' >&2; exit 1"#
        guard case .fails(_, let cause) = await Self.outcome(Self.shell(script)) else {
            Issue.record("expected a failure")
            return
        }
        #expect(cause?.hasSuffix("e the end") == true)
        #expect((cause?.utf8.count ?? 0) <= CommandTaskHandler.maximumCauseBytes)
    }

    @Test func theEnvironmentIsExactlyTheInjectedOne() async {
        let script = #"printf '["%s", "%s"]' "$GREETING" "${HOME-unset}""#
        let result = await Self.outcome(Self.shell(script, environment: ["GREETING": "hi"]))
        #expect(result == .returns(["hi", "unset"]))
    }

    @Test func cancellingStopsAProgramThatIgnoresSIGTERM() async {
        let handler = Self.shell(#"trap '' TERM; echo started >&2; while :; do sleep 0.05; done"#)
        let task = Task { await Self.outcome(handler) }
        // Cancelled at some point: before, while or after the program starts; all must end.
        task.cancel()
        let result = await task.value
        #expect(result == .fails("unexpected", "CancellationError()"))
    }

    @Test func cancellingARunningProgramEndsIt() async {
        let handler = Self.shell(#"trap '' TERM; printf x > /dev/stderr; while :; do sleep 0.05; done"#)
        let task = Task { await Self.outcome(handler) }
        try? await Task.sleep(nanoseconds: 300_000_000)
        task.cancel()
        // Ends (SIGKILL after the grace), and as a cancellation, not as a result or a States error.
        let result = await task.value
        #expect(result == .fails("unexpected", "CancellationError()"))
    }

    /// Several programs that ignore SIGTERM, cancelled together, all end: their pipe readers and
    /// SIGKILL timers run on threads of their own, so blocked reads cannot starve the timers.
    @Test func cancellingManyProgramsThatIgnoreSIGTERMEndsThemAll() async {
        let handler = Self.shell(#"trap '' TERM; printf x > /dev/stderr; while :; do sleep 0.05; done"#)
        let tasks = (0..<12).map { _ in Task { await Self.outcome(handler) } }
        try? await Task.sleep(nanoseconds: 300_000_000)
        for task in tasks { task.cancel() }
        for task in tasks {
            let result = await task.value
            #expect(result == .fails("unexpected", "CancellationError()"))
        }
    }

    #if os(Linux)
        /// The program starts with no signal blocked. The threads that start it (Swift
        /// concurrency's, Dispatch's) block nearly every signal and a child inherits its parent
        /// thread's mask, so SIGTERM on a timeout or an abort, and Ctrl-C, never reached it and only
        /// the SIGKILL after the grace ended it.
        @Test func theProgramStartsWithNoSignalBlocked() async {
            let result = await Self.outcome(Self.shell(#"printf '"%s"' "$(grep SigBlk /proc/self/status | cut -f2)""#))
            #expect(result == .returns("0000000000000000"))
        }

        /// Under a virtual clock nothing else would end a program that never exits (the
        /// executor's limits end waits on that clock, which stands still while the program runs):
        /// it gets the task's TimeoutSeconds in real seconds and the task fails with States.Timeout
        /// at the deadline of the virtual timeline.
        @Test func aProgramThatNeverExitsTimesOutUnderAVirtualClock() async throws {
            var handlers = HandlerRegistry()
            handlers.register(Self.shell("exec sleep 1000"), lambdaFunction: "f")
            let result = try await run(
                #"""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "TimeoutSeconds": 1,
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true}}}
                """#, handlers: handlers)
            #expect(result.status == .failed)
            #expect(result.error == "States.Timeout")
            #expect(result.stopDate == testEpoch.addingTimeInterval(1))
        }

        /// The execution's own TimeoutSeconds ends such a program too: the execution TIMED_OUT.
        @Test func aProgramThatNeverExitsEndsAtTheExecutionsTimeout() async throws {
            var handlers = HandlerRegistry()
            handlers.register(Self.shell("exec sleep 1000"), lambdaFunction: "f")
            let result = try await run(
                #"""
                {"TimeoutSeconds": 1, "StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true}}}
                """#, handlers: handlers)
            #expect(result.status == .timedOut)
            #expect(result.error == nil)
        }
    #endif
}
