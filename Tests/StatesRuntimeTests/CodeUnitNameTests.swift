import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Testing

/// State names, error names, Choice strings, intrinsics and JSONPath filters compare strings by
/// code units as AWS (Java) does, not by Swift's canonical equivalence (SPEC-NOTES §1 "String equality").
@Suite struct CodeUnitNameTests {
    typealias Pair = CodeUnitPair
    static let pairs = CodeUnitPair.all

    /// The string as a JSON string literal with every UTF-16 unit escaped (`"\u00e9"`), so the
    /// definition's text holds exactly these code units.
    static func quoted(_ text: String) -> String {
        let hex = Array("0123456789abcdef")
        var quoted = "\""
        for unit in text.utf16 {
            quoted += "\\u"
            for shift in stride(from: 12, through: 0, by: -4) { quoted.append(hex[Int(unit >> UInt16(shift)) & 15]) }
        }
        return quoted + "\""
    }

    @Test(arguments: pairs.filter { !$0.same })
    func twoStatesNamedByThePairBothRun(_ c: Pair) async throws {
        let first = Self.quoted(c.first)
        let second = Self.quoted(c.second)
        let text = """
            {"StartAt": \(first), "States": {
              \(first): {"Type": "Pass", "Result": 1, "ResultPath": "$.one", "Next": \(second)},
              \(second): {"Type": "Pass", "Result": 2, "ResultPath": "$.two", "End": true}}}
            """
        let analysis = DefinitionAnalyzer.analyze(SourceFile(path: "test.asl.json", bytes: Array(text.utf8)))
        #expect(analysis.diagnostics.isEmpty, "\(analysis.diagnostics.map(\.message))")
        let parsed = try #require(analysis.machine)
        #expect(parsed.states.count == 2)
        #expect(parsed.state(named: c.first)?.id != parsed.state(named: c.second)?.id)
        let result = try await run(text)
        #expect(result.status == .succeeded)
        #expect(result.output == ["one": 1, "two": 2])
        let entered = result.history.compactMap { event -> String? in
            guard case .stateEntered(let details) = event.details else { return nil }
            return details.name
        }
        #expect(entered.count == 2)
        #expect(entered.first?.hasSameCodeUnits(as: c.first) == true)
        #expect(entered.last?.hasSameCodeUnits(as: c.second) == true)
    }

    @Test(arguments: pairs)
    func errorEqualsMatchesCodeUnits(_ c: Pair) async throws {
        let function = FlakyFunction(failures: [StatesError(StatesErrorName(c.first))])
        var handlers = HandlerRegistry()
        handlers.register(function, lambdaFunction: "flaky")
        let text = """
            {"StartAt": "Call", "States": {
              "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:flaky",
                       "Catch": [{"ErrorEquals": [\(Self.quoted(c.second))], "Next": "Recover"}], "End": true},
              "Recover": {"Type": "Pass", "Result": "recovered", "End": true}}}
            """
        let result = try await run(text, handlers: handlers)
        if c.same {
            #expect(result.status == .succeeded)
            #expect(result.output == "recovered")
        } else {
            #expect(result.status == .failed)
            #expect(result.error?.hasSameCodeUnits(as: c.first) == true)
        }
        let retried = FlakyFunction(failures: [StatesError(StatesErrorName(c.first))])
        var retrying = HandlerRegistry()
        retrying.register(retried, lambdaFunction: "flaky")
        let retry = """
            {"StartAt": "Call", "States": {
              "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:flaky",
                       "Retry": [{"ErrorEquals": [\(Self.quoted(c.second))], "IntervalSeconds": 1}], "End": true}}}
            """
        let retryResult = try await run(retry, handlers: retrying)
        #expect(retryResult.status == (c.same ? .succeeded : .failed))
        #expect(retried.attemptTimes.count == (c.same ? 2 : 1))
    }

    struct Check: Sendable {
        let name: String
        /// A state reading `$.a` (the pair's first string), `$.b` (its second) and `$.list` (`[a]`).
        let state: String
        let ifSame: JSON
        let ifDistinct: JSON
    }

    static let checks: [Check] = [
        Check(
            name: "Choice StringEquals",
            state:
                #"{"Type": "Choice", "Choices": [{"Variable": "$.a", "StringEqualsPath": "$.b", "Next": "Yes"}], "Default": "No"}"#,
            ifSame: "yes", ifDistinct: "no"),
        Check(
            name: "States.ArrayContains",
            state:
                #"{"Type": "Pass", "Parameters": {"r.$": "States.ArrayContains($.list, $.b)"}, "OutputPath": "$.r", "End": true}"#,
            ifSame: true, ifDistinct: false),
        Check(
            name: "States.ArrayUnique",
            state:
                #"{"Type": "Pass", "Parameters": {"r.$": "States.ArrayLength(States.ArrayUnique($.both))"}, "OutputPath": "$.r", "End": true}"#,
            ifSame: 1, ifDistinct: 2),
        Check(
            name: "JSONPath filter ==",
            state:
                #"{"Type": "Pass", "Parameters": {"r.$": "$.objects[?(@.k == $.b)].v"}, "OutputPath": "$.r", "End": true}"#,
            ifSame: [1], ifDistinct: []),
        Check(
            name: "JSONata =",
            state:
                #"{"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.input.a = $states.input.b %}", "End": true}"#,
            ifSame: true, ifDistinct: false),
        Check(
            name: "JSONata object keys",
            state:
                #"{"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $count($keys($merge([{$states.input.a: 1}, {$states.input.b: 2}]))) %}", "End": true}"#,
            ifSame: 1, ifDistinct: 2),
    ]

