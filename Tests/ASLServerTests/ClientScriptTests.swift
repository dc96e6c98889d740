import Foundation
import JSONCore
import Testing

@testable import ASLServer

/// The boto3 client scripts in `Clients/` and an AWS CLI session, against the server with the
/// services `asl serve` runs (`ServerServices.make`: machines, executions, activities,
/// callbacks, TestState) on a fresh data directory. Skipped, saying so, where boto3 or the AWS
/// CLI is missing.
@Suite struct ClientScriptTests {
    static let clients = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Clients")

    struct Script: CustomTestStringConvertible, Sendable {
        var file: String
        var clock: ServerClockMode
        var testDescription: String { "\(file) (\(clock.rawValue) clock)" }
    }

    /// Real clock only: `operations.py` needs an execution that stays RUNNING (a long Wait), which
    /// the virtual clock ends at once; the AWS CLI session below runs on the virtual clock.
    static let scripts: [Script] = [
        Script(file: "operations.py", clock: .real),
        Script(file: "tasks.py", clock: .real),
    ]

    /// A fresh data directory, removed afterwards.
    static func withDataDirectory(_ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "asl-clients-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder)
    }

    @Test(
        .enabled(if: ServerClientTests.hasBoto3, "boto3 is not importable by python3 (pip install boto3): skipped"),
        arguments: scripts)
    func boto3Script(_ script: Script) async throws {
        let python = try #require(ServerClientTests.python)
        try await Self.withDataDirectory { folder in
            let services = try ServerServices.make(.init(dataDirectory: folder, clock: script.clock))
            try await withServer(services) { port, _ in
                let path = Self.clients.appending(path: script.file).path
                let output = await onThread {
                    ServerClientTests.run(python, [path, "--endpoint", "http://127.0.0.1:\(port)"])
                }
                #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
                #expect(!output.stdout.contains("\nFAIL "), "\(output.stdout)")
            }
        }
    }

    /// The README's AWS CLI session: create a machine, start an execution, describe it until it
    /// ends, read its history.
    @Test(.enabled(if: ServerClientTests.awsCLI != nil, "the AWS CLI (aws) is not on PATH: skipped"))
    func awsCLISession() async throws {
        let aws = try #require(ServerClientTests.awsCLI)
        try await Self.withDataDirectory { folder in
            let services = try ServerServices.make(.init(dataDirectory: folder, clock: .virtual))
            try await withServer(services) { port, _ in
                let endpoint = "http://127.0.0.1:\(port)"
                func call(_ arguments: [String]) async throws -> JSON {
                    let output = await onThread {
                        ServerClientTests.run(
                            aws, ["stepfunctions"] + arguments + ["--endpoint-url", endpoint, "--output", "json"])
                    }
                    #expect(output.status == 0, "\(arguments.first ?? ""): \(output.stderr)")
                    return try JSONReader.read(output.stdout).value
                }
                let definition =
                    #"{"StartAt":"Greet","States":{"Greet":{"Type":"Pass","Parameters":{"greeting.$":"States.Format('Hello, {}!', $.name)"},"End":true}}}"#
                let created = try await call([
                    "create-state-machine", "--name", "Hello", "--definition", definition, "--role-arn",
                    "arn:aws:iam::123456789012:role/DummyRole",
                ])
                let machine = try #require(created["stateMachineArn"]?.stringValue)
                #expect(machine == "arn:aws:states:us-east-1:123456789012:stateMachine:Hello")
                let started = try await call([
                    "start-execution", "--state-machine-arn", machine, "--name", "first", "--input", #"{"name":"CLI"}"#,
                ])
                let execution = try #require(started["executionArn"]?.stringValue)
                var described = try await call(["describe-execution", "--execution-arn", execution])
                for _ in 0..<200 where described["status"]?.stringValue == "RUNNING" {
                    try await Task.sleep(for: .milliseconds(20))
                    described = try await call(["describe-execution", "--execution-arn", execution])
                }
                #expect(described["status"] == "SUCCEEDED")
                #expect(described["output"] == #"{"greeting":"Hello, CLI!"}"#)
                let history = try await call(["get-execution-history", "--execution-arn", execution])
                let types = history["events"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
                #expect(
                    types == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"],
                    "\(types)")
            }
        }
    }
}
