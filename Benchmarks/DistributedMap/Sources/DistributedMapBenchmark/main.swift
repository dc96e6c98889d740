import Foundation
import JSONCore
import LocalAWS
import StatesLanguage
import StatesRuntime
import Synchronization

// A Distributed Map over a 1,000,000-row CSV in the local bucket of a temporary data directory:
// batches of 1,000 items, a Pass state in each child, EXPRESS children, ResultWriter on (its
// files in the same local S3). Reports items/s on both cores and peak memory (getrusage max
// RSS); targets ≥ 500,000 items/s and < 256 MiB. Then the same with history on: the parent's
// history kept and every child's events written to a file of its own, as `asl run --history`
// does.
//
// Usage: DistributedMapBenchmark [off|on|all] [rows]

let mode = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "all"
let rows = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 1_000_000 : 1_000_000

func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

let definition = #"""
    {"StartAt": "Map", "States": {"Map": {"Type": "Map", "Label": "bench",
      "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
        "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
        "Parameters": {"Bucket": "bench-input", "Key": "rows.csv"}},
      "ItemBatcher": {"MaxItemsPerBatch": 1000},
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
        "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
      "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
        "Parameters": {"Bucket": "bench-output", "Prefix": "runs"}},
      "End": true}}}
    """#

let analysis = DefinitionAnalyzer.analyze(SourceFile(path: "bench.asl.json", bytes: Array(definition.utf8)))
guard let machine = analysis.machine, !analysis.hasErrors else { fail("\(analysis.diagnostics.map(\.message))") }

let root = FileManager.default.temporaryDirectory.appending(path: "asl-dmap-bench-\(getpid())")
defer { try? FileManager.default.removeItem(at: root) }
let store = ObjectStore(dataDirectory: root)

// The CSV, generated in pieces straight to the bucket's folder (not held in memory).
do {
    let folder = store.rootPath + "/bench-input"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: store.rootPath + "/bench-output", withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: folder + "/rows.csv", contents: nil)
    guard let handle = FileHandle(forWritingAtPath: folder + "/rows.csv") else { fail("cannot write the CSV") }
    var chunk = "id,user,amount,country,note\n"
    for row in 0..<rows {
        chunk += "\(row),user-\(row % 9973),\(row % 1000).\(row % 100),\(["FR", "US", "JP", "BR"][row % 4]),\"a, b\"\n"
        if chunk.utf8.count > 1 << 20 {
            handle.write(Data(chunk.utf8))
            chunk = ""
        }
    }
    handle.write(Data(chunk.utf8))
    try handle.close()
} catch {
    fail("cannot generate the CSV: \(error)")
}

/// Every child's events as a file of its own (JSON array), as `asl run --history` keeps them.
final class ChildHistories: Sendable {
    let folder: String
    let events = Atomic<Int>(0)

    init(folder: String) {
        self.folder = folder
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func open(_ start: ChildExecutionStart) -> ChildHistorySink? {
        let buffer = Mutex<[UInt8]>([UInt8(ascii: "[")])
        let path = folder + "/" + start.name + ".json"
        return ChildHistorySink(
            record: { event in
                let bytes = JSONWriter.compactBytes(event.json())
                buffer.withLock {
                    if $0.count > 1 { $0.append(UInt8(ascii: ",")) }
                    $0 += bytes
                }
                self.events.add(1, ordering: .relaxed)
            },
            finish: {
                let body = buffer.withLock { $0 + [UInt8(ascii: "]")] }
                _ = FileManager.default.createFile(atPath: path, contents: Data(body))
            })
    }
}

func measure(history: Bool) async -> (seconds: Double, items: Int) {
    var handlers = HandlerRegistry()
    handlers.itemReader = S3ItemReader(store: store)
    handlers.resultWriter = S3ResultWriter(store: store)
    var options = ExecutionOptions(recordsHistory: history)
    var quotas = Quotas()
    quotas.maximumPayloadBytes = nil
    options.quotas = quotas
    let children = history ? ChildHistories(folder: root.appending(path: "history").path) : nil
    if let children { options.childHistory = { children.open($0) } }
    let executor: Executor
    do {
        executor = try Executor(machine: machine, handlers: handlers, options: options)
    } catch {
        fail("\(error)")
    }
    let start = DispatchTime.now().uptimeNanoseconds
    let result = await executor.run(input: [:])
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    guard result.status == .succeeded, let summary = result.mapRuns.first else {
        fail("the run ended \(result.status): \(result.error ?? "") \(result.cause ?? "")")
    }
    if let children { print("  child history events written: \(children.events.load(ordering: .relaxed))") }
    return (seconds, summary.itemCounts.succeeded)
}

for history in [false, true] where mode == "all" || mode == (history ? "on" : "off") {
    let (seconds, _) = await measure(history: history)
    let rate = Double(rows) / seconds
    print(
        String(
            format: "Distributed Map, %d CSV rows, batches of 1,000, history %@: %.2f s, %.0f items/s, peak %.0f MiB",
            rows, history ? "on" : "off", seconds, rate, peakMemoryMiB()))
}
