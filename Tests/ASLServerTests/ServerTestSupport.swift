import Foundation
import JSONCore
import Synchronization
import Testing

@testable import ASLServer

#if canImport(Glibc)
    import Glibc
#endif

/// Runs blocking socket work on its own thread so it never holds one of the cooperative pool's
/// threads (the server's handlers run there).
func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: body()) }
        thread.start()
    }
}

/// A response as a raw client read it.
struct RawResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    var json: JSON? { try? JSONReader.read(body).value }
    var text: String { String(decoding: body, as: UTF8.self) }
    var errorType: String? {
        guard case .object(let object)? = json, case .string(let type)? = object["__type"] else { return nil }
        return type
    }
}

/// A blocking HTTP/1.1 client over a raw socket, for driving the server byte by byte. Every read
/// gives up after 120 s (a safety net against a hung test, not a timing assertion).
final class RawClient: @unchecked Sendable {
    private let descriptor: Int32
    private var pending: [UInt8] = []

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
            Glibc.close(fd)
            return nil
        }
        var timeout = timeval(tv_sec: 120, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        descriptor = fd
    }

    deinit { Glibc.close(descriptor) }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + written, $0.count - written, Int32(MSG_NOSIGNAL))
            }
            if count <= 0 { return false }
            written += count
        }
        return true
    }

    /// Reads more bytes; `false` at end of stream or on error.
    private func fill() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        pending += buffer[0..<count]
        return true
    }

    /// One response (a `100 Continue` included, when it is what comes); `nil` if the server
    /// closed first.
    func readResponse() -> RawResponse? {
        var headEnd: Int?
        while headEnd == nil {
            headEnd = Self.find([13, 10, 13, 10], in: pending)
            if headEnd == nil, !fill() { return nil }
        }
        guard let end = headEnd else { return nil }
        let head = String(decoding: pending[0..<end], as: UTF8.self)
        pending.removeFirst(end + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append(
                String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = Int(headers["Content-Length"] ?? "0") ?? 0
        while pending.count < length {
            if !fill() { return nil }
        }
        let body = Array(pending[0..<length])
        pending.removeFirst(length)
        return RawResponse(status: status, headers: headers, body: body)
    }

    /// Whether the server closed the connection (after any bytes still buffered).
    func isClosedByServer() -> Bool {
        pending.removeAll()
        while fill() { pending.removeAll() }
        return true
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count)
        where haystack[index..<(index + needle.count)].elementsEqual(needle) {
            return index
        }
        return nil
    }
}

/// An API request's bytes.
func apiRequest(
    _ operation: String?, body: String = "{}", extraHeaders: [String] = [],
    contentType: String? = "application/x-amz-json-1.0"
) -> String {
    var lines = ["POST / HTTP/1.1", "Host: localhost"]
    if let contentType { lines.append("Content-Type: \(contentType)") }
    if let operation { lines.append("X-Amz-Target: AWSStepFunctions.\(operation)") }
    lines += extraHeaders
    lines.append("Content-Length: \(body.utf8.count)")
    return lines.joined(separator: "\r\n") + "\r\n\r\n" + body
}

/// A fake service: canned answers, one error, a non-object answer, and an operation that waits
/// until released (for shutdown with a request in flight).
final class FakeService: APIService {
    let entered = AsyncStream<Void>.makeStream()
    private let gate = Mutex<[CheckedContinuation<Void, Never>]>([])
    private let released = Atomic<Bool>(false)
    let calls = Atomic<Int>(0)

    func serves(operation: String) -> Bool {
        ["ListStateMachines", "DescribeStateMachine", "Echo", "NotAnObject", "BadStatus", "Wait"].contains(operation)
    }

    func perform(operation: String, input: JSON, request: RequestInfo) async throws(ServiceError) -> JSON {
        calls.add(1, ordering: .relaxed)
        switch operation {
        case "ListStateMachines":
            guard let answer = try? JSONReader.read(Self.listAnswer).value else {
                throw ServiceError("InternalFailure", "the canned answer is not JSON", httpStatus: 500)
            }
            return answer
        case "DescribeStateMachine":
            let arn: String
            if case .object(let object) = input, case .string(let text)? = object["stateMachineArn"] {
                arn = text
            } else {
                arn = ""
            }
            throw ServiceError("StateMachineDoesNotExist", "State Machine Does Not Exist: '\(arn)'")
        case "Echo":
            var object = JSONObject()
            object["input"] = input
            object["accessKeyId"] = request.accessKeyID.map(JSON.string) ?? .null
            return .object(object)
        case "NotAnObject":
            return .array([])
        case "BadStatus":
            throw ServiceError("Weird", "a status that is not an error", httpStatus: 200)
        default:
            entered.continuation.yield()
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = gate.withLock { waiting -> Bool in
                    if released.load(ordering: .acquiring) { return true }
                    waiting.append(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
            return .object(JSONObject())
        }
    }

    func release() {
        released.store(true, ordering: .releasing)
        let waiting = gate.withLock { list -> [CheckedContinuation<Void, Never>] in
            defer { list.removeAll() }
            return list
        }
        for continuation in waiting { continuation.resume() }
    }

    static let listAnswer = #"""
        {"stateMachines":[{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:Hello","name":"Hello","type":"STANDARD","creationDate":1700000000.5}]}
        """#
}

/// A running server on an ephemeral loopback port, shut down and drained at the end of `body`.
func withServer(
    _ services: [any APIService], configuration: StepFunctionsServer.Configuration = .init(),
    _ body: (UInt16, StepFunctionsServer) async throws -> Void
) async throws {
    let socket = try ListeningSocket.bind(host: "127.0.0.1", port: 0)
    let server = try StepFunctionsServer(socket: socket, configuration: configuration, services: services)
    server.start()
    let running = Task { await server.run() }
    do {
        try await body(socket.port, server)
    } catch {
        server.shutdown()
        await running.value
        throw error
    }
    server.shutdown()
    await running.value
}

/// A server configuration changed by `change`.
func configured(_ change: (inout StepFunctionsServer.Configuration) -> Void) -> StepFunctionsServer.Configuration {
    var configuration = StepFunctionsServer.Configuration()
    change(&configuration)
    return configuration
}
