import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime

// 1. A Pass/Choice loop counting with States.MathAdd: state transitions per second on one core,
//    history recording off and on (targets: > 1,000,000/s off, > 300,000/s on).
//    The same loop in JSONata (`Assign` of a counter variable, `Output`, a Choice `Condition`),
//    history off (target: at least half the JSONPath loop's rate in the same run).
// 2. An inline Map over 1,000,000 items with a Pass inside, no concurrency limit, both cores
//    (target: < 3 s, peak memory < 1 GiB).
//
// Usage: RuntimeBenchmark [loop|loop-off|jsonata|map|all] [iterations]

let mode = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "all"
let loopCount = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 500_000 : 500_000

func machine(_ text: String) -> StateMachine {
    let analysis = DefinitionAnalyzer.analyze(SourceFile(path: "bench.asl.json", bytes: Array(text.utf8)))
    guard let machine = analysis.machine, !analysis.hasErrors else {
        print(analysis.diagnostics.map(\.message))
        exit(1)
    }
    return machine
}

func peakMemoryMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kilobytes / 1024
    }
    return 0
}

func seconds(_ body: () async -> Void) async -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    await body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let loop = machine(
    """
    {"StartAt": "Add", "States": {
      "Add": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)", "n.$": "$.n"}, "Next": "Check"},
      "Check": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThanPath": "$.n", "Next": "Add"}],
                "Default": "Done"},
      "Done": {"Type": "Succeed"}}}
    """)

let jsonataLoop = machine(
    """
    {"QueryLanguage": "JSONata", "StartAt": "Init", "States": {
      "Init": {"Type": "Pass", "Assign": {"i": "{% $states.input.i %}"}, "Next": "Add"},
      "Add": {"Type": "Pass", "Assign": {"i": "{% $i + 1 %}"},
              "Output": {"i": "{% $i + 1 %}", "n": "{% $states.input.n %}"}, "Next": "Check"},
      "Check": {"Type": "Choice", "Choices": [{"Condition": "{% $i < $states.input.n %}", "Next": "Add"}],
                "Default": "Done"},
      "Done": {"Type": "Succeed"}}}
    """)

/// The CPU time this process has used, in seconds (all threads): on a machine shared with
/// other work it counts only this benchmark's own running, where wall time also counts waiting.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Runs `machine` (history off) counting to `count`; prints and returns transitions per second
/// of wall time and of CPU time.
func runLoop(
    _ machine: StateMachine, label: String, count: Int, extraTransitions: Int
) async throws -> (wall: Double, cpu: Double) {
    var options = ExecutionOptions(clock: VirtualClock(start: Date(timeIntervalSince1970: 0)))
    options.quotas = .unlimited
    options.recordsHistory = false
    let executor = try Executor(machine: machine, options: options)
    var result: ExecutionResult?
    let cpuStart = processCPUSeconds()
    let elapsed = await seconds { result = await executor.run(input: ["i": 0, "n": .number(JSONNumber(count))]) }
    let cpu = processCPUSeconds() - cpuStart
    let transitions = Double(count * 2 + extraTransitions)
    let rate = transitions / elapsed
    let counted = result?.output?.objectValue?["i"].map { "\($0)" } ?? "-"
    print(
        String(
            format:
                "%@, history off: %d iterations, %.0f transitions in %.3f s = %.0f transitions/s "
                + "(CPU %.3f s = %.0f/s) (%@, i = %@)",
            label, count, transitions, elapsed, rate, cpu, transitions / cpu, result?.status.rawValue ?? "?", counted))
    return (rate, transitions / cpu)
}

if mode == "jsonata" || mode == "all" {
    // Alternates the two loops so that a noisy machine affects both alike.
    var ratios: [Double] = []
    var cpuRatios: [Double] = []
    for _ in 0..<3 {
        let path = try await runLoop(loop, label: "JSONPath loop", count: loopCount, extraTransitions: 1)
        let jsonata = try await runLoop(jsonataLoop, label: "JSONata loop ", count: loopCount, extraTransitions: 2)
        ratios.append(jsonata.wall / path.wall)
        cpuRatios.append(jsonata.cpu / path.cpu)
    }
    print("JSONata/JSONPath rate ratios: " + ratios.map { String(format: "%.2f", $0) }.joined(separator: ", "))
    print("  by CPU time: " + cpuRatios.map { String(format: "%.2f", $0) }.joined(separator: ", "))
}

if mode == "loop" || mode == "loop-off" || mode == "all" {
    for recording in mode == "loop-off" ? [false] : [false, true] {
        var options = ExecutionOptions(clock: VirtualClock(start: Date(timeIntervalSince1970: 0)))
        options.quotas = .unlimited
        options.recordsHistory = recording
        // Keeps every event of the run (over a million): the memory guard is lifted with the quotas.
        options.maximumRetainedHistoryEvents = nil
        let executor = try Executor(machine: loop, options: options)
        let count = recording ? loopCount / 2 : loopCount
        var result: ExecutionResult?
        let elapsed = await seconds { result = await executor.run(input: ["i": 0, "n": .number(JSONNumber(count))]) }
        let transitions = Double(count * 2 + 1)
        let status = result?.status.rawValue ?? "?"
        print(
            String(
                format: "loop, history %@: %d iterations, %.0f transitions in %.3f s = %.0f transitions/s (%@)",
                recording ? "on " : "off", count, transitions, elapsed, transitions / elapsed, status))
    }
}

if mode == "map" || mode == "all" {
    let map = machine(
        """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map",
          "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
        """)
    let items = JSON.array((0..<1_000_000).map { .number(JSONNumber($0)) })
    var options = ExecutionOptions(clock: VirtualClock(start: Date(timeIntervalSince1970: 0)))
    options.quotas = .unlimited
    options.recordsHistory = false
    let executor = try Executor(machine: map, options: options)
    var result: ExecutionResult?
    let elapsed = await seconds { result = await executor.run(input: items) }
    let count = result?.output?.arrayValue?.count ?? 0
    print(
        String(
            format: "map of 1,000,000 items: %.3f s (%@, %d results), peak memory %.0f MiB",
            elapsed, result?.status.rawValue ?? "?", count, peakMemoryMiB()))
}