    @Test(arguments: pairs, checks.indices)
    func comparesCodeUnits(_ c: Pair, check index: Int) async throws {
        let check = Self.checks[index]
        let branches =
            check.state.contains("Choice")
            ? #", "Yes": {"Type": "Pass", "Result": "yes", "End": true}, "No": {"Type": "Pass", "Result": "no", "End": true}"#
            : ""
        let text = #"{"StartAt": "Check", "States": {"Check": "# + check.state + branches + "}}"
        var input = JSONObject()
        input["a"] = .string(c.first)
        input["b"] = .string(c.second)
        input["list"] = [.string(c.first)]
        input["both"] = [.string(c.first), .string(c.second)]
        input["objects"] = [["k": .string(c.first), "v": 1]]
        let result = try await run(text, input: JSONWriter.compact(.object(input)))
        #expect(result.status == .succeeded, "\(check.name): \(result.error ?? "") \(result.cause ?? "")")
        #expect(result.output == (c.same ? check.ifSame : check.ifDistinct), "\(check.name)")
    }

    /// Variables named by the pair are two variables (UAX #31 names: both spellings are valid).
    @Test(arguments: pairs.filter { !$0.same })
    func variablesNamedByThePairAreTwo(_ c: Pair) async throws {
        let first = Self.quoted(c.first)
        let second = Self.quoted(c.second)
        let firstName = Self.quoted("$" + c.first)
        let secondName = Self.quoted("$" + c.second)
        let jsonata = """
            {"QueryLanguage": "JSONata", "StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {\(first): 1, \(second): 2}, "Next": "Read"},
              "Read": {"Type": "Pass", "Output": "{% [$\(c.first), $\(c.second)] %}", "End": true}}}
            """
        let fromJSONata = try await run(jsonata)
        #expect(fromJSONata.status == .succeeded, "\(fromJSONata.error ?? "") \(fromJSONata.cause ?? "")")
        #expect(fromJSONata.output == [1, 2])
        let jsonPath = """
            {"StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {\(first): 1, \(second): 2}, "Next": "Read"},
              "Read": {"Type": "Pass", "Parameters": {"one.$": \(firstName), "two.$": \(secondName)}, "End": true}}}
            """
        let fromJSONPath = try await run(jsonPath)
        #expect(fromJSONPath.status == .succeeded, "\(fromJSONPath.error ?? "") \(fromJSONPath.cause ?? "")")
        #expect(fromJSONPath.output == ["one": 1, "two": 2])
    }

    /// Reading the other spelling of an assigned variable is reading an unassigned one (ASL-W212).
    @Test(arguments: pairs)
    func unassignedVariableCheckComparesCodeUnits(_ c: Pair) throws {
        let text = """
            {"QueryLanguage": "JSONata", "StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {\(Self.quoted(c.first)): 1}, "Next": "Read"},
              "Read": {"Type": "Pass", "Output": "{% $\(c.second) %}", "End": true}}}
            """
        let analysis = DefinitionAnalyzer.analyze(SourceFile(path: "test.asl.json", bytes: Array(text.utf8)))
        #expect(analysis.diagnostics.contains { $0.rule == "ASL-W212" } == !c.same)
    }

    /// A mock for one of two states named by the pair mocks that state only.
    @Test(arguments: pairs.filter { !$0.same })
    func mocksAreKeyedByCodeUnits(_ c: Pair) async throws {
        let first = Self.quoted(c.first)
        let second = Self.quoted(c.second)
        let text = """
            {"StartAt": \(first), "States": {
              \(first): {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                         "ResultPath": "$.one", "Next": \(second)},
              \(second): {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                          "ResultPath": "$.two", "End": true}}}
            """
        var mocks = StateMocks()
        mocks[c.first] = MockedResponses(name: "one", entries: [.init(first: 0, last: 0, response: .return(1))])
        mocks[c.second] = MockedResponses(name: "two", entries: [.init(first: 0, last: 0, response: .return(2))])
        #expect(mocks.byState.count == 2)
        var options = ExecutionOptions()
        options.mocks = mocks
        let result = try await run(text, options: options)
        #expect(result.status == .succeeded, "\(result.error ?? "") \(result.cause ?? "")")
        #expect(result.output == ["one": 1, "two": 2])
    }
}
