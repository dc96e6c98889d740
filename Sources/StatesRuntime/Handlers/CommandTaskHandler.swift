import Foundation
public import JSONCore
import StatesLanguage
import Synchronization

/// Runs a local program as a task: the task's input (the effective parameters) goes to its
/// standard input as JSON, and what it prints on standard output, read as JSON, is the result.
/// An empty output is `null`.
///
/// A non-zero exit fails the task with `States.TaskFailed` and the program's standard error
/// (trimmed, its last ``maximumCauseBytes`` bytes) as the cause, unless the program printed an
/// error object on standard output (`{"errorType": "…", "errorMessage": "…"}`, the shape Lambda
/// runtimes report), whose type then becomes the error name, as a Lambda function's error does.
/// Output that is not JSON, or longer than ``maximumOutputBytes`` (Lambda's 6 MB response limit),
/// fails the task with `States.TaskFailed` naming the problem.
///
/// Standard input is written and both outputs are read while the program runs, so a program
/// that prints more than a pipe holds before reading its input never deadlocks. Cancellation (a
/// timeout, an abort) sends SIGTERM, then SIGKILL after ``terminationGraceSeconds`` if the
/// program is still running, so a program that ignores SIGTERM still ends.
///
/// The program's environment is exactly ``environment``: this library never reads the process
/// environment (only the command line does); pass it in to inherit it.
///
///     registry.register(CommandTaskHandler(["python3", "handler.py"], workingDirectory: dir,
///                                          environment: processEnvironment),
///                       lambdaFunction: "clickstream-simulator")
public struct CommandTaskHandler: TaskHandler {
    /// Lambda's limit on a synchronous invocation's response payload (6 MB).
    public static let maximumOutputBytes = 6_291_456
    /// The most of standard error kept for the cause (AWS caps a cause at 32,768 characters).
    public static let maximumCauseBytes = 32_768

    public var arguments: [String]
    public var workingDirectory: String?
    /// The program's whole environment (also where a program without `/` is looked up: `PATH`).
    public var environment: [String: String]
    /// Seconds between SIGTERM and SIGKILL when the task is cancelled.
    public var terminationGraceSeconds: Double

    /// - Parameters:
    ///   - arguments: The program and its arguments; a program without `/` is looked up on `PATH`.
    ///   - workingDirectory: Where it runs (also the base of a relative program path).
    ///   - environment: The program's environment, nothing inherited.
    ///   - terminationGraceSeconds: Seconds between SIGTERM and SIGKILL on cancellation.
    public init(
        _ arguments: [String], workingDirectory: String? = nil, environment: [String: String] = [:],
        terminationGraceSeconds: Double = 2
    ) {
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.terminationGraceSeconds = terminationGraceSeconds
    }

    public func handle(_ request: TaskRequest) async throws -> JSON {
        // Under a virtual clock the executor's limits (the task's TimeoutSeconds and
        // HeartbeatSeconds, the execution's TimeoutSeconds) end only waits on that clock, which
        // stands still while a real program runs: a program that never exits would hang the run.
        // The program gets those limits in real seconds instead.
        guard request.clock.isVirtual, let limit = Self.virtualLimit(request) else { return try await run(request) }
        let seconds = max(0, limit.timeIntervalSince(request.clock.now()))
        let result = try await withThrowingTaskGroup(of: JSON?.self) { group in
            group.addTask { try await run(request) }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(min(seconds, 1e9) * 1e9))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if let result { return result }
        // The limit passed: move the task's timeline to it. Its deadline and heartbeat clocks throw
        // the matching timeout (the task's, its heartbeat's or the execution's).
        try await request.clock.sleep(until: limit.addingTimeInterval(1))
        throw DeadlineExceeded(
            kind: limit == request.deadline ? .task : request.heartbeatSeconds != nil ? .heartbeat : .execution)
    }

    /// The earliest limit on the task's timeline: its deadline, its heartbeat limit (a program
    /// never heartbeats) and every deadline the clock carries (the execution's among them).
    private static func virtualLimit(_ request: TaskRequest) -> Date? {
        var limits = [request.deadline].compactMap { $0 }
        if let heartbeat = request.heartbeatSeconds {
            limits.append(request.clock.now().addingTimeInterval(Double(heartbeat)))
        }
        var clock: any ExecutionClock = request.clock
        while true {
            if let deadlined = clock as? DeadlineClock {
                limits.append(deadlined.deadline)
                clock = deadlined.base
            } else if let heartbeat = clock as? HeartbeatClock {
                clock = heartbeat.base
            } else {
                break
            }
        }
        return limits.min()
    }

