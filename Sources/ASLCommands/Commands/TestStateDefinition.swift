import JSONCore
import StatesLanguage
import StatesRuntime

/// `asl test-state`'s definition and handlers: the machine is read and validated as `asl run`
/// reads it (a machine with errors is never run); the run configuration is opened only when the
/// state is a Task without a mock, the one case its handlers serve.
enum TestStateDefinition {
    /// The machine, and the name of the state to run: `--state`, or ``LoneStateDefinition/stateName``
    /// for a definition that is one state.
    static func load(_ options: TestStateOptions, in context: CommandContext) throws(TestStateCommand.Stop)
        -> (machine: ResolvedStateMachine, stateName: String)
    {
        let io = context.io
        let name = options.definitionName
        let renderer = TextRenderer(showsExcerpt: true, usesColor: TerminalColor.isEnabled(for: io))
        let invalid = "\(TerminalText.escaped(name)) is not a valid state machine; nothing was run"
        if options.definitionPath != "-", let size = io.fileSize(options.definitionPath),
            let tooLarge = DefinitionAnalyzer.sizeDiagnostic(byteCount: size)
        {
            io.writeError(renderer.render([tooLarge], in: SourceFile(path: name, bytes: [])))
            context.writeErrorMessage(invalid)
            throw TestStateCommand.Stop(code: .usage)
        }
        let bytes: [UInt8]
        do {
            bytes = options.definitionPath == "-" ? try io.readStandardInput() : try io.readFile(options.definitionPath)
        } catch {
            context.writeErrorMessage("cannot read '\(TerminalText.escaped(name))': \(FileReadError.reason(of: error))")
            throw TestStateCommand.Stop(code: .usage)
        }
        if let tooLarge = DefinitionAnalyzer.sizeDiagnostic(byteCount: bytes.count) {
            io.writeError(renderer.render([tooLarge], in: SourceFile(path: name, bytes: bytes)))
            context.writeErrorMessage(invalid)
            throw TestStateCommand.Stop(code: .usage)
        }
        // One state, as TestState takes it without stateName; otherwise a machine and --state.
        let lone = LoneStateDefinition.wrap(bytes)
        let stateName: String
        switch (lone, options.stateName) {
        case (nil, let given?): stateName = given
        case (nil, nil):
            _ = context.reportUsageError(
                UsageError("missing option '--state NAME': the name of the state of \(name) to run"),
                spec: TestStateCommand.spec)
            throw TestStateCommand.Stop(code: .usage)
        case (.some, nil): stateName = LoneStateDefinition.stateName
        case (.some, .some):
            // AWS: "If this field is specified, the definition must contain a fully-formed state
            // machine definition" (API reference, `TestStateInput.stateName`).
            context.writeErrorMessage(
                "\(TerminalText.escaped(name)) is one state, not a state machine: leave out --state, or give the "
                    + "whole machine")
            throw TestStateCommand.Stop(code: .usage)
        }
        let source = SourceFile(path: name, bytes: lone ?? bytes)
        var analysisOptions = AnalysisOptions()
        analysisOptions.reportPlaceholders = true
        let analysis = DefinitionAnalyzer.analyze(source, options: analysisOptions)
        guard !analysis.hasErrors, let machine = analysis.machine else {
            // A lone state's diagnostics are shown on the file's own text, not on the wrapper's.
            let report =
                lone == nil
                ? DiagnosticReport(source: source, diagnostics: analysis.diagnostics)
                : DiagnosticReport(
                    source: SourceFile(path: name, bytes: bytes),
                    diagnostics: LoneStateDefinition.unwrapped(analysis.diagnostics, fileSize: bytes.count))
            io.writeError(renderer.render([report]))
            context.writeErrorMessage(
                lone == nil ? invalid : "\(TerminalText.escaped(name)) is not a valid state; nothing was run")
            throw TestStateCommand.Stop(code: .usage)
        }
        do {
            return (try ResolvedStateMachine(machine), stateName)
        } catch {
            // Unreachable for a machine the validator accepted: it reports every missing target.
            context.writeErrorMessage(TerminalText.message(error.description))
            throw TestStateCommand.Stop(code: .usage)
        }
    }

    /// The run configuration's handlers when the state is a Task without a mock (`--config FILE`,
    /// or `asl.config.json` beside the definition, as `asl run` finds it); none otherwise.
    static func handlers(
        _ options: TestStateOptions, machine: ResolvedStateMachine, stateName: String, in context: CommandContext
    ) throws(TestStateCommand.Stop) -> HandlerRegistry {
        guard options.mock == nil,
            case .task = machine.machine.states.first(where: { $0.common.name == stateName })
        else { return HandlerRegistry() }
        var arguments = ParsedArguments()
        arguments.positionals = [options.definitionPath]
        arguments.values["input"] = "{}"
        if let path = options.configurationPath { arguments.values["config"] = path }
        do {
            let runOptions = try RunOptions(arguments)
            let configuration = try RunConfigurationLoader.load(runOptions, in: context)
            let services = try RunServices.open(
                runOptions, configuration: configuration, seed: options.seed, in: context)
            return services.handlers
        } catch let error as RunCommand.Stop {
            throw TestStateCommand.Stop(code: error.code)
        } catch {
            context.writeErrorMessage(TerminalText.message("\(error)"))
            throw TestStateCommand.Stop(code: .usage)
        }
    }
}
