import ASLServer
import Foundation
import JSONCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

// `asl serve` under load: the server in-process on an ephemeral loopback port, N clients on
// keep-alive connections (a small raw-socket HTTP/1.1 client, one thread each), 1,000
// StartExecution calls, each execution polled with DescribeExecution until it is not RUNNING.
// Reports requests/s, p50/p99 latency per operation and peak RSS. Target (issue 12):
// ≥ 10,000 requests/s on the 2-core machine.
//
// Usage: ServeBenchmark [--fake] [--clients N] [--executions N] [--data-dir DIR]
//   --fake   a stand-in service (each execution answers RUNNING twice, then SUCCEEDED), to
//            measure the HTTP and protocol layers alone; without it, the services `asl serve`
//            builds (ServiceSet.standard), which creates a Pass machine first.

struct Options {
    var fake = false
    var clients = 32
    var executions = 1000
    var dataDirectory: String?

    init(_ arguments: [String]) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--fake": fake = true
            case "--clients": clients = rest.popFirst().flatMap { Int($0) } ?? clients
            case "--executions": executions = rest.popFirst().flatMap { Int($0) } ?? executions
            case "--data-dir": dataDirectory = rest.popFirst()
            default:
                print("usage: ServeBenchmark [--fake] [--clients N] [--executions N] [--data-dir DIR]")
                exit(2)
            }
        }
        clients = max(1, clients)
        executions = max(1, executions)
    }
}

/// A blocking keep-alive HTTP/1.1 client: one request at a time, `Content-Length` responses.
final class Client {
    private let descriptor: Int32
    private var pending: [UInt8] = []
    private var buffer = [UInt8](repeating: 0, count: 65536)

    init?(port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(fd)
            return nil
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Sends one API call; returns the status and the body as JSON.
    func call(_ operation: String, _ body: String) -> (Int, JSON)? {
        let request = Array(
            ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "X-Amz-Target: AWSStepFunctions.\(operation)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
                .utf8)
        var written = 0
        while written < request.count {
            let count = request.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress else { return -1 }
                return send(descriptor, base + written, bytes.count - written, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { return nil }
            written += count
        }
        return readResponse()
    }

    private func readResponse() -> (Int, JSON)? {
        var headEnd: Int?
        while headEnd == nil {
            headEnd = Self.headEnd(in: pending)
            if headEnd == nil, !fill() { return nil }
        }
        guard let end = headEnd else { return nil }
        let head = String(decoding: pending[0..<end], as: UTF8.self)
        pending.removeFirst(end + 4)
        let lines = head.split(separator: "\r\n")
        guard let statusLine = lines.first, statusLine.split(separator: " ").count >= 2,
            let status = Int(statusLine.split(separator: " ")[1])
        else { return nil }
        var length = 0
        for line in lines.dropFirst() where line.lowercased().hasPrefix("content-length:") {
            length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        while pending.count < length {
            guard fill() else { return nil }
        }
        let body = Array(pending[0..<length])
        pending.removeFirst(length)
        guard let json = try? JSONReader.read(body, options: .init(recordsSourceMap: false)).value else { return nil }
        return (status, json)
    }

    private func fill() -> Bool {
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        pending += buffer[0..<count]
        return true
    }

    private static func headEnd(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }
}

/// Latencies per operation, in seconds, from every client.
final class Recorder: Sendable {
    let latencies = Mutex<[String: [Double]]>([:])
    let failures = Mutex<[String]>([])

    func record(_ operation: String, _ seconds: Double) {
        latencies.withLock { $0[operation, default: []].append(seconds) }
    }

    func fail(_ message: String) {
        failures.withLock { $0.append(message) }
    }
}

func string(_ json: JSON, _ key: String) -> String? {
    guard case .object(let object) = json, case .string(let value)? = object[key] else { return nil }
    return value
}

/// The stand-in service of `--fake`: executions RUNNING for two polls, then SUCCEEDED.
func fakeServices() -> ServiceSet {
    let polls = Mutex<[String: Int]>([:])
    return .operations([
        "CreateStateMachine": { _ throws(ServiceError) in
            var object = JSONObject()
            object["stateMachineArn"] = .string("arn:aws:states:us-east-1:123456789012:stateMachine:Bench")
            return .object(object)
        },
        "StartExecution": { input throws(ServiceError) in
            let name = string(input, "name") ?? UUID().uuidString
            var object = JSONObject()
            object["executionArn"] = .string("arn:aws:states:us-east-1:123456789012:execution:Bench:\(name)")
            object["startDate"] = .number(JSONNumber(Date().timeIntervalSince1970))
            return .object(object)
        },
        "DescribeExecution": { input throws(ServiceError) in
            guard let arn = string(input, "executionArn") else {
                throw ServiceError("InvalidArn", "Invalid Arn: 'executionArn' is missing")
            }
            let count = polls.withLock { table -> Int in
                table[arn, default: 0] += 1
                return table[arn, default: 0]
            }
            var object = JSONObject()
            object["executionArn"] = .string(arn)
            object["status"] = .string(count > 2 ? "SUCCEEDED" : "RUNNING")
            return .object(object)
        },
    ])
}

func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let index = min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)
    return sorted[max(0, index)]
}

func peakMemoryMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return (line.split(separator: " ").compactMap { Double($0) }.first ?? 0) / 1024
    }
    return 0
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let dataDirectory = URL(
    fileURLWithPath: options.dataDirectory
        ?? FileManager.default.temporaryDirectory.appending(path: "asl-serve-bench-\(getpid())").path)
