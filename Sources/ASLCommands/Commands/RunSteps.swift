import Clickstream
import Foundation
import JSONCore
import LocalAWS
import StatesLanguage
import StatesRuntime
import Synchronization

/// `asl run`'s input: `--input`, `--input-file`, standard input, or `{}`.
enum RunInput {
    static func read(_ options: RunOptions, in context: CommandContext) throws(RunCommand.Stop) -> JSON {
        let io = context.io
        let bytes: [UInt8]
        let origin: String
        switch options.input {
        case .text(let text):
            bytes = Array(text.utf8)
            origin = "--input"
        case .file(let path):
            do {
                bytes = path == "-" ? try io.readStandardInput() : try io.readFile(path)
            } catch {
                context.writeErrorMessage(
                    "cannot read '\(TerminalText.escaped(path))': \(FileReadError.reason(of: error))")
                throw .usage
            }
            origin = TerminalText.escaped(path)
        case .standardInputOrEmpty:
            guard options.definitionPath != "-", !io.stdinIsTerminal, let stdin = try? io.readStandardInput(),
                stdin.contains(where: { !Self.isWhitespace($0) })
            else { return .object(JSONObject()) }
            bytes = stdin
            origin = "standard input"
        }
        // An empty `--input` is refused by RunOptions; an empty input file reads as `{}`.
        if bytes.allSatisfy(Self.isWhitespace) { return .object(JSONObject()) }
        do {
            return try JSONReader.read(bytes, options: .init(duplicateKeys: .keepLast)).value
        } catch {
            let location = SourceLineTable(bytes).location(ofOffset: error.offset)
            context.writeErrorMessage(
                "the input from \(origin) is not valid JSON: \(error.message) (at \(location.line):\(location.column))")
            throw .usage
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}

/// `--config FILE`, or `asl.config.json` beside the definition.
enum RunConfigurationLoader {
    static func load(_ options: RunOptions, in context: CommandContext) throws(RunCommand.Stop) -> RunConfiguration? {
        let io = context.io
        var path = options.configurationPath
        if path == nil, options.definitionPath != "-" {
            let candidate = RunCommand.directory(of: options.definitionPath) + "/" + RunCommand.defaultConfigurationName
            if io.fileExists(candidate) { path = candidate }
        }
        guard let path else { return nil }
        return try read(path, in: context)
    }

    /// Reads and parses the run configuration at `path` (relative paths inside it are resolved
    /// from its folder); problems are reported located, "file:line:col: error: …".
    static func read(_ path: String, in context: CommandContext) throws(RunCommand.Stop) -> RunConfiguration {
        let io = context.io
        let bytes: [UInt8]
        do {
            bytes = try io.readFile(path)
        } catch {
            context.writeErrorMessage("cannot read '\(TerminalText.escaped(path))': \(FileReadError.reason(of: error))")
            throw .usage
        }
        let base = URL(fileURLWithPath: io.currentDirectory, isDirectory: true)
        let folder = URL(fileURLWithPath: RunCommand.directory(of: path), isDirectory: true, relativeTo: base)
        do {
            return try RunConfiguration.parse(bytes, path: path, baseDirectory: folder, plugins: RunServices.plugins)
        } catch {
            // Already located: "file:line:col: error: …".
            io.writeError(TerminalText.message(error.description) + "\n")
            throw .usage
        }
    }
}

/// The local services a run configuration describes, and the handlers they serve.
struct RunServices: Sendable {
    var handlers = HandlerRegistry()
    var environment: LocalServices?

    /// What `asl run` plugs into the local services: the clickstream pipeline's simulator
    /// function kind and ETL transform (the `native` Glue engine).
    static var plugins: LocalPlugins { .clickstream }

    var isOpen: Bool { environment != nil }

    /// - Parameter progress: Receives the services' progress (events simulated, records
    ///   ingested, rows written).
    static func open(
        _ options: RunOptions, configuration: RunConfiguration?, seed: UInt64,
        progress: @escaping ServiceProgress.Sink = { _ in }, in context: CommandContext
    ) throws(RunCommand.Stop) -> RunServices {
        var services = RunServices()
        guard let configuration else { return services }
        let io = context.io
        let base = URL(fileURLWithPath: io.currentDirectory, isDirectory: true)
        let dataDirectory =
            options.dataDirectory.map { URL(fileURLWithPath: $0, relativeTo: base) }
            ?? configuration.resolvedDataDirectory(relativeTo: base)
        let toStandardError = options.format == .json
        let printNotification: @Sendable (String) -> Void = { text in
            if toStandardError { io.writeError(text) } else { io.writeOutput(text) }
        }
        let warn: @Sendable (String) -> Void = { io.writeError("warning: \(TerminalText.message($0))\n") }
        let sinks = LocalServicesSinks(
            sns: SNSSinks(
                notification: { notification, topic in
                    let name = topic.arn.split(separator: ":").last.map(String.init) ?? topic.arn
                    printNotification(
                        "SNS \(TerminalText.name(name)): \(TerminalText.message(notification.message))\n")
                },
                warning: warn),
            warning: warn, progress: progress)
        do {
            let opened = try LocalServices(
                config: configuration, dataDirectory: dataDirectory, seed: seed, sinks: sinks,
                processEnvironment: io.environment, plugins: plugins)
            try opened.setUp()
            try opened.register(into: &services.handlers)
            services.environment = opened
        } catch {
            context.writeErrorMessage("cannot set up the local services: \(TerminalText.message(error.description))")
            throw .usage
        }
        return services
    }

    /// Runs the execution once. Under the real clock, stream consumers poll in the background
    /// while it runs (every 200 ms, as Lambda's event source mapping polls) and drain what is left
    /// at the end.
    func execute(
        _ executor: Executor, input: JSON, control: ExecutionControl, clock: RunOptions.Clock, io: CommandIO
    ) async -> ExecutionResult {
        guard clock == .real, let environment, !environment.consumers.isEmpty else {
            let result = await executor.run(input: input, control: control)
            // The consumers delivered during clock jumps; their checkpoint files catch up now.
            do {
                try await environment?.saveCheckpoints()
            } catch {
                io.writeError("warning: stream checkpoint not saved: \(TerminalText.message("\(error)"))\n")
            }
            return result
        }
        let result = await withTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    do {
                        try await environment.pollStreams()
                    } catch {
                        io.writeError("warning: stream delivery failed: \(TerminalText.message("\(error)"))\n")
                    }
                    try? await Task.sleep(nanoseconds: 200_000_000)
                }
            }
            let result = await executor.run(input: input, control: control)
            group.cancelAll()
            return result
        }
        _ = try? await environment.drainStreams()
        return result
    }
}

