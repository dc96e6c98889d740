import JSONCore
import StatesLanguage
import StatesRuntime

/// `asl test --init DEFINITION`: a starter test file beside the definition, every Task state
/// mocked with a response shaped like its integration's, one success case. The case is run
/// before the file is written so the file passes as written (SPEC-NOTES.md §14.1).
enum TestInit {
    static func run(definition path: String, force: Bool, in context: CommandContext) async -> ExitCode {
        let io = context.io
        let bytes: [UInt8]
        do {
            bytes = try io.readFile(path)
        } catch {
            context.writeErrorMessage("cannot read '\(TerminalText.escaped(path))': \(FileReadError.reason(of: error))")
            return .usage
        }
        let source = SourceFile(path: path, bytes: bytes)
        let analysis = DefinitionAnalyzer.analyze(source)
        guard !analysis.hasErrors, let parsed = analysis.machine, let machine = try? ResolvedStateMachine(parsed) else {
            let errors = analysis.diagnostics.filter { $0.severity == .error }
            io.writeError(
                TextRenderer(showsExcerpt: true, usesColor: TerminalColor.isEnabled(for: io)).render(
                    [DiagnosticReport(source: source, diagnostics: errors)]))
            context.writeErrorMessage(
                "\(TerminalText.escaped(path)) is not a valid state machine; no test file written")
            return .usage
        }
        let name = RunCommand.machineName(fromPath: path)
        let folder = RunCommand.directory(of: path)
        let target = (folder == "." && !path.hasPrefix("./") ? "" : folder + "/") + name + TestCommand.suffix
        if io.fileExists(target), !force {
            context.writeErrorMessage("'\(TerminalText.escaped(target))' exists; add --force to replace it")
            return .usage
        }

        var mocks = JSONObject()
        var stateMocks = StateMocks()
        for state in parsed.states {
            guard case .task(let task) = state else { continue }
            let response = skeleton(for: task)
            mocks[task.common.name] = ["Return": response]
            stateMocks[task.common.name] = MockedResponses(name: task.common.name, single: .return(response))
        }
        var options = ExecutionOptions()
        options.stateMachineName = name
        func run(_ caseName: String) async -> TestCaseResult {
            await TestRunner.run(
                PreparedTestCase(
                    file: target, name: caseName, machine: machine, handlers: HandlerRegistry(), options: options,
                    input: .object(JSONObject()), mocks: stateMocks, expectation: TestExpectation()))
        }
        // The case is named for what it expects; a case's seed comes from its name, so a renamed
        // case is run again under its final name.
        var caseName = "succeeds"
        var result = await run(caseName)
        if result.execution.status != .succeeded {
            caseName = "starter (ends \(result.execution.status.rawValue): adjust its mocks or input)"
            result = await run(caseName)
        }
        var expect: JSONObject = ["status": .string(result.execution.status.rawValue)]
        if result.execution.status == .succeeded, let output = result.execution.output {
            expect["output"] = output
        } else if let error = result.execution.error {
            expect["error"] = .string(error)
            io.writeError(
                "warning: with these mocks and input {} the execution ends \(result.execution.status.rawValue) "
                    + "(\(TerminalText.message(error))); the case expects that until you adjust its mocks or input\n")
        }
        let definitionName = path.split(separator: "/").last.map(String.init) ?? path
        let file: JSON = [
            "definition": .string(definitionName),
            "cases": [
                [
                    "name": .string(caseName),
                    "input": .object(JSONObject()),
                    "mocks": .object(mocks),
                    "expect": .object(expect),
                ]
            ],
        ]
        do {
            try io.writeFile(target, Array((JSONWriter.pretty(file) + "\n").utf8))
        } catch {
            context.writeErrorMessage(
                "cannot write '\(TerminalText.escaped(target))': \(FileReadError.reason(of: error))")
            return .usage
        }
        let count = mocks.count
        io.writeError("wrote \(TerminalText.escaped(target)) (\(count) Task state\(count == 1 ? "" : "s") mocked)\n")
        return .success
    }

    /// A response shaped like the integration's (AWS developer guide, each service's
    /// "Call … with Step Functions" page; LocalAWS's handlers answer with the same shapes).
    static func skeleton(for task: TaskState) -> JSON {
        guard let resource = task.resource else { return .object(JSONObject()) }
        let literal = literalParameters(task)
        switch resource.kind {
        case .optimized("lambda", "invoke", _):
            return [
                "ExecutedVersion": "$LATEST",
                "Payload": .object(JSONObject()),
                "StatusCode": 200,
            ]
        case .optimized("glue", "startJobRun", .sync):
            return [
                "Id": "jr_0000000000000000000000000000000000000000000000000000000000000000",
                "Attempt": 0,
                "JobName": literal["JobName"] ?? "job",
                "JobRunState": "SUCCEEDED",
                "StartedOn": 1_767_225_600_000,
                "CompletedOn": 1_767_225_660_000,
                "ExecutionTime": 60,
            ]
        case .optimized("glue", "startJobRun", _):
            return ["JobRunId": "jr_0000000000000000000000000000000000000000000000000000000000000000"]
        case .optimized("athena", "startQueryExecution", .sync):
            var execution: JSONObject = [
                "QueryExecutionId": "00000000-0000-0000-0000-000000000000",
                "Status": [
                    "State": "SUCCEEDED", "SubmissionDateTime": 1_767_225_600_000,
                    "CompletionDateTime": 1_767_225_601_000,
                ],
            ]
            if let query = literal["QueryString"] { execution["Query"] = query }
            return ["QueryExecution": .object(execution)]
        case .optimized("athena", "startQueryExecution", _):
            return ["QueryExecutionId": "00000000-0000-0000-0000-000000000000"]
        case .optimized("sns", "publish", _), .sdk("sns", "publish", _):
            return ["MessageId": "00000000-0000-0000-0000-000000000000"]
        case .optimized("sqs", "sendMessage", .requestResponse):
            return [
                "MD5OfMessageBody": "00000000000000000000000000000000",
                "MessageId": "00000000-0000-0000-0000-000000000000",
            ]
        default:
            return .object(JSONObject())
        }
    }

    /// The state's `Parameters` when they are a literal object (values given without paths).
    private static func literalParameters(_ task: TaskState) -> JSONObject {
        var object = JSONObject()
        if case .jsonPath(.literal(let literal)) = task.io.parameters, let fields = literal.objectValue {
            return fields
        }
        if case .jsonPath(.object(let fields)) = task.io.parameters {
            for field in fields {
                if case .template(.literal(let value)) = field.value { object[field.key] = value }
            }
        }
        return object
    }
}
