import Foundation
public import JSONCore
import StatesLanguage

/// Runs a local program as a task: the task's input (the effective parameters) goes to its
/// standard input as JSON, and what it prints on standard output, read as JSON, is the result.
/// An empty output is `null`.
///
/// A non-zero exit fails the task with `States.TaskFailed` and the program's standard error
/// (trimmed) as the cause, unless the program printed an error object on standard output
/// (`{"errorType": "…", "errorMessage": "…"}`, the shape Lambda runtimes report), whose type then
/// becomes the error name, as a Lambda function's error does. Output that is not JSON fails the
/// task with `States.TaskFailed` naming the problem. Cancellation (a timeout, an abort) terminates
/// the program.
///
///     registry.register(CommandTaskHandler(["python3", "handler.py"], workingDirectory: dir),
///                       lambdaFunction: "clickstream-simulator")
public struct CommandTaskHandler: TaskHandler {
    public var arguments: [String]
    public var workingDirectory: String?
    public var environment: [String: String]

    /// - Parameters:
    ///   - arguments: The program and its arguments; a program without `/` is looked up on `PATH`.
    ///   - workingDirectory: Where it runs (also the base of a relative program path).
    ///   - environment: Variables added to the inherited environment.
    public init(_ arguments: [String], workingDirectory: String? = nil, environment: [String: String] = [:]) {
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.environment = environment
    }

    public func handle(_ request: TaskRequest) async throws -> JSON {
        guard let program = arguments.first else {
            throw StatesError(.taskFailed, "The command handler for \(request.resource.text) has no program to run")
        }
        let process = Process()
        if program.contains("/") {
            var url = URL(fileURLWithPath: program)
            if !program.hasPrefix("/"), let workingDirectory {
                url = URL(fileURLWithPath: workingDirectory).appendingPathComponent(program)
            }
            process.executableURL = url
            process.arguments = Array(arguments.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
        }
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors

        let status: Int32 = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
                process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
                do {
                    try process.run()
                } catch {
                    process.terminationHandler = nil
                    continuation.resume(
                        throwing: StatesError(
                            .taskFailed, "Cannot run \(arguments.joined(separator: " ")): \(error.localizedDescription)"
                        ))
                    return
                }
                let bytes = JSONWriter.compactBytes(request.parameters)
                input.fileHandleForWriting.write(Data(bytes))
                try? input.fileHandleForWriting.close()
            }
        } onCancel: {
            if process.isRunning { process.terminate() }
        }
        try Task.checkCancellation()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let result = try Self.parse(Array(stdout), program: program)
        guard status == 0 else {
            if let type = result?["errorType"]?.stringValue {
                throw StatesError(StatesErrorName(type), result.map(JSONWriter.compact))
            }
            let trimmed = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            throw StatesError(.taskFailed, trimmed.isEmpty ? "\(program) exited with status \(status)" : trimmed)
        }
        return result ?? .null
    }

    private static func parse(_ bytes: [UInt8], program: String) throws -> JSON? {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        do {
            return try JSONReader.read(text, options: .init(recordsSourceMap: false)).value
        } catch {
            throw StatesError(
                .taskFailed, "\(program) printed output that is not JSON (\(error.message)): \(text.prefix(200))")
        }
    }
}

/// A handler that always returns the same result or fails with the same error: mocked responses
/// for resources a local run cannot reach.
public struct StaticTaskHandler: TaskHandler {
    public enum Response: Sendable, Hashable {
        case returns(JSON)
        case fails(StatesError)
    }

    public var response: Response

    public init(_ response: Response) { self.response = response }

    public func handle(_ request: TaskRequest) async throws -> JSON {
        switch response {
        case .returns(let value): return value
        case .fails(let error): throw error
        }
    }
}
