import Foundation
import JSONCore
import LocalAWS
import StatesLanguage
import StatesRuntime

/// `asl test-state DEFINITION --state NAME`: the local counterpart of AWS's TestState API. Runs
/// one state of the machine (anywhere in it, a Parallel branch or Map processor included; or the
/// definition itself when it is one state, as TestState takes it without `stateName`) on the
/// given input, variables and context, with a mock standing in for a Task's service call or a
/// Map's or Parallel's children, and prints what TestState returns, in its shape, as one JSON
/// object on standard output (SPEC-NOTES.md §15).
///
/// Exit: 0 when the state ran and its status is SUCCEEDED, CAUGHT_ERROR or RETRIABLE; 1 when its
/// status is FAILED (the response is printed all the same); 2 for a usage problem, a definition
/// that cannot be read or is invalid, or a request TestState refuses (its exception and message
/// on standard error).
enum TestStateCommand: ASLCommand {
    static var spec: CommandSpec {
        CommandSpec(
            name: "test-state",
            summary: "Run one state as AWS's TestState API does and print its response.",
            discussion: """
                Prints TestState's response as JSON: output, error, cause, nextState, status (SUCCEEDED, FAILED,
                RETRIABLE, CAUGHT_ERROR) and, at DEBUG and TRACE, inspectionData (input, afterInputPath,
                afterParameters, afterArguments, result, afterResultSelector, afterResultPath, variables,
                errorDetails, …). Nothing calls a real service: a Task takes --mock-result or --mock-error, or a
                handler of the run configuration (--config FILE, or asl.config.json beside the definition); a Map or
                Parallel state needs a mock, as on AWS. Retries do not wait: a retrier that would retry ends the
                test as RETRIABLE with the delay it would wait.
                Exit status: 0 when the state ran (SUCCEEDED, CAUGHT_ERROR, RETRIABLE), 1 when its status is
                FAILED, 2 for a usage problem, an invalid definition or a request TestState refuses.
                """,
            positionals: PositionalSpec(
                name: "DEFINITION", help: "The state machine definition; '-' reads standard input.", minimum: 1,
                maximum: 1),
            options: [
                .value(
                    "state", valueName: "NAME",
                    help: "The state to run (required unless DEFINITION is one state, as TestState takes it)."),
                .value("input", valueName: "JSON", help: "The state's input, as JSON text (default {})."),
                .value("input-file", valueName: "FILE", help: "A file holding the input; '-' reads standard input."),
                .value("mock-result", valueName: "JSON", help: "What the Task's call, Map or Parallel returns."),
                .value("mock-error", valueName: "NAME", help: "The error the Task's call, Map or Parallel ends with."),
                .value("mock-cause", valueName: "TEXT", help: "The cause of --mock-error."),
                .value(
                    "field-validation-mode", valueName: "mode",
                    choices: MockFieldValidationMode.allCases.map(\.rawValue),
                    help: "How strictly a Task's mocked result is checked against its integration's response (STRICT)."),
                .value("variables", valueName: "JSON", help: "The workflow variables, as a JSON object."),
                .value("context", valueName: "JSON", help: "The context object ($$); needs a mock."),
                .value(
                    "retry-count", valueName: "N", help: "Retries already made (stateConfiguration.retrierRetryCount)."),
                .value(
                    "inspection-level", valueName: "level", choices: InspectionLevel.allCases.map(\.rawValue),
                    help: "INFO (default), DEBUG or TRACE."),
                .value(
                    "state-configuration", valueName: "JSON",
                    help: "retrierRetryCount, errorCausedByState, mapIterationFailureCount, mapItemReaderData."),
                .value("config", valueName: "FILE", help: "A run configuration whose handlers serve an unmocked Task."),
                .value("seed", valueName: "N", help: "Seed of the random choices (retry jitter, UUIDs; default 0)."),
            ]
        )
    }

    /// A step stopped the command; what went wrong is printed already.
    struct Stop: Error {
        var code: ExitCode
    }

    static func run(_ arguments: ParsedArguments, in context: CommandContext) async -> ExitCode {
        let options: TestStateOptions
        do {
            options = try TestStateOptions(arguments)
        } catch {
            switch error {
            case .usage(let usage): return context.reportUsageError(usage, spec: spec)
            case .rejected(let rejection):
                context.writeErrorMessage(message(rejection, file: nil))
                return .usage
            }
        }
        do {
            return try await run(options, in: context)
        } catch {
            return error.code
        }
    }

    private static func run(_ options: TestStateOptions, in context: CommandContext) async throws(Stop) -> ExitCode {
        var options = options
        if let file = options.inputFile { options.input = try readInput(file, in: context) }
        let (machine, stateName) = try TestStateDefinition.load(options, in: context)
        var execution = ExecutionOptions()
        execution.stateMachineName = RunCommand.machineName(fromPath: options.definitionPath)
        execution.seed = options.seed
        execution.recordsHistory = false
        let handlers = try TestStateDefinition.handlers(options, machine: machine, stateName: stateName, in: context)
        let executor = Executor(machine: machine, handlers: handlers, options: execution)
        var request = TestStateRequest(
            stateName: stateName, input: options.input, inspectionLevel: options.inspectionLevel,
            mock: options.mock, variables: options.variables, context: options.context,
            configuration: options.configuration)
        request.mockResultCheck = { result, resource, mode in
            MockResultSchema.problem(result, resource: resource, mode: mode)
        }
        let result: TestStateResult
        do {
            result = try await executor.testState(request)
        } catch {
            context.writeErrorMessage(message(error, file: options.definitionName))
            return .usage
        }
        context.io.writeOutput(JSONWriter.pretty(result.json) + "\n")
        return result.status == .failed ? .failure : .success
    }

    private static func readInput(_ file: String, in context: CommandContext) throws(Stop) -> JSON {
        let bytes: [UInt8]
        do {
            bytes = file == "-" ? try context.io.readStandardInput() : try context.io.readFile(file)
        } catch {
            context.writeErrorMessage("cannot read '\(TerminalText.escaped(file))': \(FileReadError.reason(of: error))")
            throw Stop(code: .usage)
        }
        do {
            return try TestStateOptions.parse(bytes)
        } catch {
            context.writeErrorMessage("the input in '\(TerminalText.escaped(file))' is not valid JSON: \(error)")
            throw Stop(code: .usage)
        }
    }

    /// `x.asl.json: ValidationException: State not found in definition (no state is named "Chrage";
    /// did you mean "Charge"?)`.
    static func message(_ rejection: TestStateRejection, file: String?) -> String {
        var text = file.map { TerminalText.escaped($0) + ": " } ?? ""
        text += "\(rejection.kind.rawValue): \(rejection.message)"
        if let hint = rejection.hint { text += " (\(hint))" }
        return text
    }
}
