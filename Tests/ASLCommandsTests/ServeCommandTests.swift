import ASLCommands
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ServeCommandTests {
    struct UsageCase: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var files: [String: String] = [:]
        var environment: [String: String] = [:]
        var message: String
        var testDescription: String { name }
    }

    static let usageCases: [UsageCase] = [
        UsageCase(
            name: "remote host refused", arguments: ["--host", "0.0.0.0"],
            message: "error: refusing to listen on '0.0.0.0': it is not a loopback address"),
        UsageCase(
            name: "access key without secret", arguments: ["--access-key", "AKID"],
            message: "error: --access-key needs --secret-key"),
        UsageCase(
            name: "secret without access key", arguments: ["--secret-key", "s"],
            message: "error: --secret-key needs --access-key"),
        UsageCase(
            name: "port out of range", arguments: ["--port", "70000"],
            message: "error: invalid value '70000' for '--port': use a port number from 0 to 65535"),
        UsageCase(
            name: "account not 12 digits", arguments: ["--account", "12"],
            message: "error: invalid value '12' for '--account': an AWS account id is 12 digits"),
        UsageCase(
            name: "misspelt option", arguments: ["--prot", "1"],
            message: "error: unknown option '--prot' (did you mean '--port'?)"),
        UsageCase(
            name: "clock choice", arguments: ["--clock", "fast"], message: "error: invalid value 'fast' for '--clock'"),
        UsageCase(
            name: "mock file missing", arguments: ["--port", "0", "--mock-config", "/work/missing.json"],
            message: "error: cannot read the mock configuration '/work/missing.json': No such file or directory"),
        UsageCase(
            name: "mock file from SFN_MOCK_CONFIG is read", arguments: ["--port", "0"],
            environment: ["SFN_MOCK_CONFIG": "/work/env-mocks.json"],
            message: "error: cannot read the mock configuration '/work/env-mocks.json'"),
        UsageCase(
            name: "mock file not JSON", arguments: ["--port", "0", "--mock-config", "/work/mocks.json"],
            files: ["/work/mocks.json": "{\n  \"StateMachines\": [\n"],
            message: "/work/mocks.json:3:1: error:"),
        UsageCase(
            name: "configuration with an unknown field",
            arguments: ["--port", "0", "--config", "/work/asl.config.json"],
            files: ["/work/asl.config.json": #"{"dataDirectori": "x"}"#],
            message: "/work/asl.config.json:1:2: error:"),
    ]

    @Test(arguments: usageCases)
    func refusesBadUsage(_ c: UsageCase) async {
        let fake = FakeIO(files: c.files, environment: c.environment)
        let code = await ASLMain.main(arguments: ["asl", "serve"] + c.arguments, io: fake.io)
        #expect(code == .usage)
        #expect(fake.stderr.contains(c.message), "\(fake.stderr)")
    }

    @Test func helpListsTheCommand() async {
        let fake = FakeIO()
        _ = await ASLMain.main(arguments: ["asl", "--help"], io: fake.io)
        #expect(fake.stdout.contains("serve"))
    }

    /// The command in-process on an ephemeral port: it prints where it listens, answers, and an
    /// interrupt stops it with exit 0.
    @Test func servesUntilInterrupted() async throws {
        let fake = FakeIO()
        let lines = AsyncStream<String>.makeStream()
        let interrupt = Mutex<(@Sendable () -> Void)?>(nil)
        var io = fake.io
        io.writeError = { text in lines.continuation.yield(text) }
        io.onInterrupt = { handler in interrupt.withLock { $0 = handler } }
        let folder = FileManager.default.temporaryDirectory.appending(path: "asl-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let serving = Task { [io] in
            await ASLMain.main(arguments: ["asl", "serve", "--port", "0", "--data-dir", folder.path], io: io)
        }
        var port: UInt16?
        for await text in lines.stream {
            if let range = text.range(of: "listening on http://127.0.0.1:") {
                port = UInt16(text[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines))
                break
            }
        }
        let bound = try #require(port)
        let answer = await Self.request(port: bound)
        #expect(answer.hasPrefix("HTTP/1.1 400 "))
        #expect(answer.contains(#"{"__type":"UnknownOperationException"}"#))
        let stop = try #require(interrupt.withLock { $0 })
        stop()
        #expect(await serving.value == .success)
    }

    /// One `Connection: close` request over a raw socket, on its own thread; the whole answer.
    static func request(port: UInt16) async -> String {
        await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(returning: Self.blockingRequest(port: port))
            }.start()
        }
    }

    private static func blockingRequest(port: UInt16) -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return "" }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = Array(
            "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSStepFunctions.NoSuchThing\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}"
                .utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
