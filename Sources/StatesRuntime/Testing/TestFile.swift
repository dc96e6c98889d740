public import JSONCore
import StatesLanguage

/// What a case sets of the context object.
public struct ContextOverrides: Sendable, Hashable {
    public var executionName: String?
    public var roleArn: String?
    public var stateMachineName: String?

    public init(executionName: String? = nil, roleArn: String? = nil, stateMachineName: String? = nil) {
        self.executionName = executionName
        self.roleArn = roleArn
        self.stateMachineName = stateMachineName
    }

    /// Applies these to `options`.
    public func apply(to options: inout ExecutionOptions) {
        if let executionName { options.executionName = executionName }
        if let roleArn { options.roleArn = roleArn }
        if let stateMachineName { options.stateMachineName = stateMachineName }
    }
}

/// A test file (`*.asl-test.json`): the definition to test, where unmocked states are served,
/// and the cases. Every field is documented in the README's "Testing your state machines".
///
///     {"definition": "../state_machine_definition.json",
///      "config": "../asl.config.json",
///      "mockConfigFile": "MockConfigFile.json", "stateMachine": "LambdaSQSIntegration",
///      "cases": [{"name": "glue fails", "input": {…},
///                 "mocks": {"RunGlueJob": {"Throw": {"Error": "Glue.AWSGlueException", "Cause": "…"}}},
///                 "expect": {"status": "FAILED", "statesInclude": ["RunGlueJob", "NotifyFailure"]}}]}
///
/// Paths are relative to the test file. SPEC-NOTES.md §14.1.
public struct TestFile: Sendable {
    /// One case as written.
    public struct Case: Sendable {
        public var name: String
        public var input: JSON
        public var mocks: StateMocks
        public var expectation: TestExpectation
        /// Mocks given by the name of a mocked response of the mock configuration file
        /// (`"StateName": "MockedLambdaRetry"`), resolved once that file is read.
        public var namedMocks: [(state: String, response: String, offset: Int?)]
        /// `context`: what the case sets of the context object (`$$.Execution.Name`,
        /// `$$.Execution.RoleArn`, `$$.StateMachine.Name`).
        public var context: ContextOverrides
        /// Where the case starts in the file.
        public var offset: Int?
        /// Every state name the case mentions (mocks, expectations), with where, so a misspelt
        /// name is reported before anything runs.
        public var stateReferences: [(name: String, offset: Int?)]
    }

    public var definition: String
    public var definitionOffset: Int?
    public var config: String?
    public var configOffset: Int?
    public var mockConfigFile: String?
    public var mockConfigFileOffset: Int?
    /// The state machine of the mock configuration file whose test cases become cases.
    public var stateMachine: String?
    public var stateMachineOffset: Int?
    /// Values for the definition's `${name}` placeholders: given here (an object), or the path
    /// of a JSON file holding them (as `asl run --substitutions` takes).
    public var substitutions: [String: JSON] = [:]
    public var substitutionsFile: String?
    public var substitutionsOffset: Int?
    public var cases: [Case]

    static let fields = [
        "definition", "config", "mockConfigFile", "stateMachine", "substitutions", "description", "cases",
    ]
    static let caseFields = ["name", "description", "input", "context", "mocks", "expect"]
    static let expectFields = [
        "status", "output", "outputContains", "error", "cause", "states", "statesInclude", "state", "maxTransitions",
    ]
    static let stateFields = [
        "entry", "input", "inputContains", "output", "outputContains", "variables", "variablesContains",
    ]

    /// Parses a read test file.
    /// - Throws: ``FileProblem`` at the first field that is wrong.
    public static func parse(_ document: JSONDocument) throws(FileProblem) -> TestFile {
        let map = document.sourceMap
        let root = try FieldReader(document.value, at: .root, map: map, what: "a test file")
        try root.checkKnown(fields)
        guard let definition = try root.string("definition", required: true) else {
            throw root.problem("a test file needs a \"definition\" field (the definition's path)")
        }
        for field in ["definition", "config", "mockConfigFile"] where root.object[field] == .string("") {
            throw root.problem(
                "\"\(field)\" must not be empty: give a path relative to the test file's folder", at: field)
        }
        var file = TestFile(
            definition: definition, definitionOffset: map.valueOffset(at: .root / "definition"),
            config: try root.string("config"), configOffset: map.valueOffset(at: .root / "config"),
            mockConfigFile: try root.string("mockConfigFile"),
            mockConfigFileOffset: map.valueOffset(at: .root / "mockConfigFile"),
            stateMachine: try root.string("stateMachine"),
            stateMachineOffset: map.valueOffset(at: .root / "stateMachine"),
            cases: [])
        file.substitutionsOffset = map.valueOffset(at: .root / "substitutions")
        switch root.object["substitutions"] {
        case nil: break
        case .string(let path): file.substitutionsFile = path
        case .object(let values): for (name, value) in values { file.substitutions[name] = value }
        case let other?:
            throw root.problem(
                "\"substitutions\" must be an object of placeholder values or the path of a JSON file holding one, "
                    + "not \(other.typeName)",
                at: "substitutions")
        }
        if file.stateMachine != nil, file.mockConfigFile == nil {
            throw root.problem(
                "\"stateMachine\" names a machine of a mock configuration file: add \"mockConfigFile\"",
                at: "stateMachine")
        }
        if let cases = root.object["cases"] {
            guard let array = cases.arrayValue else {
                throw root.problem("\"cases\" must be an array of test cases, not \(cases.typeName)", at: "cases")
            }
            var names: Set<CodeUnitString> = []
            for index in array.indices {
                let testCase = try parseCase(array[index], at: .root / "cases" / index, map: map)
                guard names.insert(testCase.name) else {
                    throw FileProblem(
                        "two cases are named \"\(testCase.name)\"; case names must be unique in a file",
                        offset: map.valueOffset(at: .root / "cases" / index / "name"))
                }
                file.cases.append(testCase)
            }
        } else if file.mockConfigFile == nil {
            throw root.problem("a test file needs \"cases\" (or a \"mockConfigFile\" whose test cases to run)")
        }
        return file
    }

