import Foundation
import Synchronization
import Testing

@testable import ASLCommands

/// The live progress line of `asl run`: drawn on a terminal's standard error only, rewritten
/// with `\r`, throttled, erased before any other output (issue 8 §4).
@Suite struct LiveProgressTests {
    /// A clock the test moves by hand.
    final class ManualClock: Sendable {
        private let nanoseconds = Mutex<UInt64>(1_000_000_000)
        func advance(milliseconds: UInt64) { nanoseconds.withLock { $0 += milliseconds * 1_000_000 } }
        var now: @Sendable () -> UInt64 { { self.nanoseconds.withLock { $0 } } }
    }

    @Test func drawsThrottlesPadsAndErases() {
        let fake = FakeIO(terminal: true)
        let clock = ManualClock()
        let line = LiveLine(io: fake.io, now: clock.now)
        line.update(source: "sim", text: "1 of 300 events simulated")
        line.update(source: "sim", text: "2 of 300 events simulated")  // within 100 ms: not drawn
        clock.advance(milliseconds: 100)
        line.update(source: "ingest", text: "2 records ingested, 0 waiting")
        clock.advance(milliseconds: 150)
        line.update(source: "sim", text: "300 of 300 events simulated")
        line.clear()
        line.clear()  // nothing shown: nothing written
        let first = "1 of 300 events simulated"
        let second = "2 of 300 events simulated · 2 records ingested, 0 waiting"
        let third = "300 of 300 events simulated · 2 records ingested, 0 waiting"
        #expect(
            fake.stderr
                == "\r" + first + "\r" + second + "\r" + third + "\r" + String(repeating: " ", count: third.count)
                + "\r")
    }

    @Test func otherOutputErasesTheLineFirstAndStartsAfresh() {
        let fake = FakeIO(terminal: true)
        let line = LiveLine(io: fake.io, now: ManualClock().now)
        let io = line.wrapping(fake.io)
        line.update(source: "job", text: "4,096 rows written from 10 files")
        io.writeError("✓ StartGlueJob (Task) 1.000s\n")
        line.update(source: "sim", text: "5 of 9 events simulated")  // drawn at once after a write
        io.writeOutput("{}\n")
        let erase = "\r" + String(repeating: " ", count: 32) + "\r"
        let erase2 = "\r" + String(repeating: " ", count: 23) + "\r"
        #expect(
            fake.stderr == "\r4,096 rows written from 10 files" + erase + "✓ StartGlueJob (Task) 1.000s\n"
                + "\r5 of 9 events simulated" + erase2)
        #expect(fake.stdout == "{}\n")
    }

    @Test func aLongLineIsCutBeforeItWouldWrapAndControlsAreEscaped() {
        let fake = FakeIO(terminal: true)
        let line = LiveLine(io: fake.io, now: ManualClock().now)
        line.update(source: "x", text: "a\u{1B}[2J" + String(repeating: "b", count: 200))
        let drawn = fake.stderr.dropFirst()
        #expect(drawn.count == LiveLine.maximumWidth)
        #expect(drawn.hasSuffix("…"))
        #expect(!drawn.contains("\u{1B}"))
    }

    @Test func nothingIsDrawnWhenStandardErrorIsNotATerminal() {
        let fake = FakeIO(terminal: false)
        let line = LiveLine(io: fake.io)
        line.update(source: "sim", text: "1 of 3 events simulated")
        line.wrapping(fake.io).writeError("next\n")
        line.clear()
        #expect(fake.stderr == "next\n")
    }

    // MARK: `asl run`

    static let definition = #"""
        {"StartAt": "Simulate", "States": {
          "Simulate": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:sim", "Next": "Wait"},
          "Wait": {"Type": "Wait", "Seconds": 5, "End": true}}}
        """#
    static let configuration = #"""
        {"streams": {"data": {}},
         "functions": {"sim": {"handler": "simulator", "stream": "data", "recordCount": 30, "eventsPerSecond": 10},
                       "ingest": {"handler": "ingest", "stream": "data", "batchSize": 4, "rawBucket": "raw-bucket"}}}
        """#

    /// Runs the simulator and the ingest into a fresh data directory, in-process.
    static func runPipeline(terminal: Bool, extra: [String] = []) async throws -> (ExitCode, FakeIO) {
        let directory = FileManager.default.temporaryDirectory.appending(path: "asl-live-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let fake = FakeIO(
            files: ["dir/m.json": definition, "dir/asl.config.json": configuration], terminal: terminal)
        let code = await ASLMain.main(
            arguments: ["asl", "run", "dir/m.json", "--data-dir", directory.path(percentEncoded: false)] + extra,
            io: fake.io)
        return (code, fake)
    }

    /// A refused setting ends the text form with its sentence, not the Lambda cause's JSON;
    /// `--format json` keeps the cause as AWS reports it.
    @Test func aRefusedSettingEndsTheRunWithItsSentence() async throws {
        let (code, fake) = try await Self.runPipeline(
            terminal: false, extra: ["--input", #"{"RECORD_COUNT": "many"}"#])
        #expect(code == .failure)
        #expect(
            fake.stderr.hasSuffix(
                #"Execution FAILED in 0.000s of virtual time: ValueError: RECORD_COUNT must be a number (or text "#
                    + #"holding one); got "many". Give e.g. {"RECORD_COUNT": 20}."# + "\n"))
        let (_, json) = try await Self.runPipeline(
            terminal: false, extra: ["--input", #"{"RECORD_COUNT": "many"}"#, "--format", "json"])
        #expect(json.stdout.contains(#""cause":"{\"errorMessage\":\"RECORD_COUNT must be a number"#))
    }

    @Test(arguments: [
        (#"{"errorMessage":"m","errorType":"E","requestId":"r","stackTrace":[]}"#, "m"),
        (#"{"errorMessage":"m","errorType":"E"}"#, "m"),
        (#"{"errorMessage":"m","errorType":"E","stackTrace":["  File \"h.py\", line 3"]}"#, nil),
        (#"{"errorMessage":"m","extra":1}"#, nil),
        (#"{"errorType":"E"}"#, nil),
        ("plain text", nil),
        ("{not json", nil),
    ])
    func onlyAMessageOnlyCauseIsShortened(_ cause: String, _ shown: String?) {
        #expect(LambdaCause.readable(cause) == (shown ?? cause))
    }

    @Test func aRunOnATerminalShowsTheServicesProgressAndErasesIt() async throws {
        let (code, fake) = try await Self.runPipeline(terminal: true)
        #expect(code == .success)
        let stderr = fake.stderr
        #expect(stderr.contains("\r0 of 30 events simulated"))
        #expect(stderr.contains("records ingested"))
        // Erased before the state's exit line, which starts on a clean row.
        let exit = try #require(stderr.range(of: "✓ Simulate (Task)"))
        #expect(stderr[..<exit.lowerBound].hasSuffix("\r"))
        #expect(stderr.contains("  events simulated:      30"))
    }

    @Test func aRunWhoseStandardErrorIsNotATerminalShowsNoProgressLine() async throws {
        let (code, fake) = try await Self.runPipeline(terminal: false)
        #expect(code == .success)
        #expect(!fake.stderr.contains("\r"))
        #expect(!fake.stderr.contains("of 30 events simulated"))
        #expect(!fake.stderr.contains("records ingested,"))
        #expect(fake.stderr.contains("  events simulated:      30"))
    }
}