    private func run(_ request: TaskRequest) async throws -> JSON {
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
        process.environment = environment
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let stdout = PipeReader(output.fileHandleForReading, keeping: .first(Self.maximumOutputBytes + 1))
        let stderr = PipeReader(errors.fileHandleForReading, keeping: .last(Self.maximumCauseBytes))
        let grace = terminationGraceSeconds

        let status: Int32 = try await withTaskCancellationHandler {
            // Cancelled before the program started: `onCancel` found nothing to stop, so do not start it.
            try Task.checkCancellation()
            return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
                process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
                do {
                    try ChildProcess.withNoSignalBlocked { try process.run() }
                } catch {
                    process.terminationHandler = nil
                    continuation.resume(
                        throwing: StatesError(
                            .taskFailed, "Cannot run \(arguments.joined(separator: " ")): \(error.localizedDescription)"
                        ))
                    return
                }
                // Cancelled while starting: `onCancel` may have run before the program existed.
                if Task.isCancelled { Self.stop(process, graceSeconds: grace) }
                // The parent's copies of the child's ends: closed so end-of-file arrives when the
                // child exits.
                try? output.fileHandleForWriting.close()
                try? errors.fileHandleForWriting.close()
                try? input.fileHandleForReading.close()
                stdout.start()
                stderr.start()
                InputWriter.start(JSONWriter.compactBytes(request.parameters), to: input.fileHandleForWriting)
            }
        } onCancel: {
            Self.stop(process, graceSeconds: grace)
        }
        let (outputBytes, _) = await stdout.finished()
        let (errorBytes, _) = await stderr.finished()
        try Task.checkCancellation()
        guard outputBytes.count <= Self.maximumOutputBytes else {
            throw StatesError(
                .taskFailed,
                "\(program) printed more than \(Self.maximumOutputBytes) bytes on standard output (Lambda's response "
                    + "payload limit)")
        }
        let result = try Self.parse(outputBytes, program: program)
        guard status == 0 else {
            if let type = result?["errorType"]?.stringValue {
                throw StatesError(StatesErrorName(type), result.map(JSONWriter.compact))
            }
            let trimmed = String(decoding: errorBytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw StatesError(.taskFailed, trimmed.isEmpty ? "\(program) exited with status \(status)" : trimmed)
        }
        return result ?? .null
    }

    /// SIGTERM now, SIGKILL after `graceSeconds` if the program is still running.
    private static func stop(_ process: Process, graceSeconds: Double) {
        guard process.isRunning else { return }
        process.terminate()
        let identifier = process.processIdentifier
        // A thread of its own, not Dispatch's global queue, which blocked readers can starve.
        Thread {
            Thread.sleep(forTimeInterval: graceSeconds)
            if process.isRunning { kill(identifier, SIGKILL) }
        }.start()
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

/// Writes a program's standard input on a thread of its own, with SIGPIPE blocked there: a
/// program that exits without reading its input closes the pipe, and the write must then fail
/// with EPIPE rather than kill the whole process.
private enum InputWriter {
    static func start(_ bytes: [UInt8], to handle: FileHandle) {
        let thread = Thread {
            var blocked = sigset_t()
            sigemptyset(&blocked)
            sigaddset(&blocked, SIGPIPE)
            pthread_sigmask(SIG_BLOCK, &blocked, nil)
            let descriptor = handle.fileDescriptor
            var written = 0
            while written < bytes.count {
                let count = bytes.withUnsafeBytes { buffer -> Int in
                    guard let base = buffer.baseAddress else { return 0 }
                    return write(descriptor, base + written, buffer.count - written)
                }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                written += count
            }
            try? handle.close()
            // Consume the SIGPIPE a failed write left pending on this thread.
            var pending = sigset_t()
            sigpending(&pending)
            if sigismember(&pending, SIGPIPE) == 1 {
                var timeout = timespec(tv_sec: 0, tv_nsec: 0)
                _ = sigtimedwait(&blocked, nil, &timeout)
            }
        }
        thread.start()
    }
}

/// Reads a pipe to its end on a background queue, keeping at most a bounded part of what it
/// reads (the rest is read and dropped, so the writer never blocks on a full pipe).
private final class PipeReader: Sendable {
    enum Keep: Sendable {
        /// The first `n` bytes.
        case first(Int)
        /// The last `n` bytes.
        case last(Int)
    }

    private struct State {
        var bytes: [UInt8] = []
        var total = 0
        var done = false
        var waiters: [CheckedContinuation<([UInt8], Int), Never>] = []
    }

    private let handle: FileHandle
    private let keep: Keep
    private let state = Mutex(State())

    init(_ handle: FileHandle, keeping keep: Keep) {
        self.handle = handle
        self.keep = keep
    }

    /// Reads on a thread of its own: a blocking read on Dispatch's global queue holds one of its
    /// few worker threads (about one per core on Linux) for as long as the program runs, so two
    /// programs' pipes could starve the queue, and with it the SIGKILL timer of ``stop``.
    func start() {
        Thread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                state.withLock { state in
                    state.total += chunk.count
                    switch keep {
                    case .first(let limit):
                        let room = max(0, limit - state.bytes.count)
                        if room > 0 { state.bytes += chunk.prefix(room) }
                    case .last(let limit):
                        state.bytes += chunk
                        if state.bytes.count > limit { state.bytes.removeFirst(state.bytes.count - limit) }
                    }
                }
            }
            try? handle.close()
            let waiters = state.withLock { state -> [CheckedContinuation<([UInt8], Int), Never>] in
                state.done = true
                defer { state.waiters = [] }
                return state.waiters
            }
            let result = state.withLock { ($0.bytes, $0.total) }
            for waiter in waiters { waiter.resume(returning: result) }
        }.start()
    }

    /// The kept bytes and the total read, once the pipe has ended.
    func finished() async -> ([UInt8], Int) {
        await withCheckedContinuation { continuation in
            let result = state.withLock { state -> ([UInt8], Int)? in
                if state.done { return (state.bytes, state.total) }
                state.waiters.append(continuation)
                return nil
            }
            if let result { continuation.resume(returning: result) }
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
