public import JSONCore
import StatesLanguage

/// A Step Functions Local mock configuration file (`MockConfigFile.json`), read unchanged:
///
///     {"StateMachines": {"LambdaSQSIntegration": {"TestCases": {
///          "HappyPath": {"LambdaState": "MockedLambdaSuccess", "SQSState": "MockedSQSSuccess"}}}},
///      "MockedResponses": {
///          "MockedLambdaSuccess": {"0": {"Return": {"StatusCode": 200, "Payload": {…}}}},
///          "MockedLambdaRetry": {"0": {"Throw": {"Error": "Lambda.ResourceNotReadyException",
///                                                "Cause": "Lambda resource is not ready."}},
///                                "1-2": {"Throw": {…}}, "3": {"Return": {…}}}}}
///
/// Source: AWS developer guide, "Configuration file for mocked service integrations"
/// (`sfn-local-mock-cfg-file`) and "Using mocked service integrations for testing in Step
/// Functions Local" (`sfn-local-test-sm-exec`); SPEC-NOTES.md §14.2. Every problem is placed at
/// the value it is about.
public struct MockConfigFile: Sendable {
    /// One SFN Local test case: the mocked states of one execution.
    public struct TestCase: Sendable {
        public var name: String
        public var mocks: StateMocks
        /// Where each state name is written, for messages about it (names by code units).
        public var stateOffsets: [CodeUnitString: Int]
    }

    /// The state machines in file order, each with its test cases in file order.
    public var stateMachines: [(name: String, testCases: [TestCase])]
    /// Every mocked response, by name (told apart by code units, as the file's keys are).
    public var mockedResponses: [CodeUnitString: MockedResponses]

    /// The test cases of `stateMachine`, or `nil` when the file has no such machine.
    public func testCases(forStateMachine name: String) -> [TestCase]? {
        stateMachines.first { $0.name == name }?.testCases
    }

    /// Parses a read document.
    /// - Throws: ``FileProblem`` at the first field that is not what SFN Local reads.
    public static func parse(_ document: JSONDocument) throws(FileProblem) -> MockConfigFile {
        let map = document.sourceMap
        let root = try FieldReader(document.value, at: .root, map: map, what: "a mock configuration file")
        try root.checkKnown(["StateMachines", "MockedResponses"])
        var responses: [CodeUnitString: MockedResponses] = [:]
        if let section = try root.child("MockedResponses", what: "\"MockedResponses\"") {
            for (name, value) in section.object {
                let reader = try FieldReader(
                    value, at: section.pointer / name, map: map, what: "the mocked response \"\(name)\"")
                responses[name] = try MockAttempts.parse(reader, name: name)
            }
        }
        var machines: [(name: String, testCases: [TestCase])] = []
        guard let section = try root.child("StateMachines", what: "\"StateMachines\"") else {
            throw root.problem("a mock configuration file needs a \"StateMachines\" object")
        }
        for (machineName, value) in section.object {
            let machine = try FieldReader(
                value, at: section.pointer / machineName, map: map, what: "the state machine \"\(machineName)\"")
            try machine.checkKnown(["TestCases"])
            guard let cases = try machine.child("TestCases", what: "\"TestCases\"") else {
                throw machine.problem("the state machine \"\(machineName)\" needs a \"TestCases\" object")
            }
            var testCases: [TestCase] = []
            for (caseName, caseValue) in cases.object {
                let testCase = try FieldReader(
                    caseValue, at: cases.pointer / caseName, map: map, what: "the test case \"\(caseName)\"")
                var mocks = StateMocks()
                var offsets: [CodeUnitString: Int] = [:]
                for (stateName, reference) in testCase.object {
                    offsets[stateName] = map.keyOffset(at: testCase.pointer / stateName)
                    guard let responseName = reference.stringValue else {
                        throw testCase.problem(
                            "the test case \"\(caseName)\" must map the state \"\(stateName)\" to the name of a "
                                + "mocked response (a string), not \(reference.typeName)",
                            at: stateName)
                    }
                    guard let mocked = responses[responseName] else {
                        let suggestion = NameSuggestion.nearest(responseName, in: responses.keys.sorted().map(\.string))
                        throw testCase.problem(
                            "no mocked response \"\(responseName)\" in \"MockedResponses\""
                                + NameSuggestion.didYouMean(suggestion),
                            at: stateName)
                    }
                    mocks[stateName] = mocked
                }
                testCases.append(TestCase(name: caseName, mocks: mocks, stateOffsets: offsets))
            }
            machines.append((machineName, testCases))
        }
        return MockConfigFile(stateMachines: machines, mockedResponses: responses)
    }
}

/// The attempts shape shared by SFN Local's mocked responses and the test file's `mocks`:
/// attempt keys (`"0"`, `"1-2"`) → `{"Return": value}` or `{"Throw": {"Error", "Cause"}}`.
enum MockAttempts {
    static func parse(_ reader: FieldReader, name: String) throws(FileProblem) -> MockedResponses {
        var entries: [MockedResponses.Entry] = []
        var ranges: [ClosedRange<Int>] = []
        for (key, value) in reader.object {
            guard let range = MockedResponses.attemptRange(key) else {
                throw reader.keyProblem(
                    "\"\(key)\" is not an attempt number: use \"0\", \"1\", … or an inclusive range such as \"1-2\"",
                    key: key)
            }
            let attempt = try FieldReader(value, at: reader.pointer / key, map: reader.map, what: "attempt \"\(key)\"")
            entries.append(
                MockedResponses.Entry(
                    first: range.lowerBound, last: range.upperBound, response: try response(attempt)))
            ranges.append(range)
        }
        if entries.isEmpty {
            throw reader.problem("\(reader.what) has no attempts (give at least \"0\")")
        }
        if let problem = MockedResponses.gapProblem(ranges) {
            throw reader.problem("\(reader.what): \(problem)")
        }
        return MockedResponses(name: name, entries: entries)
    }

    /// `{"Return": value}` or `{"Throw": {"Error": …, "Cause": …}}`.
    static func response(_ reader: FieldReader) throws(FileProblem) -> MockedResponse {
        try reader.checkKnown(["Return", "Throw"])
        let hasReturn = reader.object["Return"] != nil
        let hasThrow = reader.object["Throw"] != nil
        guard hasReturn != hasThrow else {
            throw reader.problem("\(reader.what) must hold exactly one of \"Return\" and \"Throw\"")
        }
        if let value = reader.object["Return"] { return .return(value) }
        guard let thrown = try reader.child("Throw", what: "\"Throw\"") else {
            throw reader.problem("\(reader.what) must hold exactly one of \"Return\" and \"Throw\"")
        }
        try thrown.checkKnown(["Error", "Cause"])
        guard let error = try thrown.string("Error", required: true), !error.isEmpty else {
            throw thrown.problem("\"Error\" must not be empty", at: "Error")
        }
        return .throw(error: error, cause: try thrown.string("Cause"))
    }
}
