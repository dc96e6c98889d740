import Clickstream
import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Synchronization

/// `asl run DEFINITION`: runs a state machine locally with AWS's semantics.
///
/// Text form: progress on standard error as states are entered and left, the output on standard
/// output. JSON form: exactly one object `{"status", "output", "error", "cause"}` on standard
/// output. Exit: 0 SUCCEEDED, 1 FAILED, TIMED_OUT or ABORTED, 2 an invalid definition, an unserved
/// resource, an input AWS's StartExecution would refuse, or a usage or I/O problem.
enum RunCommand: ASLCommand {
    enum Format: String, CaseIterable {
        case text
        case json
    }

    enum Clock: String, CaseIterable {
        case virtual
        case real
    }

    /// The configuration file `asl run` picks up beside the definition when `--config` is absent.
    static let defaultConfigurationName = "asl.config.json"

    static var spec: CommandSpec {
        CommandSpec(
            name: "run",
            summary: "Run a state machine locally and print its output.",
            discussion: """
                The input comes from --input, --input-file or standard input ({} when none is given). Task
                resources are served by the handlers of the run configuration: --config FILE, or \
                \(defaultConfigurationName) beside the definition.
                Exit status: 0 when the execution succeeds, 1 when it fails, times out or is aborted, 2 for an
                invalid definition, a resource no handler serves, or a usage problem.
                """,
            positionals: PositionalSpec(
                name: "DEFINITION", help: "The state machine definition; '-' reads standard input.", minimum: 1,
                maximum: 1),
            options: [
                .value("input", valueName: "JSON", help: "The execution input, as JSON text."),
                .value("input-file", valueName: "FILE", help: "A file holding the execution input."),
                .value("config", valueName: "FILE", help: "The run configuration (handlers, seed, data directory)."),
                .value(
                    "clock", valueName: "clock", choices: Clock.allCases.map(\.rawValue),
                    help: "virtual (default: waits end at once, time reads as if they had not) or real."),
                .value("history", valueName: "FILE", help: "Write the execution's history events to FILE as JSON."),
                .value(
                    "format", valueName: "format", choices: Format.allCases.map(\.rawValue),
                    help: "text (default: progress on standard error, output on standard output) or json."),
                .value("data-dir", valueName: "DIR", help: "Where the shipped handlers keep their data."),
                .value(
                    "seed", valueName: "N", help: "Seed of every random choice (default: the configuration's, or 0)."),
                .value("name", valueName: "NAME", help: "The execution's name (default: a UUID from the seed)."),
                .flag("no-quotas", help: "Lift AWS's payload, history and Map concurrency quotas."),
                .value(
                    "substitutions", valueName: "FILE",
                    help: "A JSON object of values for the definition's ${name} placeholders."),
            ]
        )
    }