let services: ServiceSet
do {
    services = options.fake ? fakeServices() : try ServiceSet.standard(dataDirectory: dataDirectory)
} catch {
    print("cannot build the services: \(error)")
    exit(1)
}
let listener: ListeningSocket
let server: StepFunctionsServer
do {
    listener = try ListeningSocket.bind(host: "127.0.0.1", port: 0)
    var configuration = StepFunctionsServer.Configuration()
    configuration.http.maxConnections = options.clients + 8
    server = try StepFunctionsServer(socket: listener, configuration: configuration, services: services)
} catch {
    print("cannot start the server: \(error)")
    exit(1)
}
// Detached: the main actor blocks in the clients' calls below.
server.start()
let serving = Task.detached { await server.run() }
let port = listener.port

// A Pass machine to execute (served by `core` once merged; the fake answers with a fixed ARN).
guard let setup = Client(port: port),
    let (createStatus, created) = setup.call(
        "CreateStateMachine",
        #"{"name":"Bench","roleArn":"arn:aws:iam::123456789012:role/bench","definition":"{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}"}"#
    ), createStatus == 200, let machineArn = string(created, "stateMachineArn")
else {
    print("CreateStateMachine failed: the services do not serve it yet (run with --fake to measure the HTTP layer)")
    server.shutdown()
    await serving.value
    exit(1)
}

print(
    "serve benchmark: \(options.clients) clients, \(options.executions) executions, \(options.fake ? "fake service" : "standard services")"
)
let recorder = Recorder()
let requests = Atomic<Int>(0)
let group = DispatchGroup()
let start = ContinuousClock.now
for clientIndex in 0..<options.clients {
    group.enter()
    Thread {
        defer { group.leave() }
        guard let client = Client(port: port) else {
            recorder.fail("client \(clientIndex): cannot connect")
            return
        }
        for execution in stride(from: clientIndex, to: options.executions, by: options.clients) {
            let body = #"{"stateMachineArn":"\#(machineArn)","name":"bench-\#(execution)","input":"{}"}"#
            let began = ContinuousClock.now
            guard let (status, started) = client.call("StartExecution", body), status == 200,
                let executionArn = string(started, "executionArn")
            else {
                recorder.fail("StartExecution \(execution) failed")
                return
            }
            recorder.record("StartExecution", (ContinuousClock.now - began) / .seconds(1))
            requests.add(1, ordering: .relaxed)
            while true {
                let polled = ContinuousClock.now
                guard
                    let (status, described) = client.call("DescribeExecution", #"{"executionArn":"\#(executionArn)"}"#),
                    status == 200
                else {
                    recorder.fail("DescribeExecution \(execution) failed")
                    return
                }
                recorder.record("DescribeExecution", (ContinuousClock.now - polled) / .seconds(1))
                requests.add(1, ordering: .relaxed)
                if string(described, "status") != "RUNNING" { break }
            }
        }
    }.start()
}
group.wait()
let elapsed = (ContinuousClock.now - start) / .seconds(1)
server.shutdown()
await serving.value

let total = requests.load(ordering: .relaxed)
print(String(format: "%d requests in %.3f s: %.0f requests/s", total, elapsed, Double(total) / elapsed))
for (operation, values) in recorder.latencies.withLock({ $0 }).sorted(by: { $0.key > $1.key }) {
    let sorted = values.sorted()
    print(
        String(
            format: "%@: %d calls, p50 %.3f ms, p99 %.3f ms", operation, sorted.count,
            percentile(sorted, 0.5) * 1000, percentile(sorted, 0.99) * 1000))
}
print(String(format: "peak RSS: %.1f MiB", peakMemoryMiB()))
let failures = recorder.failures.withLock { $0 }
if !failures.isEmpty {
    print("\(failures.count) failure(s), first: \(failures[0])")
    exit(1)
}
if options.dataDirectory == nil { try? FileManager.default.removeItem(at: dataDirectory) }
