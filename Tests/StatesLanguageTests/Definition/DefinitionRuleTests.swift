import JSONCore
import StatesLanguage
import Testing

/// Each parser rule: a failing definition with its rule id and pointer, and the corrected one
/// that must parse with no diagnostic.
@Suite struct DefinitionRuleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let failing: String
        let rule: RuleID
        let pointer: String
        var anchor: DiagnosticAnchor = .value
        var message: String?
        let passing: String
        var testDescription: String { "\(rule) \(name)" }
    }

    /// `{"StartAt": "A", <top> "States": {<states>}}`.
    static func machine(_ states: String, top: String = "") -> String {
        #"{"StartAt": "A", \#(top) "States": {\#(states)}}"#
    }

    static let cases: [Case] = [
        Case(
            name: "missing StartAt", failing: #"{"States": {"A": {"Type": "Succeed"}}}"#, rule: .definitionShape,
            pointer: "", message: "these fields are required: [StartAt]", passing: machine(#""A": {"Type": "Succeed"}"#)
        ),
        Case(
            name: "empty object", failing: "{}", rule: .definitionShape, pointer: "",
            message: "[States, StartAt]", passing: machine(#""A": {"Type": "Succeed"}"#)),
        Case(
            name: "not an object", failing: "[1]", rule: .definitionShape, pointer: "",
            passing: machine(#""A": {"Type": "Succeed"}"#)),
        Case(
            name: "empty States", failing: machine(""), rule: .definitionShape, pointer: "/States",
            passing: machine(#""A": {"Type": "Succeed"}"#)),
        Case(
            name: "branch without StartAt",
            failing: machine(
                #""A": {"Type": "Parallel", "End": true, "Branches": [{"States": {"B": {"Type": "Succeed"}}}]}"#),
            rule: .definitionShape, pointer: "/States/A/Branches/0",
            passing: machine(
                #""A": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}]}"#
            )),
        Case(
            name: "misspelt field", failing: machine(#""A": {"Type": "Pass", "Reslt": 1, "End": true}"#),
            rule: .unknownField, pointer: "/States/A/Reslt", anchor: .key, message: #"did you mean "Result"?"#,
            passing: machine(#""A": {"Type": "Pass", "Result": 1, "End": true}"#)),
        Case(
            name: "misspelt Next", failing: machine(#""A": {"Type": "Pass", "Nxt": "B"}, "B": {"Type": "Succeed"}"#),
            rule: .unknownField, pointer: "/States/A/Nxt", anchor: .key, message: #"did you mean "Next"?"#,
            passing: machine(#""A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}"#)),
        Case(
            name: "unknown top-level field", failing: machine(#""A": {"Type": "Succeed"}"#, top: #""Coment": "x","#),
            rule: .unknownField, pointer: "/Coment", anchor: .key, message: #""Comment""#,
            passing: machine(#""A": {"Type": "Succeed"}"#, top: #""Comment": "x","#)),
        Case(
            name: "unknown retrier field",
            failing: machine(
                #""A": {"Type": "Task", "Resource": "r", "End": true, "Retry": [{"ErrorEquals": ["E"], "MaxAttempt": 1}]}"#
            ),
            rule: .unknownField, pointer: "/States/A/Retry/0/MaxAttempt", anchor: .key,
            passing: machine(
                #""A": {"Type": "Task", "Resource": "r", "End": true, "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 1}]}"#
            )),
        Case(
            name: "unknown choice operator",
            failing: machine(
                #""A": {"Type": "Choice", "Choices": [{"Variable": "$.a", "StringEqual": "x", "Next": "B"}]}, "B": {"Type": "Succeed"}"#
            ),
            rule: .unknownField, pointer: "/States/A/Choices/0/StringEqual", anchor: .key,
            message: #""StringEquals""#,
            passing: machine(
                #""A": {"Type": "Choice", "Choices": [{"Variable": "$.a", "StringEquals": "x", "Next": "B"}]}, "B": {"Type": "Succeed"}"#
            )),
        Case(
            name: "unknown ReaderConfig field",
            failing: machine(
                #""A": {"Type": "Map", "End": true, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputTyp": "CSV"}}, "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}}"#
            ),
            rule: .unknownField, pointer: "/States/A/ItemReader/ReaderConfig/InputTyp", anchor: .key,
            passing: machine(
                #""A": {"Type": "Map", "End": true, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV"}}, "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}}"#
            )),
        Case(
            name: "ResultPath on Succeed", failing: machine(#""A": {"Type": "Succeed", "ResultPath": "$.x"}"#),
            rule: .fieldNotAllowedForType, pointer: "/States/A/ResultPath", anchor: .key,
            message: #"Field "ResultPath" is not supported in a Succeed state"#,
            passing: machine(#""A": {"Type": "Succeed", "OutputPath": "$.x"}"#)),
        Case(
            name: "Next on Fail", failing: machine(#""A": {"Type": "Fail", "Next": "A"}"#),
            rule: .fieldNotAllowedForType, pointer: "/States/A/Next", anchor: .key,
            passing: machine(#""A": {"Type": "Fail"}"#)),
        Case(
            name: "Retry on Pass", failing: machine(#""A": {"Type": "Pass", "End": true, "Retry": []}"#),
            rule: .fieldNotAllowedForType, pointer: "/States/A/Retry", anchor: .key,
            passing: machine(#""A": {"Type": "Pass", "End": true}"#)),
        Case(
            name: "Arguments in JSONPath",
            failing: machine(#""A": {"Type": "Task", "Resource": "r", "Arguments": {}, "End": true}"#),
            rule: .fieldOfOtherQueryLanguage, pointer: "/States/A/Arguments", anchor: .key,
            message: #"Field "Arguments" is not supported when QueryLanguage is JSONPath"#,
            passing: machine(#""A": {"Type": "Task", "Resource": "r", "Parameters": {}, "End": true}"#)),
        Case(
            name: "InputPath in JSONata",
            failing: machine(
                #""A": {"Type": "Pass", "InputPath": "$.a", "End": true}"#, top: #""QueryLanguage": "JSONata","#),
            rule: .fieldOfOtherQueryLanguage, pointer: "/States/A/InputPath", anchor: .key,
            message: #"Field "InputPath" is not supported when QueryLanguage is JSONata"#,
            passing: machine(
                #""A": {"Type": "Pass", "Output": "{% $states.input.a %}", "End": true}"#,
                top: #""QueryLanguage": "JSONata","#)),
        Case(
            name: "unknown Next",
            failing: machine(#""Load": {"Type": "Pass", "Next": "Lod"}"#).replacingOccurrences(
                of: #""StartAt": "A""#, with: #""StartAt": "Load""#),
            rule: .unknownStateReference, pointer: "/States/Load/Next",
            message: #"State "Load" has Next "Lod", which is not a state in this scope (did you mean "Load"?)"#,
            passing: machine(#""Load": {"Type": "Pass", "End": true}"#).replacingOccurrences(
                of: #""StartAt": "A""#, with: #""StartAt": "Load""#)),
        Case(
            name: "unknown StartAt", failing: machine(#""B": {"Type": "Succeed"}"#), rule: .unknownStateReference,
            pointer: "/StartAt", passing: machine(#""A": {"Type": "Succeed"}"#)),
        Case(
            name: "Next into a branch",
            failing: machine(
                #""A": {"Type": "Parallel", "Next": "B", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}]}"#
            ),
            rule: .unknownStateReference, pointer: "/States/A/Next",
            passing: machine(
                #""A": {"Type": "Parallel", "Next": "C", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}]}, "C": {"Type": "Succeed"}"#
            )),
        Case(
            name: "unknown Catch Next",
            failing: machine(
                #""A": {"Type": "Task", "Resource": "r", "End": true, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "X"}]}"#
            ),
            rule: .unknownStateReference, pointer: "/States/A/Catch/0/Next",
            passing: machine(
                #""A": {"Type": "Task", "Resource": "r", "End": true, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A"}]}"#
            )),
        Case(
            name: "unknown Default",
            failing: machine(
                #""A": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true, "Next": "B"}], "Default": "Z"}, "B": {"Type": "Succeed"}"#
            ),
            rule: .unknownStateReference, pointer: "/States/A/Default",
            passing: machine(
                #""A": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true, "Next": "B"}], "Default": "B"}, "B": {"Type": "Succeed"}"#
            )),
        Case(
            name: "string timeout",
            failing: machine(#""A": {"Type": "Task", "Resource": "r", "TimeoutSeconds": "5", "End": true}"#),
            rule: .wrongFieldType, pointer: "/States/A/TimeoutSeconds",
            message: #""TimeoutSeconds" must be an integer, not string"#,
            passing: machine(#""A": {"Type": "Task", "Resource": "r", "TimeoutSeconds": 5, "End": true}"#)),
        Case(
            name: "fractional seconds", failing: machine(#""A": {"Type": "Wait", "Seconds": 1.5, "End": true}"#),
            rule: .wrongFieldType, pointer: "/States/A/Seconds",
            passing: machine(#""A": {"Type": "Wait", "Seconds": 1, "End": true}"#)),
        Case(
            name: "empty ErrorEquals",
            failing: machine(#""A": {"Type": "Task", "Resource": "r", "End": true, "Retry": [{"ErrorEquals": []}]}"#),
            rule: .wrongFieldType, pointer: "/States/A/Retry/0/ErrorEquals",
            passing: machine(
                #""A": {"Type": "Task", "Resource": "r", "End": true, "Retry": [{"ErrorEquals": ["States.ALL"]}]}"#)),
        Case(
            name: "missing Type", failing: machine(#""A": {"End": true}"#), rule: .missingRequiredField,
            pointer: "/States/A", passing: machine(#""A": {"Type": "Pass", "End": true}"#)),
        Case(
            name: "missing Resource", failing: machine(#""A": {"Type": "Task", "End": true}"#),
            rule: .missingRequiredField,
            pointer: "/States/A", passing: machine(#""A": {"Type": "Task", "Resource": "r", "End": true}"#)),
        Case(
            name: "missing Catch Next",
            failing: machine(
                #""A": {"Type": "Task", "Resource": "r", "End": true, "Catch": [{"ErrorEquals": ["States.ALL"]}]}"#),
            rule: .missingRequiredField, pointer: "/States/A/Catch/0",
            passing: machine(
                #""A": {"Type": "Task", "Resource": "r", "End": true, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A"}]}"#
            )),
        Case(
            name: "Wait without duration", failing: machine(#""A": {"Type": "Wait", "End": true}"#),
            rule: .missingRequiredField, pointer: "/States/A",
            passing: machine(#""A": {"Type": "Wait", "SecondsPath": "$.s", "End": true}"#)),
        Case(
            name: "missing Variable",
            failing: machine(
                #""A": {"Type": "Choice", "Choices": [{"IsNull": true, "Next": "B"}]}, "B": {"Type": "Succeed"}"#),
            rule: .missingRequiredField, pointer: "/States/A/Choices/0",
            passing: machine(
                #""A": {"Type": "Choice", "Choices": [{"Variable": "$", "IsNull": true, "Next": "B"}]}, "B": {"Type": "Succeed"}"#
            )),
        Case(
            name: "Next and End", failing: machine(#""A": {"Type": "Pass", "Next": "A", "End": true}"#),
            rule: .mutuallyExclusiveFields, pointer: "/States/A/End", anchor: .key,
            passing: machine(#""A": {"Type": "Pass", "End": true}"#)),
        Case(
            name: "Error and ErrorPath", failing: machine(#""A": {"Type": "Fail", "Error": "E", "ErrorPath": "$.e"}"#),
            rule: .mutuallyExclusiveFields, pointer: "/States/A/ErrorPath", anchor: .key,
            passing: machine(#""A": {"Type": "Fail", "ErrorPath": "$.e"}"#)),
        Case(
            name: "two Wait durations",
            failing: machine(#""A": {"Type": "Wait", "Seconds": 1, "Timestamp": "2030-01-01T00:00:00Z", "End": true}"#),
            rule: .mutuallyExclusiveFields, pointer: "/States/A/Timestamp", anchor: .key,
            passing: machine(#""A": {"Type": "Wait", "Timestamp": "2030-01-01T00:00:00Z", "End": true}"#)),
        Case(
            name: "ItemSelector and Parameters",
            failing: machine(
                #""A": {"Type": "Map", "End": true, "ItemSelector": {}, "Parameters": {}, "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}}"#
            ),
            rule: .mutuallyExclusiveFields, pointer: "/States/A/Parameters", anchor: .key,
            passing: machine(
                #""A": {"Type": "Map", "End": true, "ItemSelector": {}, "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}}"#
            )),
        Case(
            name: "no transition", failing: machine(#""A": {"Type": "Pass"}"#), rule: .missingTransition,
            pointer: "/States/A", passing: machine(#""A": {"Type": "Pass", "End": true}"#)),
        Case(
            name: "End false", failing: machine(#""A": {"Type": "Pass", "End": false}"#), rule: .missingTransition,
            pointer: "/States/A/End", passing: machine(#""A": {"Type": "Pass", "End": true}"#)),
        Case(
            name: "misspelt Type", failing: machine(#""A": {"Type": "Taks", "Resource": "r", "End": true}"#),
            rule: .invalidEnumValue, pointer: "/States/A/Type", message: #"did you mean "Task"?"#,
            passing: machine(#""A": {"Type": "Task", "Resource": "r", "End": true}"#)),
        Case(
            name: "bad JitterStrategy",
            failing: machine(
                #""A": {"Type": "Task", "Resource": "r", "End": true, "Retry": [{"ErrorEquals": ["E"], "JitterStrategy": "FUL"}]}"#
            ),
            rule: .invalidEnumValue, pointer: "/States/A/Retry/0/JitterStrategy",
            passing: machine(
                #""A": {"Type": "Task", "Resource": "r", "End": true, "Retry": [{"ErrorEquals": ["E"], "JitterStrategy": "FULL"}]}"#
            )),
        Case(
            name: "bad Mode",
            failing: machine(
                #""A": {"Type": "Map", "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTE"}, "StartAt": "B", "States": {"B": {"Type": "Succeed"}}}}"#
            ),
            rule: .invalidEnumValue, pointer: "/States/A/ItemProcessor/ProcessorConfig/Mode",
            passing: machine(
                #""A": {"Type": "Map", "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "B", "States": {"B": {"Type": "Succeed"}}}}"#
            )),
        Case(
            name: "bad QueryLanguage",
            failing: machine(#""A": {"Type": "Succeed"}"#, top: #""QueryLanguage": "JSONPATH","#),
            rule: .invalidEnumValue, pointer: "/QueryLanguage",
            passing: machine(#""A": {"Type": "Succeed"}"#, top: #""QueryLanguage": "JSONPath","#)),
        Case(
            name: "two operators",
            failing: machine(
                #""A": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true, "IsString": true, "Next": "B"}]}, "B": {"Type": "Succeed"}"#
            ),
            rule: .invalidChoiceRule, pointer: "/States/A/Choices/0/IsString", anchor: .key,
            passing: machine(
                #""A": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsString": true, "Next": "B"}]}, "B": {"Type": "Succeed"}"#
            )),
        Case(
            name: "operand type",
            failing: machine(
                #""A": {"Type": "Choice", "Choices": [{"Variable": "$.a", "NumericEquals": "1", "Next": "B"}]}, "B": {"Type": "Succeed"}"#
            ),
            rule: .invalidChoiceRule, pointer: "/States/A/Choices/0/NumericEquals",
            passing: machine(
                #""A": {"Type": "Choice", "Choices": [{"Variable": "$.a", "NumericEquals": 1, "Next": "B"}]}, "B": {"Type": "Succeed"}"#
            )),
        Case(
            name: "Next in nested rule",
            failing: machine(
                #""A": {"Type": "Choice", "Choices": [{"Not": {"Variable": "$.a", "IsNull": true, "Next": "B"}, "Next": "B"}]}, "B": {"Type": "Succeed"}"#
            ),
            rule: .invalidChoiceRule, pointer: "/States/A/Choices/0/Not/Next", anchor: .key,
            passing: machine(
                #""A": {"Type": "Choice", "Choices": [{"Not": {"Variable": "$.a", "IsNull": true}, "Next": "B"}]}, "B": {"Type": "Succeed"}"#
            )),
        Case(
            name: "empty And",
            failing: machine(
                #""A": {"Type": "Choice", "Choices": [{"And": [], "Next": "B"}]}, "B": {"Type": "Succeed"}"#),
            rule: .invalidChoiceRule, pointer: "/States/A/Choices/0/And",
            passing: machine(
                #""A": {"Type": "Choice", "Choices": [{"And": [{"Variable": "$.a", "IsPresent": true}], "Next": "B"}]}, "B": {"Type": "Succeed"}"#
            )),
        Case(
            name: "Variable in JSONata rule",
            failing: machine(
                #""A": {"Type": "Choice", "Choices": [{"Condition": true, "Variable": "$.a", "Next": "B"}]}, "B": {"Type": "Succeed"}"#,
                top: #""QueryLanguage": "JSONata","#),
            rule: .invalidChoiceRule, pointer: "/States/A/Choices/0/Variable", anchor: .key,
            passing: machine(
                #""A": {"Type": "Choice", "Choices": [{"Condition": true, "Next": "B"}]}, "B": {"Type": "Succeed"}"#,
                top: #""QueryLanguage": "JSONata","#)),
        Case(
            name: "empty Choices",
            failing: machine(#""A": {"Type": "Choice", "Choices": [], "Default": "B"}, "B": {"Type": "Succeed"}"#),
            rule: .invalidChoiceRule, pointer: "/States/A/Choices",
            passing: machine(
                #""A": {"Type": "Choice", "Choices": [{"Variable": "$", "IsPresent": true, "Next": "B"}], "Default": "B"}, "B": {"Type": "Succeed"}"#
            )),
        Case(
            name: "JSONPath state in JSONata machine",
            failing: machine(
                #""A": {"Type": "Succeed", "QueryLanguage": "JSONPath"}"#, top: #""QueryLanguage": "JSONata","#),
            rule: .queryLanguageDowngrade, pointer: "/States/A/QueryLanguage",
            message: "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
            passing: machine(
                #""A": {"Type": "Succeed", "QueryLanguage": "JSONata"}"#, top: #""QueryLanguage": "JSONata","#)),
        Case(
            name: "invalid path", failing: machine(#""A": {"Type": "Pass", "InputPath": "$.a[", "End": true}"#),
            rule: .invalidPath, pointer: "/States/A/InputPath",
            passing: machine(#""A": {"Type": "Pass", "InputPath": "$.a[0]", "End": true}"#)),
        Case(
            name: "invalid JSONata",
            failing: machine(
                #""A": {"Type": "Pass", "Output": "{% $sum([1 %}", "End": true}"#, top: #""QueryLanguage": "JSONata","#),
            rule: .invalidJSONata, pointer: "/States/A/Output",
            passing: machine(
                #""A": {"Type": "Pass", "Output": "{% $sum([1]) %}", "End": true}"#,
                top: #""QueryLanguage": "JSONata","#)),
    ]

    @Test(arguments: cases) func failingDefinitionReportsRule(_ c: Case) throws {
        let (_, diagnostics) = try parseDefinition(c.failing)
        let pointer = try #require(JSONPointer(parsing: c.pointer))
        let matching = diagnostics.filter { $0.rule == c.rule && $0.pointer == pointer }
        #expect(
            !matching.isEmpty,
            "expected \(c.rule) at \(c.pointer); got \(diagnostics.map { "\($0.rule) \($0.pointer): \($0.message)" })")
        if let found = matching.first {
            #expect(found.anchor == c.anchor)
            if let message = c.message { #expect(found.message.contains(message), "\(found.message)") }
        }
    }

    @Test(arguments: cases) func passingCounterpartIsClean(_ c: Case) throws {
        let (machine, diagnostics) = try parseDefinition(c.passing)
        #expect(machine != nil)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { "\($0.rule) \($0.pointer): \($0.message)" })")
    }

    @Test func branchNoteNamesTheOtherScope() throws {
        let (_, diagnostics) = try parseDefinition(
            Self.machine(
                #""A": {"Type": "Parallel", "Next": "B", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}]}"#
            ))
        let found = try #require(diagnostics.first { $0.rule == .unknownStateReference })
        #expect(found.notes.first?.message.contains("branch 1 of Parallel \"A\"") == true)
    }

    @Test func integralDecimalIsAWarning() throws {
        let (machine, diagnostics) = try parseDefinition(
            Self.machine(#""A": {"Type": "Wait", "Seconds": 2.0, "End": true}"#))
        #expect(diagnostics.map(\.severity) == [.warning])
        guard case .wait(let wait)? = machine?.states.first else { throw Failure("expected a Wait") }
        #expect(wait.duration == .seconds(.literal(2)))
    }
}
