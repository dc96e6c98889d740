import Clickstream
import Foundation
import LocalAWS
import Parquet
import Synchronization

// Generates clickstream events like the simulator's, as JSON Lines files (`YYYY/MM/DD/<id>.json`,
// 10,000 events each) and as one object per file, then times ClickstreamETL.run on each and
// reports events/s, MB/s and the process's peak resident memory (VmHWM, cumulative).
// The data is generated once per size into --dir and reused.

struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func hex(_ count: Int) -> String {
        var text = ""
        while text.count < count { text += String(next(), radix: 16) }
        return String(text.prefix(count))
    }
    mutating func uuid() -> String { "\(hex(8))-\(hex(4))-4\(hex(3))-a\(hex(3))-\(hex(12))" }
}

struct Options {
    var events = 1_000_000
    var objects = 100_000
    var eventsPerFile = 10_000
    var mode = "both"
    var directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("etl-bench")
    /// `--mode spark`: the Spark master and the Glue script (default: the clickstream example's).
    var master = "local[2]"
    var script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../../Examples/clickstream/glue/clickstream_etl.py").standardizedFileURL.path

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            let value = iterator.next() ?? ""
            switch argument {
            case "--events": events = Int(value) ?? events
            case "--objects": objects = Int(value) ?? objects
            case "--events-per-file": eventsPerFile = Int(value) ?? eventsPerFile
            case "--mode": mode = value
            case "--dir": directory = URL(fileURLWithPath: value)
            case "--master": master = value
            case "--script": script = value
            default:
                print(
                    "usage: ETLBenchmark [--events N] [--objects N] [--events-per-file N] "
                        + "[--mode lines|objects|both|spark] [--dir PATH] [--master local[2]] [--script PATH]"
                )
                exit(2)
            }
        }
    }
}

/// The UTC civil date of a Unix time, and the second of that day (H. Hinnant's civil_from_days).
func civil(_ unix: Int) -> (year: Int, month: Int, day: Int, second: Int) {
    let days = unix / 86_400
    let z = days + 719_468
    let era = z / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - (153 * mp + 2) / 5 + 1, unix % 86_400)
}

/// Writes `count` events under `root`, `perFile` per file; returns the bytes written.
func generate(count: Int, perFile: Int, root: URL, seed: UInt64) throws -> Int {
    let marker = root.appendingPathComponent("_COMPLETE-\(count)-\(perFile)")
    if FileManager.default.fileExists(atPath: marker.path) {
        return Int((try? String(contentsOf: marker, encoding: .utf8)).flatMap { Int($0) } ?? 0)
    }
    try? FileManager.default.removeItem(at: root)
    var random = SplitMix64(state: seed)
    let types = ["page_view", "page_view", "page_view", "click", "add_to_cart", "purchase", "search", "scroll"]
    let sections = ["products", "category", "cart", "checkout", "search", "account", "deals", "blog"]
    let referrers = [
        "https://www.google.com/search?q=running+shoes", "https://www.bing.com/search?q=deals",
        "https://www.facebook.com/", "https://t.co/abc123", "https://news.ycombinator.com/",
        "https://shop.example.com/", "https://www.instagram.com/", "https://duckduckgo.com/?q=shop",
    ]
    let devices = ["mobile", "mobile", "desktop", "tablet"]
    let browsers = ["Chrome", "Safari", "Firefox", "Edge", "Samsung Internet"]
    let places = [
        ("US", "Seattle"), ("US", "New York"), ("US", "Austin"), ("GB", "London"), ("DE", "Berlin"), ("FR", "Paris"),
        ("JP", "Tokyo"), ("BR", "Sao Paulo"), ("IN", "Bengaluru"), ("CA", "Toronto"), ("AU", "Sydney"),
        ("NL", "Amsterdam"), ("ES", "Madrid"), ("IT", "Milan"), ("SE", "Stockholm"), ("MX", "Mexico City"),
    ]
    let sessions = (0..<5000).map { _ in random.uuid() }
    let start = 1_795_478_400  // 2026-11-24T00:00:00Z; events span three days
    var written = 0
    var index = 0
    while index < count {
        let inFile = min(perFile, count - index)
        let first = civil(start + Int(Double(index) / Double(count) * 3 * 86_400))
        let folder = root.appendingPathComponent(String(format: "%04d/%02d/%02d", first.year, first.month, first.day))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var text = ""
        text.reserveCapacity(inFile * 320)
        for offset in 0..<inFile {
            let event = index + offset
            let seconds = start + Int(Double(event) / Double(count) * 3 * 86_400)
            let micros = random.below(1_000_000)
            let c = civil(seconds)
            let time = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d.%06d", c.year, c.month, c.day, c.second / 3600,
                c.second / 60 % 60, c.second % 60, micros)
            let place = places[random.below(places.count)]
            let referrer = random.below(3) == 0 ? "null" : "\"\(referrers[random.below(referrers.count)])\""
            let section = sections[random.below(sections.count)]
            text += "{\"user_id\": \"user_\(String(format: "%06d", random.below(20_000)))\", "
            text += "\"session_id\": \"\(sessions[random.below(sessions.count)])\", \"event_time\": \"\(time)\", "
            text += "\"event_type\": \"\(types[random.below(types.count)])\", "
            text += "\"page_url\": \"https://shop.example.com/\(section)/item-\(random.below(2000))\", "
            text += "\"referrer_url\": \(referrer), \"device_type\": \"\(devices[random.below(devices.count)])\", "
            text += "\"browser\": \"\(browsers[random.below(browsers.count)])\", \"geo\": {\"ip\": "
            text += "\"\(random.below(223) + 1).\(random.below(256)).\(random.below(256)).\(random.below(256))\", "
            text += "\"country\": \"\(place.0)\", \"city\": \"\(place.1)\"}}\n"
        }
        let data = Data(text.utf8)
        try data.write(to: folder.appendingPathComponent("\(random.uuid()).json"))
        written += data.count
        index += inFile
    }
    try Data(String(written).utf8).write(to: marker)
    return written
}

func peakResidentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
    }
    return -1
}

/// User plus system CPU seconds of the process so far (both threads).
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func measure(_ name: String, input: URL, bytes: Int, events: Int, output: URL) throws {
    let clock = ContinuousClock()
    var report = ETLReport()
    let cpuBefore = cpuSeconds()
    let elapsed = try clock.measure {
        report = try ClickstreamETL.run(ETLJobSpec(inputDirectory: input, outputDirectory: output))
    }
    let cpu = cpuSeconds() - cpuBefore
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(
        String(
            format: "%@: %d events, %.1f MB in %.3f s: %.0f events/s, %.1f MB/s; %d files, %d rows, %.1f MB Parquet",
            name, events, Double(bytes) / 1e6, seconds, Double(events) / seconds, Double(bytes) / 1e6 / seconds,
            report.filesRead, report.rowsWritten, Double(report.bytesWritten) / 1e6))
    print(
        "  partitions: \(report.partitions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))"
    )
    print(String(format: "  CPU time (both threads): %.3f s", cpu))
    print("  peak RSS (VmHWM, cumulative): \(peakResidentKiB() / 1024) MiB")
    print("swift_seconds_\(name)=\(seconds)")
    print("swift_peak_mib_\(name)=\(peakResidentKiB() / 1024)")
}

/// The resident memory of `root` and its descendants (from `/proc`), in KiB.
func treeResidentKiB(_ root: Int32) -> Int {
    var parents: [Int32: Int32] = [:]
    var resident: [Int32: Int] = [:]
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
        guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { continue }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the name: state(0) ppid(1) … rss(21, in pages).
        guard fields.count > 21, let parent = Int32(fields[1]), let pages = Int(fields[21]) else { continue }
        parents[pid] = parent
        resident[pid] = pages * 4
    }
    var total = 0
    for (pid, kib) in resident {
        var current: Int32? = pid
        while let step = current, step > 1 {
            if step == root {
                total += kib
                break
            }
            current = parents[step]
        }
    }
    return total
}

/// Runs the Glue script on Spark (the `spark` engine, as `asl run` does) over the generated
/// lines, sampling the process tree's resident memory every 100 ms for its peak.
final class PeakSampler: Sendable {
    let peak = Mutex(0)
    let done = Mutex(false)
}

func measureSpark(_ options: Options, input: URL, events: Int, bytes: Int) throws {
    let data = options.directory.appendingPathComponent("spark-data")
    let output = options.directory.appendingPathComponent("out-spark")
    try? FileManager.default.removeItem(at: output)
    var job = GlueEngineJob(
        name: "etl-bench", inputDirectory: input, outputDirectory: output,
        parameters: [
            "script": .string(options.script), "master": .string(options.master),
            "defaultArguments": [
                "--raw_path": .string("file://" + input.path), "--processed_path": .string("file://" + output.path),
            ],
            "sparkConf": ["spark.driver.memory": "2g"], "python": "python3",
        ], dataDirectory: DataDirectory(data))
    job.runID = "jr_bench"
    job.environment = ProcessInfo.processInfo.environment
    let sampler = PeakSampler()
    let me = getpid()
    Thread {
        while !sampler.done.withLock({ $0 }) {
            let now = treeResidentKiB(me)
            sampler.peak.withLock { $0 = max($0, now) }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }.start()
    let clock = ContinuousClock()
    var report = ETLReport()
    let elapsed = try clock.measure { report = try SparkEngine().run(job) }
    sampler.done.withLock { $0 = true }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(
        String(
            format: "spark (%@): %d events, %.1f MB in %.3f s: %.0f events/s; %d rows, %.1f MB Parquet",
            options.master, events, Double(bytes) / 1e6, seconds, Double(events) / seconds, report.rowsWritten,
            Double(report.bytesWritten) / 1e6))
    print("  peak RSS (this process and Spark's, sampled): \(sampler.peak.withLock { $0 } / 1024) MiB")
    print("  log: \(data.path)/glue/etl-bench/jr_bench.log")
    print("spark_seconds=\(seconds)")
    print("spark_peak_mib=\(sampler.peak.withLock { $0 } / 1024)")
}

let options = Options(CommandLine.arguments)
do {
    if options.mode == "spark" {
        let input = options.directory.appendingPathComponent("lines-\(options.events)")
        let bytes = try generate(count: options.events, perFile: options.eventsPerFile, root: input, seed: 1)
        try measureSpark(options, input: input, events: options.events, bytes: bytes)
    }
    if options.mode == "lines" || options.mode == "both" {
        let input = options.directory.appendingPathComponent("lines-\(options.events)")
        let bytes = try generate(count: options.events, perFile: options.eventsPerFile, root: input, seed: 1)
        try measure(
            "lines", input: input, bytes: bytes, events: options.events,
            output: options.directory.appendingPathComponent("out-lines"))
    }
    if options.mode == "objects" || options.mode == "both" {
        let input = options.directory.appendingPathComponent("objects-\(options.objects)")
        let bytes = try generate(count: options.objects, perFile: 1, root: input, seed: 2)
        try measure(
            "objects", input: input, bytes: bytes, events: options.objects,
            output: options.directory.appendingPathComponent("out-objects"))
    }
} catch {
    print("benchmark failed: \(error)")
    exit(1)
}