    static func run(_ arguments: ParsedArguments, in context: CommandContext) async -> ExitCode {
        let io = context.io
        let format = arguments.value("format").flatMap(Format.init(rawValue:)) ?? .text
        guard let definitionPath = arguments.positionals.first else { return .usage }
        if arguments.value("input") != nil && arguments.value("input-file") != nil {
            return context.reportUsageError(
                UsageError("--input and --input-file cannot be used together"), spec: spec)
        }

        // The definition: a machine with errors is never executed.
        let name = definitionPath == "-" ? "<stdin>" : definitionPath
        let definitionBytes: [UInt8]
        do {
            definitionBytes = definitionPath == "-" ? try io.readStandardInput() : try io.readFile(definitionPath)
        } catch {
            context.writeErrorMessage("cannot read '\(name)': \(ValidateCommand.reason(error))")
            return .usage
        }
        let source = SourceFile(path: name, bytes: definitionBytes)
        var analysisOptions = AnalysisOptions()
        if let substitutionsPath = arguments.value("substitutions") {
            switch Substitutions.load(substitutionsPath, io: io) {
            case .success(let substitutions): analysisOptions.substitutions = substitutions
            case .failure(let error):
                context.writeErrorMessage(error.message)
                return .usage
            }
        }
        // A placeholder left in the definition would reach AWS unresolved: refuse to run it.
        analysisOptions.reportPlaceholders = true
        let analysis = DefinitionAnalyzer.analyze(source, options: analysisOptions)
        guard !analysis.hasErrors, let machine = analysis.machine else {
            let renderer = TextRenderer(showsExcerpt: true, usesColor: TerminalColor.isEnabled(for: io))
            io.writeError(renderer.render([DiagnosticReport(source: source, diagnostics: analysis.diagnostics)]))
            context.writeErrorMessage("\(name) is not a valid state machine; nothing was run")
            return .usage
        }

        // The input.
        let input: JSON
        switch readInput(arguments, definitionFromStdin: definitionPath == "-", io: io) {
        case .success(let value): input = value
        case .failure(let error):
            context.writeErrorMessage(error.message)
            return .usage
        }

        // The configuration and the local services it describes.
        let configuration: ClickstreamConfig?
        switch loadConfiguration(arguments, definitionPath: definitionPath, io: io) {
        case .success(let loaded): configuration = loaded
        case .failure(let message):
            // Already "file:line:col: error: …" (or a plain read failure).
            let text = message.description
            if text.contains(": error: ") { io.writeError(text + "\n") } else { context.writeErrorMessage(text) }
            return .usage
        }

        var options = ExecutionOptions()
        options.stateMachineName = configuration?.stateMachineName ?? Self.machineName(fromPath: definitionPath)
        if let configuration {
            options.region = configuration.region
            options.account = configuration.account
        }
        options.seed = configuration?.seed ?? 0
        if let text = arguments.value("seed") {
            guard let seed = UInt64(text) else {
                return context.reportUsageError(
                    UsageError("--seed needs a non-negative integer, got '\(text)'"), spec: spec)
            }
            options.seed = seed
        }
        options.executionName = arguments.value("name")
        if arguments.flag("no-quotas") { options.quotas = .unlimited }
        if format == .text {
            let progress = ProgressPrinter(io: io)
            options.progress = { progress.print($0) }
        }

        var handlers = HandlerRegistry()
        var environment: ClickstreamEnvironment?
        if let configuration {
            let base = URL(fileURLWithPath: io.currentDirectory, isDirectory: true)
            let dataDirectory =
                arguments.value("data-dir").map { URL(fileURLWithPath: $0, relativeTo: base) }
                ?? configuration.resolvedDataDirectory(relativeTo: base)
            let toStandardError = format == .json
            let printNotification: @Sendable (String) -> Void = { text in
                if toStandardError { io.writeError(text) } else { io.writeOutput(text) }
            }
            let sinks = ClickstreamSinks(
                sns: SNSSinks(
                    notification: { notification, topic in
                        let name = topic.arn.split(separator: ":").last.map(String.init) ?? topic.arn
                        printNotification("SNS \(name): \(notification.message)\n")
                    },
                    warning: { io.writeError("warning: \($0)\n") }),
                warning: { io.writeError("warning: \($0)\n") })
            do {
                let opened = try ClickstreamEnvironment(
                    config: configuration, dataDirectory: dataDirectory, seed: options.seed, sinks: sinks)
                try opened.setUp()
                opened.register(into: &handlers) { GlueJobHandler(environment: $0) }
                environment = opened
            } catch {
                context.writeErrorMessage("cannot set up the local services: \(error.description)")
                return .usage
            }
        }
        let clockChoice = arguments.value("clock").flatMap(Clock.init(rawValue:)) ?? .virtual
        options.clock =
            clockChoice == .real
            ? SystemClock() : VirtualClock(start: Date(), observers: environment?.clockObservers ?? [])

        let executor: Executor
        do {
            executor = try Executor(machine: machine, handlers: handlers, options: options)
        } catch {
            // Unreachable for a machine the validator accepted: it reports every missing target.
            context.writeErrorMessage(error.description)
            return .usage
        }
        let unresolved = executor.unresolvedResources()
        guard unresolved.isEmpty else {
            for resource in unresolved { context.writeErrorMessage(resource.description) }
            context.writeErrorMessage(
                "\(unresolved.count == 1 ? "a Task resource has" : "\(unresolved.count) Task resources have") no "
                    + "local handler; nothing was run")
            return .usage
        }
        // AWS refuses an input over the payload quota at StartExecution (SPEC-NOTES.md §5.5).
        if let rejection = executor.startExecutionRejection(for: input) {
            context.writeErrorMessage("StartExecution would fail with \(rejection); nothing was run")
            return .usage
        }

        let before = environment?.snapshot()
        let result: ExecutionResult
        if clockChoice == .real, let environment, !environment.consumers.isEmpty {
            result = await Self.runPollingStreams(executor, input: input, environment: environment, io: io)
        } else {
            result = await executor.run(input: input)
        }

        if let historyPath = arguments.value("history") {
            let events = JSON.object(["events": .array(result.history.map { $0.json() })])
            do {
                try io.writeFile(historyPath, JSONWriter.prettyBytes(events) + [0x0A])
            } catch {
                context.writeErrorMessage("cannot write '\(historyPath)': \(ValidateCommand.reason(error))")
            }
        }
        if format == .text, let environment, let before {
            let summary = RunSummary(before: before, after: environment.snapshot(), history: result.history)
            io.writeError("\nSummary (data in \(environment.dataDirectory.path(percentEncoded: false))):\n")
            io.writeError(summary.lines.map { "  " + $0 }.joined(separator: "\n") + "\n\n")
        }
        switch format {
        case .json:
            io.writeOutput(JSONWriter.compact(result.summaryJSON) + "\n")
        case .text:
            let seconds = result.stopDate.timeIntervalSince(result.startDate)
            let timing = String(format: "%.3fs", seconds) + (clockChoice == .virtual ? " of virtual time" : "")
            switch result.status {
            case .succeeded:
                io.writeError("Execution SUCCEEDED in \(timing)\n")
                io.writeOutput(JSONWriter.pretty(result.output ?? .null) + "\n")
            default:
                var line = "Execution \(result.status.rawValue) in \(timing)"
                if let error = result.error { line += ": \(error)" }
                if let cause = result.cause { line += ": \(cause)" }
                io.writeError(line + "\n")
            }
        }
        return result.status == .succeeded ? .success : .failure
    }

