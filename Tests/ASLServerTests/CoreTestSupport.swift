import Foundation
import JSONCore
import StatesRuntime
import Testing

@testable import ASLServer

/// A service over a fresh temporary data directory, and shorthands for calling it.
struct CoreHarness {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)
    static let role = "arn:aws:iam::123456789012:role/StepFunctions"
    static let pass = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"ok":true},"End":true}}}"#
    /// Runs until stopped under the real clock (a wait of 11 days).
    static let longWait = #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":999999,"End":true}}}"#

    let folder: URL
    let service: ExecutionService

    init(
        folder: URL? = nil, clock: ServerClockMode = .virtual, mocks: MockConfigFile? = nil,
        handlers: HandlerRegistry = HandlerRegistry(), syncs: Bool = false
    ) throws {
        let folder = folder ?? Self.temporaryFolder()
        self.folder = folder
        var configuration = Self.configuration(folder, clock: clock, mocks: mocks, handlers: handlers)
        configuration.syncWrites = syncs
        configuration.syncExecutions = syncs
        service = try ExecutionService.open(configuration)
    }

    static func configuration(
        _ folder: URL, clock: ServerClockMode = .virtual, mocks: MockConfigFile? = nil,
        handlers: HandlerRegistry = HandlerRegistry()
    ) -> CoreConfiguration {
        CoreConfiguration(
            dataDirectory: folder, clockMode: clock, handlers: handlers, mockConfiguration: mocks, seed: 7,
            wallClock: { CoreHarness.start }, syncWrites: false)
    }

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("asl-core-\(UUID().uuidString)")
    }

    /// Reopens the same data directory in a new service (a restart).
    func reopened(clock: ServerClockMode = .virtual) throws -> CoreHarness {
        try CoreHarness(folder: folder, clock: clock)
    }

    @discardableResult
    func call(_ operation: String, _ input: JSON) async throws -> JSON {
        try await service.perform(operation: operation, input: input, request: RequestInfo())
    }

    /// The error `operation` fails with (`nil` when it succeeds).
    func failure(_ operation: String, _ input: JSON) async -> ServiceError? {
        do {
            _ = try await service.perform(operation: operation, input: input, request: RequestInfo())
            return nil
        } catch {
            return error
        }
    }

    @discardableResult
    func createMachine(
        _ name: String, definition: String = CoreHarness.pass, type: String = "STANDARD"
    ) async throws -> String {
        let response = try await call(
            "CreateStateMachine",
            [
                "name": .string(name), "definition": .string(definition), "roleArn": .string(Self.role),
                "type": .string(type),
            ])
        return try #require(response["stateMachineArn"]?.stringValue)
    }

    /// Starts an execution and waits for it to end; returns its ARN.
    @discardableResult
    func run(_ machineArn: String, name: String? = nil, input: String = "{}") async throws -> String {
        var request: JSONObject = ["stateMachineArn": .string(machineArn), "input": .string(input)]
        if let name { request["name"] = .string(name) }
        let response = try await call("StartExecution", .object(request))
        let arn = try #require(response["executionArn"]?.stringValue)
        await service.waitUntilFinished(arn)
        return arn
    }

    func describe(_ executionArn: String) async throws -> JSON {
        try await call("DescribeExecution", ["executionArn": .string(executionArn)])
    }

    func history(_ executionArn: String) async throws -> [JSON] {
        try #require(
            try await call("GetExecutionHistory", ["executionArn": .string(executionArn)])["events"]?.arrayValue)
    }
}