/// Where the execution's events go: the `--history` file as they happen, and the few the
/// summary needs (succeeded Glue tasks). Nothing else is kept.
final class RunRecording: Sendable {
    private let file: HistoryFile?
    private let collectsGlueReports: Bool
    private let glueEvents = Mutex<[HistoryEvent]>([])
    private let children: ChildHistoryFiles?

    /// Creates the history file's temporary file when one is asked for.
    init(historyPath: String?, collectsGlueReports: Bool, in context: CommandContext) throws(RunCommand.Stop) {
        self.collectsGlueReports = collectsGlueReports
        if let historyPath {
            do {
                file = try HistoryFile(path: historyPath, io: context.io)
                children = ChildHistoryFiles(historyPath: historyPath, io: context.io)
            } catch {
                context.writeErrorMessage(Self.cannotWrite(historyPath, error) + "; nothing was run")
                throw .usage
            }
        } else {
            file = nil
            children = nil
        }
    }

    /// Points the execution's history sink here (when anything is wanted).
    func attach(to options: inout ExecutionOptions) {
        if let children { options.childHistory = { start in children.open(start) } }
        guard file != nil || collectsGlueReports else { return }
        options.historySink = { [self] event in receive(event) }
    }

    private func receive(_ event: HistoryEvent) {
        file?.append(event)
        if collectsGlueReports, event.type == .taskSucceeded, case .taskOutput(let details) = event.details,
            details.resourceType == "glue"
        {
            glueEvents.withLock { $0.append(event) }
        }
    }

    /// The succeeded Glue task events, for ``RunSummary``.
    var glueReportEvents: [HistoryEvent] { glueEvents.withLock { $0 } }

    /// Puts the history file in place; returns what went wrong, if anything.
    func finish() -> String? {
        guard let file else { return nil }
        do {
            try file.finish()
            if let failure = children?.failure { return failure }
            return nil
        } catch {
            return Self.cannotWrite(file.path, error)
        }
    }

    private static func cannotWrite(_ path: String, _ error: any Error) -> String {
        "cannot write '\(TerminalText.escaped(path))': \(FileReadError.reason(of: error))"
    }
}