    private static func readInput(_ arguments: ParsedArguments, definitionFromStdin: Bool, io: CommandIO)
        -> Result<JSON, InputError>
    {
        var bytes: [UInt8]
        var origin: String
        if let text = arguments.value("input") {
            bytes = Array(text.utf8)
            origin = "--input"
        } else if let path = arguments.value("input-file") {
            do {
                bytes = path == "-" ? try io.readStandardInput() : try io.readFile(path)
            } catch {
                return .failure(InputError("cannot read '\(path)': \(ValidateCommand.reason(error))"))
            }
            origin = path
        } else if !definitionFromStdin && !io.stdinIsTerminal, let stdin = try? io.readStandardInput() {
            bytes = stdin
            origin = "standard input"
        } else {
            bytes = []
            origin = ""
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return .success(.object(.init()))
        }
        do {
            return .success(try JSONReader.read(bytes, options: .init(duplicateKeys: .keepLast)).value)
        } catch {
            let location = SourceLineTable(bytes).location(ofOffset: error.offset)
            return .failure(
                InputError(
                    "the input from \(origin) is not valid JSON: \(error.message) (at \(location.line):\(location.column))"
                ))
        }
    }

    struct InputError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    private static func loadConfiguration(_ arguments: ParsedArguments, definitionPath: String, io: CommandIO)
        -> Result<ClickstreamConfig?, ConfigurationMessage>
    {
        var path = arguments.value("config")
        if path == nil, definitionPath != "-" {
            let candidate = directory(of: definitionPath) + "/" + defaultConfigurationName
            if io.fileExists(candidate) { path = candidate }
        }
        guard let path else { return .success(nil) }
        let bytes: [UInt8]
        do {
            bytes = try io.readFile(path)
        } catch {
            return .failure(ConfigurationMessage("cannot read '\(path)': \(ValidateCommand.reason(error))"))
        }
        let base = URL(fileURLWithPath: io.currentDirectory, isDirectory: true)
        let folder = URL(fileURLWithPath: directory(of: path), isDirectory: true, relativeTo: base)
        do {
            return .success(try ClickstreamConfig.parse(bytes, path: path, baseDirectory: folder))
        } catch {
            return .failure(ConfigurationMessage(error.description))
        }
    }

    struct ConfigurationMessage: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Under the real clock the stream consumers poll in the background while the execution runs
    /// (every 200 ms, as Lambda's event source mapping polls), and drain what is left at the end.
    private static func runPollingStreams(
        _ executor: Executor, input: JSON, environment: ClickstreamEnvironment, io: CommandIO
    ) async -> ExecutionResult {
        await withTaskGroup(of: ExecutionResult?.self) { group in
            group.addTask { await executor.run(input: input) }
            group.addTask {
                while !Task.isCancelled {
                    do {
                        try await environment.pollStreams()
                    } catch {
                        io.writeError("warning: stream delivery failed: \(error)\n")
                    }
                    try? await Task.sleep(nanoseconds: 200_000_000)
                }
                return nil
            }
            var finished: ExecutionResult?
            while let next = await group.next() {
                if let next {
                    finished = next
                    group.cancelAll()
                }
            }
            _ = try? await environment.drainStreams()
            if let finished { return finished }
            return await executor.run(input: input)
        }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// `Examples/orders/machine.asl.json` → `machine`.
    static func machineName(fromPath path: String) -> String {
        guard path != "-" else { return "StateMachine" }
        var name = path.split(separator: "/").last.map(String.init) ?? path
        for suffix in [".json", ".asl"] where name.hasSuffix(suffix) { name = String(name.dropLast(suffix.count)) }
        return name.isEmpty ? "StateMachine" : name
    }
}

/// Prints `asl run`'s progress lines on standard error.
final class ProgressPrinter: Sendable {
    private let io: CommandIO

    init(io: CommandIO) { self.io = io }

    func print(_ progress: ExecutionProgress) {
        let indent = String(repeating: "  ", count: progress.depth)
        let label = "\(progress.stateName) (\(progress.kind.rawValue))"
        switch progress.phase {
        case .entered:
            io.writeError("\(indent)▶ \(label)\n")
        case .exited(let seconds):
            io.writeError("\(indent)✓ \(label) \(String(format: "%.3fs", seconds))\n")
        case .failed(let error, let cause):
            io.writeError("\(indent)✗ \(label) \(error)\(cause.map { ": \($0)" } ?? "")\n")
        case .retrying(let attempt, let delay, let error):
            io.writeError(
                "\(indent)↻ \(label) retry \(attempt) in \(String(format: "%.3gs", delay)) after \(error)\n")
        }
    }
}
