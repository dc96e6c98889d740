import Clickstream
import Foundation
import JSONCore
import LocalAWS
import StatesLanguage
import StatesRuntime

/// One test file, read with everything it names (definition, run configuration, mock
/// configuration file) and turned into cases ready to run.
struct LoadedTestFile: Sendable {
    var path: String
    var cases: [PreparedTestCase]
    /// The definition the cases run, for coverage.
    var definition: LoadedDefinition
    /// Located `file:line:col: warning: …` lines about cases that run but may not run the same
    /// way twice.
    var warnings: [String] = []
}

/// A test file's definition as read: what coverage needs to count on it and to place LCOV lines
/// on the file's own lines.
struct LoadedDefinition: Sendable {
    /// The path as resolved from the test file's folder (what LCOV's `SF:` and the coverage JSON name).
    var path: String
    var source: SourceFile
    var sourceMap: SourceMap?
    var machine: ResolvedStateMachine
    /// The substitutions it was read with: one definition read with different values is counted
    /// separately, since its states may differ.
    var substitutions: [String: JSON]
}

/// Why a test file cannot run: lines already located (`file:line:col: error: …`).
struct TestLoadFailure: Error, Sendable {
    var path: String
    var lines: [String]
}

/// Reads test files (SPEC-NOTES.md §14.1). Every path inside a test file is relative to the
/// test file's folder.
enum TestLoader {
    static func load(_ path: String, io: CommandIO) -> Result<LoadedTestFile, TestLoadFailure> {
        do {
            return .success(try loadThrowing(path, io: io))
        } catch {
            return .failure(error)
        }
    }

