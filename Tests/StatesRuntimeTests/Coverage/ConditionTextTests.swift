import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// Choice edge labels in `StateGraph`: the rule as written, shortened.
@Suite struct ConditionTextTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var rule: String
        var label: String
        var jsonata = false
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        .init(rule: #"{"Variable": "$.x", "NumericEquals": 3}"#, label: "$.x == 3"),
        .init(rule: #"{"Variable": "$.x", "NumericLessThanEqualsPath": "$.max"}"#, label: "$.x <= $.max"),
        .init(rule: #"{"Variable": "$.s", "StringMatches": "log-*.txt"}"#, label: #"$.s matches "log-*.txt""#),
        .init(rule: #"{"Variable": "$.v", "IsNull": false}"#, label: "$.v is not null"),
        .init(rule: #"{"Variable": "$.v", "IsTimestamp": true}"#, label: "$.v is timestamp"),
        .init(
            rule: #"{"Variable": "$.t", "TimestampGreaterThan": "2024-01-01T00:00:00Z"}"#,
            label: #"$.t > "2024-01-01T00:00:00Z""#),
        .init(
            rule: #"{"Or": [{"Variable": "$.a", "BooleanEquals": true}, {"And": [{"Variable": "$.b", "#
                + #""StringEquals": "x"}, {"Variable": "$.c", "IsPresent": true}]}]}"#,
            label: #"$.a == true || ($.b == "x" && $.c is pr…"#),
        .init(rule: #"{"Not": {"Variable": "$.n", "NumericGreaterThan": 1}}"#, label: "!($.n > 1)"),
        .init(rule: #"{"Condition": "{% $states.input.n > 3 %}"}"#, label: "$states.input.n > 3", jsonata: true),
        .init(rule: #"{"Condition": true}"#, label: "true", jsonata: true),
    ]

    @Test(arguments: cases) func choiceEdgeLabel(_ c: Case) throws {
        let language = c.jsonata ? #""QueryLanguage": "JSONata", "# : ""
        var rule = c.rule
        rule.removeLast()
        let definition = """
            {\(language)"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [\(rule), "Next": "D"}]},
              "D": {"Type": "Succeed"}}}
            """
        let graph = StateGraph(try ResolvedStateMachine(try machine(definition)))
        let labels = graph.edges.compactMap(\.label)
        #expect(labels == [c.label])
    }
}
