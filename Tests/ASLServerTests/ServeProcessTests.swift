import Foundation
import JSONCore
import StatesTestSupport
import Testing

@testable import ASLServer

#if canImport(Glibc)
    import Glibc
#endif

/// `asl serve` as a real process on a real data directory (issue 12, "survive a restart (and a
/// `kill -9`)"; SPEC-NOTES.md §18.2 "Restart recovery", §18.4): killed with SIGKILL while an
/// execution waits, restarted, stopped with SIGTERM. No timing assertion: every wait is a bounded
/// poll on the server's output or its answers.
@Suite struct ServeProcessTests {
    static let done = #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"ok": 1}, "End": true}}}"#
    static let sleeper = #"""
        {"StartAt": "Count", "States": {"Count": {"Type": "Pass", "Next": "Sleep"},
          "Sleep": {"Type": "Wait", "Seconds": 3600, "End": true}}}
        """#
    static let prefix = "arn:aws:states:us-east-1:123456789012:"

    @Test(.enabled(if: ServeChild.binary() != nil))
    func killedAndStoppedServersKeepEverythingAndRunNothingTwice() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "serve-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        // First life: a finished execution and one waiting for an hour, then SIGKILL.
        var server = try await ServeChild.start(in: folder)
        for (name, definition) in [("Done", Self.done), ("Sleeper", Self.sleeper)] {
            let created = await server.call("CreateStateMachine", Self.machine(name, definition))
            #expect(created.status == 200, "\(created.text)")
        }
        #expect(await server.call("StartExecution", Self.start("Done", "done")).status == 200)
        #expect(await server.call("StartExecution", Self.start("Sleeper", "long")).status == 200)
        let finished = try await server.waitFor("execution:Done:done") { $0["status"]?.stringValue == "SUCCEEDED" }
        let doneHistory = await server.history("execution:Done:done")
        _ = try await server.waitForEvent("WaitStateEntered", in: "execution:Sleeper:long")
        server.signal(SIGKILL)

        // Second life: everything back; the cut-off execution failed once, with its event.
        server = try await ServeChild.start(in: folder)
        let machines = await server.call("ListStateMachines", "{}").json?["stateMachines"]?.arrayValue ?? []
        #expect(machines.compactMap { $0["name"]?.stringValue }.sorted() == ["Done", "Sleeper"])
        let described = await server.call("DescribeExecution", Self.execution("execution:Done:done")).json
        #expect(described == finished)
        #expect(await server.history("execution:Done:done") == doneHistory)
        let long = await server.call("DescribeExecution", Self.execution("execution:Sleeper:long")).json
        #expect(long?["status"]?.stringValue == "FAILED")
        #expect(long?["error"]?.stringValue == "ServerRestarted")
        #expect(long?["cause"]?.stringValue?.contains("does not resume executions") == true)
        let events = await server.history("execution:Sleeper:long")
        #expect(
            events.compactMap { $0["type"]?.stringValue } == [
                "ExecutionStarted", "PassStateEntered", "PassStateExited", "WaitStateEntered", "ExecutionFailed",
            ])
        #expect(events.compactMap { $0["id"]?.numberValue?.int64Value } == [1, 2, 3, 4, 5])
        #expect(events.last?["previousEventId"]?.numberValue?.int64Value == 4)
        #expect(
            events.last?["executionFailedEventDetails"]?["error"]?.stringValue == "ServerRestarted")
        let listed = await server.call("ListExecutions", #"{"stateMachineArn": "\#(Self.prefix)stateMachine:Sleeper"}"#)
        #expect(listed.json?["executions"]?.arrayValue?.count == 1)

        // SIGTERM with an execution waiting: exit 0; the execution ends ABORTED, recorded.
        #expect(await server.call("StartExecution", Self.start("Sleeper", "second")).status == 200)
        _ = try await server.waitForEvent("WaitStateEntered", in: "execution:Sleeper:second")
        let status = server.signal(SIGTERM)
        #expect(status == 0, "\(server.standardError)")

        // Third life: the aborted execution as recorded; the failed one not failed again.
        server = try await ServeChild.start(in: folder)
        let second = await server.call("DescribeExecution", Self.execution("execution:Sleeper:second")).json
        #expect(second?["status"]?.stringValue == "ABORTED")
        #expect(second?["cause"]?.stringValue == "The server shut down")
        #expect(await server.history("execution:Sleeper:second").last?["type"]?.stringValue == "ExecutionAborted")
        #expect(await server.history("execution:Sleeper:long") == events)
        #expect(await server.call("DescribeExecution", Self.execution("execution:Done:done")).json == finished)
        #expect(server.signal(SIGTERM) == 0)
    }

    /// Hostile clients against the real process: each gets AWS's error or a closed connection,
    /// and a well-behaved client is still answered meanwhile (slow and half-sent requests held
    /// open on other connections).
    @Test(.enabled(if: ServeChild.binary() != nil))
    func hostileClientsNeitherCrashNorStallTheServer() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "serve-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try await ServeChild.start(in: folder)
        let port = server.port
        let cases: [(String, String, Int, String?)] = [
            ("malformed JSON", apiRequest("ListStateMachines", body: "{bad"), 400, "SerializationException"),
            ("not an object", apiRequest("ListStateMachines", body: "[1]"), 400, "SerializationException"),
            (
                "content type", apiRequest("ListStateMachines", contentType: "text/plain"), 400,
                "SerializationException"
            ),
            ("unknown operation", apiRequest("Nope"), 400, "UnknownOperationException"),
            ("no target", apiRequest(nil), 400, "UnknownOperationException"),
            (
                "wrong member type", apiRequest("StartExecution", body: #"{"stateMachineArn": 5}"#), 400,
                "SerializationException"
            ),
            (
                "oversized body", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n", 413, nil
            ),
            ("garbage", "\u{01}\u{02} nonsense\r\n\r\n", 400, nil),
            ("HTTP/2", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505, nil),
        ]
        for (name, request, status, type) in cases {
            let response = await onThread { () -> RawResponse? in
                guard let client = RawClient(port: port), client.send(request) else { return nil }
                return client.readResponse()
            }
            #expect(response?.status == status, "\(name): \(response?.text ?? "no response")")
            if let type { #expect(response?.errorType == type, "\(name)") }
        }
        // Slow and truncated clients hold connections open; a normal client is answered at once.
        var held = await onThread { () -> [RawClient] in
            (0..<40).compactMap { index -> RawClient? in
                guard let client = RawClient(port: port) else { return nil }
                client.send(
                    index.isMultiple(of: 2) ? "POST / HTTP/1.1\r\nHo" : apiRequest("ListStateMachines").dropLast(1) + ""
                )
                return client
            }
        }
        #expect(held.count == 40)
        let answered = await server.call("ListStateMachines", "{}")
        #expect(answered.status == 200, "\(answered.text)")
        // Closed before SIGTERM: a half-received request would hold the exit for the 10 s grace.
        held.removeAll()
        #expect(server.process.isRunning)
        #expect(server.signal(SIGTERM) == 0, "\(server.standardError)")
    }

    static func machine(_ name: String, _ definition: String) -> String {
        let escaped = JSONWriter.compact(.string(definition))
        return #"{"name": "\#(name)", "roleArn": "arn:aws:iam::123456789012:role/R", "definition": \#(escaped)}"#
    }

    static func start(_ machine: String, _ name: String) -> String {
        #"{"stateMachineArn": "\#(prefix)stateMachine:\#(machine)", "name": "\#(name)", "input": "{}"}"#
    }

    static func execution(_ tail: String) -> String { #"{"executionArn": "\#(prefix)\#(tail)"}"# }
}

/// A running `asl serve --port 0` on `<folder>/data`, its standard error in a file.
struct ServeChild {
    let process: Process
    let stderrURL: URL
    let port: UInt16

    /// The `asl` beside the test bundle, or `$ASL_BINARY`.
    static func binary() -> URL? { BuiltBinary.asl() }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts the server and waits (bounded) for its `listening on` line.
    static func start(in folder: URL) async throws -> ServeChild {
        guard let binary = binary() else { throw Failure(description: "asl is not built beside the tests") }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0", "--data-dir", "data"]
        process.currentDirectoryURL = folder
        let stderrURL = folder.appending(path: "stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: stderrURL.path(percentEncoded: false), contents: nil)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<6000 {
            let text = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
            if let range = text.range(of: "listening on http://127.0.0.1:"),
                let port = UInt16(text[range.upperBound...].prefix { $0.isNumber })
            {
                return ServeChild(process: process, stderrURL: stderrURL, port: port)
            }
            if !process.isRunning { throw Failure(description: "asl serve exited: \(text)") }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.terminate()
        throw Failure(description: "asl serve never said it was listening")
    }

    var standardError: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// One API call on a connection of its own.
    func call(_ operation: String, _ body: String) async -> RawResponse {
        let port = port
        return await onThread {
            guard let client = RawClient(port: port), client.send(apiRequest(operation, body: body)),
                let response = client.readResponse()
            else { return RawResponse(status: 0, headers: HTTPHeaders(), body: []) }
            return response
        }
    }

    /// The whole history of an execution (`tail` after the account).
    func history(_ tail: String) async -> [JSON] {
        await call("GetExecutionHistory", ServeProcessTests.execution(tail)).json?["events"]?.arrayValue ?? []
    }

    /// DescribeExecution until `done` holds (bounded polling).
    func waitFor(_ tail: String, _ done: (JSON) -> Bool) async throws -> JSON {
        for _ in 0..<6000 {
            if let json = await call("DescribeExecution", ServeProcessTests.execution(tail)).json, done(json) {
                return json
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw Failure(description: "\(tail) never reached the awaited state")
    }

    /// The history until it holds an event of `type` (bounded polling).
    func waitForEvent(_ type: String, in tail: String) async throws -> [JSON] {
        for _ in 0..<6000 {
            let events = await history(tail)
            if events.contains(where: { $0["type"]?.stringValue == type }) { return events }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw Failure(description: "\(tail) never recorded \(type)")
    }

    /// Sends `signal`, waits for the exit and returns the exit status (-1 when killed by a signal).
    @discardableResult
    func signal(_ signal: Int32) -> Int32 {
        _ = Glibc.kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : -1
    }
}