    private static func loadThrowing(_ path: String, io: CommandIO) throws(TestLoadFailure) -> LoadedTestFile {
        let (bytes, document) = try readJSON(path, io: io, what: "test file")
        if case .object(let object) = document.value, object["StartAt"] != nil, object["States"] != nil {
            // `asl test machine.asl.json`: a definition given where a test file was expected.
            throw failure(
                path,
                located(
                    path, bytes, 0,
                    "this is a state machine definition, not a test file; write a test file naming it in "
                        + "\"definition\" (asl test --init \(path) writes a starter one)"))
        }
        let file: TestFile
        do {
            file = try TestFile.parse(document)
        } catch {
            throw failure(path, located(path, bytes, error.offset, error.message))
        }
        let folder = RunCommand.directory(of: path)
        var substitutions = file.substitutions
        if let substitutionsFile = file.substitutionsFile {
            switch Substitutions.load(resolve(substitutionsFile, in: folder), io: io) {
            case .success(let values): substitutions = values
            case .failure(let error):
                throw failure(path, located(path, bytes, file.substitutionsOffset, error.message))
            }
        }
        let definition = try loadDefinition(
            resolve(file.definition, in: folder), substitutions: substitutions,
            from: (path, bytes, file.definitionOffset), io: io)
        let machine = definition.machine

        var options = ExecutionOptions()
        options.stateMachineName = file.stateMachine ?? RunCommand.machineName(fromPath: file.definition)
        var handlers = HandlerRegistry()
        if let config = file.config {
            let configPath = resolve(config, in: folder)
            let configuration = try loadConfiguration(configPath, testFile: (path, bytes, file.configOffset), io: io)
            options.region = configuration.region
            options.account = configuration.account
            if let name = configuration.stateMachineName, file.stateMachine == nil { options.stateMachineName = name }
            handlers = try openServices(configuration, path: configPath, io: io)
        }

        var cases: [PreparedTestCase] = []
        var warnings: [String] = []
        var written = Dictionary(file.cases.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var mockFile: MockConfigFile?
        if let mockPath = file.mockConfigFile {
            let (mockBytes, mockDocument) = try readJSON(
                resolve(mockPath, in: folder), io: io, what: "mock configuration file",
                from: (path, bytes, file.mockConfigFileOffset))
            let parsedMockFile: MockConfigFile
            do {
                parsedMockFile = try MockConfigFile.parse(mockDocument)
                mockFile = parsedMockFile
            } catch {
                throw failure(path, located(resolve(mockPath, in: folder), mockBytes, error.offset, error.message))
            }
            let names = parsedMockFile.stateMachines.map(\.name)
            let machineName: String
            if let chosen = file.stateMachine {
                guard names.contains(chosen) else {
                    throw failure(
                        path,
                        located(
                            path, bytes, file.stateMachineOffset,
                            "the mock configuration file has no state machine \"\(chosen)\""
                                + NameSuggestion.didYouMean(NameSuggestion.nearest(chosen, in: names))
                                + " (it has: \(names.joined(separator: ", ")))"))
                }
                machineName = chosen
            } else if names.count == 1, let only = names.first {
                machineName = only
            } else {
                throw failure(
                    path,
                    located(
                        path, bytes, file.mockConfigFileOffset,
                        "the mock configuration file has \(names.count) state machines; say which with "
                            + "\"stateMachine\" (one of: \(names.joined(separator: ", ")))"))
            }
            options.stateMachineName = machineName
            for testCase in parsedMockFile.testCases(forStateMachine: machineName) ?? [] {
                // A case of the test file with the same name gives the input and expectations,
                // and its mocks replace the mock file's state by state.
                var mocks = testCase.mocks
                var input = JSON.object(JSONObject())
                var expectation = TestExpectation()
                let mockFilePath = resolve(mockPath, in: folder)
                let references = testCase.mocks.byState.keys.sorted().map { ($0.string, testCase.stateOffsets[$0]) }
                try checkStates(references, machine: machine, file: (mockFilePath, mockBytes))
                for (name, offset) in references {
                    try checkTask(name, machine: machine, file: (mockFilePath, mockBytes), offset: offset)
                }
                var caseOptions = options
                let overridden = Set(written[testCase.name]?.mocks.byState.keys.map { $0 } ?? [])
                warnings += concurrentMapWarnings(
                    testCase.mocks, references: references.filter { !overridden.contains(CodeUnitString($0.0)) },
                    machine: machine,
                    file: (mockFilePath, mockBytes))
                if var own = written.removeValue(forKey: testCase.name) {
                    try resolveNamedMocks(&own, in: mockFile, file: (path, bytes))
                    try checkCase(own, machine: machine, file: (path, bytes))
                    for (state, mocked) in own.mocks.byState { mocks.byState[state] = mocked }
                    warnings += concurrentMapWarnings(
                        own.mocks, references: own.stateReferences, machine: machine, file: (path, bytes))
                    input = own.input
                    expectation = own.expectation
                    own.context.apply(to: &caseOptions)
                }
                cases.append(
                    PreparedTestCase(
                        file: path, name: testCase.name, machine: machine, handlers: handlers, options: caseOptions,
                        input: input, mocks: mocks, expectation: expectation))
            }
        }
        for var testCase in file.cases where written[testCase.name] != nil {
            try resolveNamedMocks(&testCase, in: mockFile, file: (path, bytes))
            try checkCase(testCase, machine: machine, file: (path, bytes))
            warnings += concurrentMapWarnings(
                testCase.mocks, references: testCase.stateReferences, machine: machine, file: (path, bytes))
            var caseOptions = options
            testCase.context.apply(to: &caseOptions)
            cases.append(
                PreparedTestCase(
                    file: path, name: testCase.name, machine: machine, handlers: handlers, options: caseOptions,
                    input: testCase.input, mocks: testCase.mocks, expectation: testCase.expectation))
        }
        return LoadedTestFile(path: path, cases: cases, definition: definition, warnings: warnings)
    }

    /// A mocked state inside a Map that runs iterations at once (`MaxConcurrency` not a literal
    /// 1), whose responses differ by invocation: the iterations take invocation numbers in an
    /// order that varies between runs, so the case's outcome may vary (SPEC-NOTES.md §14.2).
    static func concurrentMapWarnings(
        _ mocks: StateMocks, references: [(name: String, offset: Int?)], machine: ResolvedStateMachine,
        file: (path: String, bytes: [UInt8])
    ) -> [String] {
        let graph = machine.machine
        var warnings: [String] = []
        for name in mocks.byState.keys.sorted().map(\.string) {
            guard let reference = references.first(where: { $0.name.hasSameCodeUnits(as: name) }),
                let mocked = mocks[name], Set(mocked.entries.map(\.response)).count > 1,
                let state = graph.states.first(where: { $0.name.hasSameCodeUnits(as: name) })
            else { continue }
            var scope = state.common.scope
            var concurrentMap: String?
            walk: while concurrentMap == nil {
                switch graph[scope: scope].kind {
                case .root:
                    break walk
                case .parallelBranch(let parent, _):
                    scope = graph[parent].common.scope
                case .mapItemProcessor(let parent):
                    if case .map(let map) = graph[parent], map.maxConcurrency != .literal(1) {
                        concurrentMap = graph[parent].name
                    }
                    scope = graph[parent].common.scope
                }
            }
            guard let concurrentMap else { continue }
            warnings.append(
                located(
                    file.path, file.bytes, reference.offset,
                    "the responses of \"\(name)\" differ by invocation, but the Map state \"\(concurrentMap)\" runs "
                        + "its iterations at once, so which iteration gets which response (and the case's outcome) "
                        + "may vary between runs; give one response for every invocation, or set its MaxConcurrency to 1",
                    severity: "warning"))
        }
        return warnings
    }

    /// `name` relative to `folder` unless absolute.
    static func resolve(_ name: String, in folder: String) -> String {
        name.hasPrefix("/") || folder == "." ? name : folder + "/" + name
    }

    private static func failure(_ path: String, _ line: String) -> TestLoadFailure {
        TestLoadFailure(path: path, lines: [line])
    }

    /// `file:line:col: error: message` (or `file: error: message` without a place).
    static func located(
        _ path: String, _ bytes: [UInt8], _ offset: Int?, _ message: String, severity: String = "error"
    ) -> String {
        let name = TerminalText.escaped(path)
        guard let offset else { return "\(name): \(severity): \(TerminalText.message(message))" }
        let location = SourceLineTable(bytes).location(ofOffset: offset)
        return "\(name):\(location.line):\(location.column): \(severity): \(TerminalText.message(message))"
    }

    /// Reads a JSON file; `testFile` is the test file naming it, where a file that cannot be read
    /// is reported (at the value naming it), as for the definition and the run configuration.
    /// The bytes of a file a test file names, or a failure located at the name in the test file.
    private static func read(
        _ path: String, what: String, from testFile: (path: String, bytes: [UInt8], offset: Int?), io: CommandIO
    ) throws(TestLoadFailure) -> [UInt8] {
        do {
            return try io.readFile(path)
        } catch {
            throw failure(
                testFile.path,
                located(
                    testFile.path, testFile.bytes, testFile.offset,
                    "cannot read the \(what) '\(path)': \(FileReadError.reason(of: error))"))
        }
    }

    private static func readJSON(
        _ path: String, io: CommandIO, what: String,
        from testFile: (path: String, bytes: [UInt8], offset: Int?)? = nil
    ) throws(TestLoadFailure) -> ([UInt8], JSONDocument) {
        let bytes: [UInt8]
        if let testFile {
            bytes = try read(path, what: what, from: testFile, io: io)
        } else {
            do {
                bytes = try io.readFile(path)
            } catch {
                throw failure(
                    path,
                    "\(TerminalText.escaped(path)): error: cannot read the \(what): \(FileReadError.reason(of: error))")
            }
        }
        do {
            return (bytes, try JSONReader.read(bytes))
        } catch {
            throw failure(path, located(path, bytes, error.offset, "the \(what) is not valid JSON: \(error.message)"))
        }
    }

    private static func loadDefinition(
        _ path: String, substitutions: [String: JSON], from testFile: (path: String, bytes: [UInt8], offset: Int?),
        io: CommandIO
    ) throws(TestLoadFailure) -> LoadedDefinition {
        let bytes = try read(path, what: "definition", from: testFile, io: io)
        let source = SourceFile(path: path, bytes: bytes)
        var analysisOptions = AnalysisOptions()
        analysisOptions.reportPlaceholders = true
        analysisOptions.substitutions = substitutions
        let analysis = DefinitionAnalyzer.analyze(source, options: analysisOptions)
        guard !analysis.hasErrors, let machine = analysis.machine, let resolved = try? ResolvedStateMachine(machine)
        else {
            let errors = analysis.diagnostics.filter { $0.severity == .error }
            let rendered = TextRenderer(showsExcerpt: false, usesColor: false).render(
                [DiagnosticReport(source: source, diagnostics: errors)])
            throw TestLoadFailure(
                path: testFile.path,
                lines: rendered.split(separator: "\n").map(String.init)
                    + [
                        "\(TerminalText.escaped(path)): error: the definition is not a valid state machine; its cases were not run"
                    ])
        }
        return LoadedDefinition(
            path: path, source: source, sourceMap: analysis.document?.sourceMap, machine: resolved,
            substitutions: substitutions)
    }

    private static func loadConfiguration(
        _ path: String, testFile: (path: String, bytes: [UInt8], offset: Int?), io: CommandIO
    ) throws(TestLoadFailure) -> RunConfiguration {
        let bytes = try read(path, what: "run configuration", from: testFile, io: io)
        let base = URL(fileURLWithPath: io.currentDirectory, isDirectory: true)
        let folder = URL(fileURLWithPath: RunCommand.directory(of: path), isDirectory: true, relativeTo: base)
        do {
            return try RunConfiguration.parse(bytes, path: path, baseDirectory: folder, plugins: RunServices.plugins)
        } catch {
            throw failure(testFile.path, TerminalText.message(error.description))
        }
    }

    /// The handlers of a run configuration, as `asl run --config` builds them (its data
    /// directory relative to the working directory).
    private static func openServices(_ configuration: RunConfiguration, path: String, io: CommandIO)
        throws(TestLoadFailure) -> HandlerRegistry
    {
        let base = URL(fileURLWithPath: io.currentDirectory, isDirectory: true)
        let warn: @Sendable (String) -> Void = { io.writeError("warning: \(TerminalText.message($0))\n") }
        let sinks = LocalServicesSinks(
            sns: SNSSinks(notification: { _, _ in }, warning: warn), warning: warn, progress: { _ in })
        var handlers = HandlerRegistry()
        do {
            let services = try LocalServices(
                config: configuration, dataDirectory: configuration.resolvedDataDirectory(relativeTo: base),
                sinks: sinks, processEnvironment: io.environment, plugins: RunServices.plugins)
            try services.setUp()
            try services.register(into: &handlers)
        } catch {
            throw failure(
                path,
                "\(TerminalText.escaped(path)): error: cannot set up the local services: \(TerminalText.message(error.description))"
            )
        }
        return handlers
    }

    /// Puts the mocked responses a case names (`"State": "MockedResponseName"`) in its mocks.
    private static func resolveNamedMocks(
        _ testCase: inout TestFile.Case, in mockFile: MockConfigFile?, file: (path: String, bytes: [UInt8])
    ) throws(TestLoadFailure) {
        for named in testCase.namedMocks {
            guard let mockFile else {
                throw failure(
                    file.path,
                    located(
                        file.path, file.bytes, named.offset,
                        "the mock of \"\(named.state)\" names the mocked response \"\(named.response)\", but the test "
                            + "file has no \"mockConfigFile\" (give the attempts here, or add the mock file)"))
            }
            guard let mocked = mockFile.mockedResponses[named.response] else {
                let suggestion = NameSuggestion.nearest(
                    named.response, in: mockFile.mockedResponses.keys.sorted().map(\.string))
                throw failure(
                    file.path,
                    located(
                        file.path, file.bytes, named.offset,
                        "the mock configuration file has no mocked response \"\(named.response)\""
                            + NameSuggestion.didYouMean(suggestion)))
            }
            testCase.mocks[named.state] = mocked
        }
    }

    /// A test file's case: the states it names exist, the ones it mocks are Task states.
    private static func checkCase(
        _ testCase: TestFile.Case, machine: ResolvedStateMachine, file: (path: String, bytes: [UInt8])
    ) throws(TestLoadFailure) {
        try checkStates(testCase.stateReferences, machine: machine, file: file)
        for name in testCase.mocks.byState.keys.sorted().map(\.string) {
            try checkTask(
                name, machine: machine, file: file,
                offset: testCase.stateReferences.first { $0.name.hasSameCodeUnits(as: name) }?.offset)
        }
    }

    /// Every state a case names must be a state of the machine.
    private static func checkStates(
        _ references: [(name: String, offset: Int?)], machine: ResolvedStateMachine,
        file: (path: String, bytes: [UInt8])
    ) throws(TestLoadFailure) {
        let names = machine.machine.states.map(\.name)
        let known = Set(names.map { CodeUnitString($0) })
        for reference in references where !known.contains(reference.name) {
            throw failure(
                file.path,
                located(
                    file.path, file.bytes, reference.offset,
                    "the definition has no state \"\(reference.name)\""
                        + NameSuggestion.didYouMean(NameSuggestion.nearest(reference.name, in: names))))
        }
    }

    /// Only Task states can be mocked.
    private static func checkTask(
        _ name: String, machine: ResolvedStateMachine, file: (path: String, bytes: [UInt8]), offset: Int?
    ) throws(TestLoadFailure) {
        guard let state = machine.machine.states.first(where: { $0.name == name }) else { return }
        if case .task = state { return }
        throw failure(
            file.path,
            located(
                file.path, file.bytes, offset,
                "\"\(name)\" is a \(String(describing: state.kind).capitalized) state; only Task states can be mocked"))
    }
}