    private static func parseCase(_ value: JSON, at pointer: JSONPointer, map: SourceMap) throws(FileProblem) -> Case {
        let reader = try FieldReader(value, at: pointer, map: map, what: "a test case")
        try reader.checkKnown(caseFields)
        guard let name = try reader.string("name", required: true), !name.isEmpty else {
            throw reader.problem("a test case's \"name\" must not be empty", at: "name")
        }
        var references: [(name: String, offset: Int?)] = []
        var namedMocks: [(state: String, response: String, offset: Int?)] = []
        var mocks = StateMocks()
        if let section = try reader.child("mocks", what: "\"mocks\"") {
            for (stateName, mockValue) in section.object {
                references.append((stateName, map.keyOffset(at: section.pointer / stateName)))
                if let responseName = mockValue.stringValue {
                    // The name of a mocked response of the mock configuration file.
                    namedMocks.append((stateName, responseName, map.valueOffset(at: section.pointer / stateName)))
                    continue
                }
                let mock = try FieldReader(
                    mockValue, at: section.pointer / stateName, map: map, what: "the mock of \"\(stateName)\"")
                // Shorthand: one attempt, `{"Return": …}` or `{"Throw": …}`.
                if mock.object["Return"] != nil || mock.object["Throw"] != nil {
                    mocks[stateName] = MockedResponses(name: stateName, single: try MockAttempts.response(mock))
                } else {
                    mocks[stateName] = try MockAttempts.parse(mock, name: stateName)
                }
            }
        }
        var expectation = TestExpectation()
        if let expect = try reader.child("expect", what: "\"expect\"") {
            expectation = try parseExpectation(expect, references: &references)
        }
        var context = ContextOverrides()
        if let section = try reader.child("context", what: "\"context\"") {
            try section.checkKnown(["Execution", "StateMachine"])
            if let execution = try section.child("Execution", what: "\"context.Execution\"") {
                try execution.checkKnown(["Name", "RoleArn"])
                context.executionName = try execution.string("Name")
                context.roleArn = try execution.string("RoleArn")
            }
            if let machine = try section.child("StateMachine", what: "\"context.StateMachine\"") {
                try machine.checkKnown(["Name"])
                context.stateMachineName = try machine.string("Name")
            }
        }
        return Case(
            name: name, input: reader.object["input"] ?? .object(JSONObject()), mocks: mocks, expectation: expectation,
            namedMocks: namedMocks, context: context, offset: map.valueOffset(at: pointer),
            stateReferences: references)
    }

    private static func parseExpectation(
        _ reader: FieldReader, references: inout [(name: String, offset: Int?)]
    ) throws(FileProblem) -> TestExpectation {
        try reader.checkKnown(expectFields)
        var expectation = TestExpectation()
        if let status = try reader.string("status") {
            guard let parsed = ExecutionStatus(rawValue: status) else {
                let names = ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"]
                throw reader.problem(
                    "\"status\" must be one of \(names.joined(separator: ", "))"
                        + NameSuggestion.didYouMean(NameSuggestion.nearest(status.uppercased(), in: names)),
                    at: "status")
            }
            expectation.status = parsed
        }
        if reader.object["output"] != nil, reader.object["outputContains"] != nil {
            throw reader.problem("give \"output\" or \"outputContains\", not both", at: "outputContains")
        }
        if let output = reader.object["output"] { expectation.output = .exact(output) }
        if let output = reader.object["outputContains"] { expectation.output = .contains(output) }
        expectation.error = try reader.string("error")
        expectation.cause = try reader.string("cause")
        for key in ["states", "statesInclude"] {
            guard let names = try reader.strings(key) else { continue }
            for index in names.indices {
                references.append((names[index], reader.map.valueOffset(at: reader.pointer / key / index)))
            }
            if key == "states" { expectation.states = names } else { expectation.statesInclude = names }
        }
        expectation.maxTransitions = try reader.integer("maxTransitions", minimum: 0)
        if let states = try reader.child("state", what: "\"state\"") {
            for (stateName, value) in states.object {
                references.append((stateName, reader.map.keyOffset(at: states.pointer / stateName)))
                let assertion = try FieldReader(
                    value, at: states.pointer / stateName, map: reader.map, what: "the assertion on \"\(stateName)\"")
                try assertion.checkKnown(stateFields)
                var parsed = StateAssertion(
                    stateName: stateName, entry: try assertion.integer("entry", minimum: 0) ?? 0)
                parsed.input = try match(assertion, "input")
                parsed.output = try match(assertion, "output")
                parsed.variables = try match(assertion, "variables")
                if parsed.input == nil, parsed.output == nil, parsed.variables == nil {
                    throw assertion.problem(
                        "the assertion on \"\(stateName)\" checks nothing: give \"input\", \"output\" or \"variables\""
                            + " (or their …Contains forms)")
                }
                expectation.stateAssertions.append(parsed)
            }
        }
        return expectation
    }

    private static func match(_ reader: FieldReader, _ key: String) throws(FileProblem) -> ValueMatch? {
        let exact = reader.object[key]
        let contains = reader.object[key + "Contains"]
        if exact != nil, contains != nil {
            throw reader.problem("give \"\(key)\" or \"\(key)Contains\", not both", at: key + "Contains")
        }
        if let exact { return .exact(exact) }
        if let contains { return .contains(contains) }
        return nil
    }
}
