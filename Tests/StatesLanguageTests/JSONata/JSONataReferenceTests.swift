import JSONCore
import StatesLanguage
import StatesTestSupport
import Testing

/// AWS's UNSUPPORTED_JSONATA_EXPRESSION checks (jsonata-aws-facts §4.3), as ASL-E305 located at
/// the reference inside the file.
@Suite struct JSONataReferenceTests {
    static func machine(output: String) -> String {
        #"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "#
            + output + ", \"End\": true}}}"
    }

    @Test func topLevelFieldIsRefusedAtTheName() {
        assertDiagnostics(
            Self.machine(output: #"{"v": "{% 1️⃣phone & 2️⃣other.x & phone %}"}"#),
            [
                DiagnosticSpec(
                    "1️⃣", rule: "ASL-E305",
                    message: .exact(
                        #""v" has unsupported JSONata expression: Reference to 'phone' at the top level is not supported."#
                    )),
                DiagnosticSpec("2️⃣", rule: "ASL-E305", message: "Reference to 'other' at the top level"),
            ])
    }

    @Test func lambdaBodyKeepsTheTopLevelContext() {
        assertDiagnostics(
            Self.machine(output: #""{% $map($states.input.a, function($x){ 1️⃣b }) %}""#),
            [DiagnosticSpec("1️⃣", rule: "ASL-E305", message: "Reference to 'b' at the top level")])
    }

    @Test func rootReferenceIsRefused() {
        assertDiagnostics(
            Self.machine(output: #""{% 1️⃣$$.a %}""#),
            [DiagnosticSpec("1️⃣", rule: "ASL-E305", message: "Reference to '$$' is not supported.")])
    }

    @Test func errorOutputOnlyInACatcher() {
        let source = #"""
            {"QueryLanguage": "JSONata", "StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Arguments": {"FunctionName": "f", "Payload": "{% 1️⃣$states.errorOutput %}"},
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "D",
                               "Output": "{% $states.errorOutput %}", "Assign": {"e": "{% $states.errorOutput.Error %}"}}],
                    "End": true},
              "D": {"Type": "Succeed"}}}
            """#
        assertDiagnostics(
            source,
            [
                DiagnosticSpec(
                    "1️⃣", rule: "ASL-E305",
                    message: .exact(
                        #""Payload" has unsupported JSONata expression: Field '$states.errorOutput' does not exist."#))
            ])
    }

    /// Accepted by AWS (floci's measured list): later steps, predicates, variables, lambdas
    /// reading their parameters, string keys.
    @Test(arguments: [
        "$states.input.items[value > 3]",
        "$states.input.items.(price * qty)",
        "$x.a.b",
        "$map($states.input.a, function($v){ $v.b })",
        "{'phone': $states.input.phone}",
        "$states.input.a^(b)",
        "$states.input.list{name: value}",
        "($y := $states.input; $y.z)",
        "$sum($states.input.n)",
    ])
    func acceptedExpressions(_ expression: String) {
        let escaped = expression.replacingOccurrences(of: "\"", with: "\\\"")
        assertDiagnostics(Self.machine(output: "\"{% \(escaped) %}\""), [])
    }
}
