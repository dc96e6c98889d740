import Clickstream
import Foundation
import JSONCore
import LocalAWS
import StatesLanguage
import StatesRuntime
import Synchronization

/// `asl run DEFINITION`: runs a state machine locally with AWS's semantics.
///
/// Text form: the definition's warnings, then progress on standard error as states are entered
/// and left, the output on standard output. JSON form: exactly one object `{"status", "output",
/// "error", "cause"}` on standard output. Exit: 0 SUCCEEDED, 1 FAILED, TIMED_OUT or ABORTED, 2 an
/// invalid definition, an unserved resource, an input AWS's StartExecution would refuse, a usage
/// problem, or output the user asked for
/// (`--history`) that could not be written, which wins over the execution's status.
///
/// The body is a sequence of steps (``RunOptions``, then load, input, configuration, services,
/// resources, history, execution, report); a step that stops the command prints why and throws
/// the exit code.
enum RunCommand: ASLCommand {
    /// The configuration file `asl run` picks up beside the definition when `--config` is absent.
    static let defaultConfigurationName = "asl.config.json"

    static var spec: CommandSpec {
        CommandSpec(
            name: "run",
            summary: "Run a state machine locally and print its output.",
            discussion: """
                The input comes from --input, --input-file or standard input ({} when none is given). Task
                resources are served by the handlers of the run configuration: --config FILE, or
                \(defaultConfigurationName) beside the definition.
                Exit status: 0 when the execution succeeds, 1 when it fails, times out or is aborted, 2 for an
                invalid definition, a resource no handler serves, an input AWS's StartExecution would refuse
                (over 256 KiB), a usage problem, or a --history file that cannot be written.
                """,
            positionals: PositionalSpec(
                name: "DEFINITION", help: "The state machine definition; '-' reads standard input.", minimum: 1,
                maximum: 1),
            options: [
                .value("input", valueName: "JSON", help: "The execution input, as JSON text."),
                .value("input-file", valueName: "FILE", help: "A file holding the execution input."),
                .value("config", valueName: "FILE", help: "The run configuration (handlers, seed, data directory)."),
                .value(
                    "clock", valueName: "clock", choices: RunOptions.Clock.allCases.map(\.rawValue),
                    help: "virtual (default: waits end at once, time reads as if they had not) or real."),
                .value(
                    "history", valueName: "FILE",
                    help: "Write the execution's history events to FILE as JSON, as they happen."),
                .value(
                    "format", valueName: "format", choices: RunOptions.Format.allCases.map(\.rawValue),
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

    /// A step stopped the command; what went wrong is printed already.
    struct Stop: Error {
        var code: ExitCode
        static let usage = Stop(code: .usage)
    }

    static func run(_ arguments: ParsedArguments, in context: CommandContext) async -> ExitCode {
        let options: RunOptions
        do {
            options = try RunOptions(arguments)
        } catch {
            return context.reportUsageError(error, spec: spec)
        }
        do {
            return try await run(options, in: context)
        } catch {
            return error.code
        }
    }

    private static func run(_ options: RunOptions, in context: CommandContext) async throws(Stop) -> ExitCode {
        // Long steps show a live line on a terminal; every other write erases it first.
        let live = LiveLine(io: context.io)
        var context = context
        context.io = live.wrapping(context.io)
        let machine = try loadMachine(options, in: context)
        let input = try RunInput.read(options, in: context)
        let configuration = try RunConfigurationLoader.load(options, in: context)
        var execution = executionOptions(options, configuration: configuration, machinePath: options.definitionPath)
        let services = try RunServices.open(
            options, configuration: configuration, seed: execution.seed,
            progress: { progress in live.update(source: progress.source, text: progress.text) }, in: context)
        execution.clock =
            options.clock == .real
            ? SystemClock() : VirtualClock(start: Date(), observers: services.environment?.clockObservers ?? [])
        if options.format == .text {
            let progress = ProgressPrinter(io: context.io)
            execution.progress = { progress.print($0) }
        }
        // A map run's progress: a live line on a terminal, plain lines in text format otherwise.
        if context.io.stderrIsTerminal || options.format == .text {
            let mapRuns = MapRunProgressPrinter(io: context.io, live: live)
            execution.mapRunProgress = { mapRuns.report($0) }
        }
        try checkResources(Executor(machine: machine, handlers: services.handlers, options: execution), in: context)
        // AWS refuses an input over the payload quota at StartExecution (SPEC-NOTES.md §5.5).
        if let rejection = Executor(machine: machine, options: execution).startExecutionRejection(for: input) {
            context.writeErrorMessage("StartExecution would fail with \(rejection); nothing was run")
            throw .usage
        }
        // Opened last, just before the run, so nothing above leaves a temporary file behind.
        let recording = try RunRecording(
            historyPath: options.historyPath, collectsGlueReports: services.isOpen, in: context)
        recording.attach(to: &execution)

        let before = services.environment?.snapshot()
        let executor = Executor(machine: machine, handlers: services.handlers, options: execution)
        // Ctrl-C stops the execution (ABORTED, as StopExecution would) so the history file is finished.
        let control = ExecutionControl()
        context.io.onInterrupt { control.abort(cause: "Interrupted: asl run received SIGINT or SIGTERM") }
        let result = await services.execute(
            executor, input: input, control: control, clock: options.clock, io: context.io)
        live.clear()

        var code: ExitCode = result.status == .succeeded ? .success : .failure
        if let problem = recording.finish() {
            context.writeErrorMessage(problem)
            code = code.combined(with: .usage)
        }
        report(result, options: options, services: services, before: before, recording: recording, io: context.io)
        return code
    }

    /// Reads and analyzes the definition; prints its warnings. A machine with errors is never run.
    private static func loadMachine(
        _ options: RunOptions, in context: CommandContext
    ) throws(Stop) -> ResolvedStateMachine {
        let io = context.io
        let name = options.definitionName
        let renderer = TextRenderer(showsExcerpt: true, usesColor: TerminalColor.isEnabled(for: io))
        // Refuse an oversized file from its size, before reading it.
        if options.definitionPath != "-", let size = io.fileSize(options.definitionPath),
            let tooLarge = DefinitionAnalyzer.sizeDiagnostic(byteCount: size)
        {
            io.writeError(renderer.render([tooLarge], in: SourceFile(path: name, bytes: [])))
            context.writeErrorMessage("\(TerminalText.escaped(name)) is not a valid state machine; nothing was run")
            throw .usage
        }
        let bytes: [UInt8]
        do {
            bytes = options.definitionPath == "-" ? try io.readStandardInput() : try io.readFile(options.definitionPath)
        } catch {
            context.writeErrorMessage("cannot read '\(TerminalText.escaped(name))': \(FileReadError.reason(of: error))")
            throw .usage
        }
        let source = SourceFile(path: name, bytes: bytes)
        // Standard input has no size to ask for: refuse an oversized one before parsing it.
        if let tooLarge = DefinitionAnalyzer.sizeDiagnostic(byteCount: bytes.count) {
            io.writeError(renderer.render([tooLarge], in: source))
            context.writeErrorMessage("\(TerminalText.escaped(name)) is not a valid state machine; nothing was run")
            throw .usage
        }
        var analysisOptions = AnalysisOptions()
        if let path = options.substitutionsPath {
            switch Substitutions.load(path, io: io) {
            case .success(let substitutions): analysisOptions.substitutions = substitutions
            case .failure(let error):
                context.writeErrorMessage(error.message)
                throw .usage
            }
        }
        // A placeholder left in the definition would reach AWS unresolved: refuse to run it.
        analysisOptions.reportPlaceholders = true
        let analysis = DefinitionAnalyzer.analyze(source, options: analysisOptions)
        guard !analysis.hasErrors, let machine = analysis.machine else {
            io.writeError(renderer.render([DiagnosticReport(source: source, diagnostics: analysis.diagnostics)]))
            context.writeErrorMessage("\(TerminalText.escaped(name)) is not a valid state machine; nothing was run")
            throw .usage
        }
        // What `asl validate` would warn about is said before the run, on standard error.
        let warnings = analysis.diagnostics.filter { $0.severity != .error }
        if !warnings.isEmpty {
            io.writeError(renderer.render([DiagnosticReport(source: source, diagnostics: warnings)]))
        }
        do {
            return try ResolvedStateMachine(machine)
        } catch {
            // Unreachable for a machine the validator accepted: it reports every missing target.
            context.writeErrorMessage(TerminalText.message(error.description))
            throw .usage
        }
    }

    private static func executionOptions(
        _ options: RunOptions, configuration: RunConfiguration?, machinePath: String
    ) -> ExecutionOptions {
        var execution = ExecutionOptions()
        execution.stateMachineName = configuration?.stateMachineName ?? machineName(fromPath: machinePath)
        if let configuration {
            execution.region = configuration.region
            execution.account = configuration.account
        }
        execution.seed = options.seed ?? configuration?.seed ?? 0
        execution.executionName = options.executionName
        if options.liftsQuotas { execution.quotas = .unlimited }
        // The CLI keeps no history in memory: `--history` streams it, the summary takes what it
        // needs from the stream.
        execution.recordsHistory = false
        return execution
    }

    /// Every Task resource must have a handler before anything runs.
    private static func checkResources(_ executor: Executor, in context: CommandContext) throws(Stop) {
        let unresolved = executor.unresolvedResources()
        guard !unresolved.isEmpty else { return }
        for resource in unresolved { context.writeErrorMessage(TerminalText.message(resource.description)) }
        context.writeErrorMessage(
            "\(unresolved.count == 1 ? "a state" : "\(unresolved.count) states") cannot run locally (a Task "
                + "resource no handler serves, or a JSONata state); nothing was run")
        throw .usage
    }

    private static func report(
        _ result: ExecutionResult, options: RunOptions, services: RunServices, before: LocalServicesSnapshot?,
        recording: RunRecording, io: CommandIO
    ) {
        if options.format == .text, let environment = services.environment, environment.config.hasDataServices,
            let before
        {
            let summary = RunSummary(
                before: before, after: environment.snapshot(), history: recording.glueReportEvents)
            io.writeError("\nSummary (data in \(environment.dataDirectory.path(percentEncoded: false))):\n")
            io.writeError(summary.lines.map { "  " + TerminalText.message($0) }.joined(separator: "\n") + "\n\n")
        }
        switch options.format {
        case .json:
            io.writeOutput(JSONWriter.compact(result.summaryJSON) + "\n")
        case .text:
            let seconds = result.stopDate.timeIntervalSince(result.startDate)
            let timing = String(format: "%.3fs", seconds) + (options.clock == .virtual ? " of virtual time" : "")
            switch result.status {
            case .succeeded:
                io.writeError("Execution SUCCEEDED in \(timing)\n")
                io.writeOutput(JSONWriter.pretty(result.output ?? .null) + "\n")
            default:
                var line = "Execution \(result.status.rawValue) in \(timing)"
                if let error = result.error { line += ": \(TerminalText.message(error))" }
                if let cause = result.cause { line += ": \(TerminalText.message(LambdaCause.readable(cause)))" }
                io.writeError(line + "\n")
            }
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
