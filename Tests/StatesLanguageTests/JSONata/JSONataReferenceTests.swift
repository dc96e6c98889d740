import JSONCore
import StatesLanguage
import StatesTestSupport
import Testing

/// AWS's UNSUPPORTED_JSONATA_EXPRESSION checks (SPEC-NOTES 13.3 §4.3), as ASL-E305 located at
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
        "($x := $states.input; $x.a.b)",
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

/// ASL-W212 for JSONata reads: a variable no Assign sets, and none of the names that are not
/// variables (local bindings, parameters, functions, `$states`).
@Suite struct JSONataVariableReadTests {
    static func machine(_ states: String) -> String {
        #"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"# + states + "}}"
    }

    @Test func aReadNoStateAssignsIsAWarning() {
        assertDiagnostics(
            Self.machine(
                #""A": {"Type": "Pass", "Assign": {"total": 1}, "Next": "B"}, 1️⃣"B": {"Type": "Pass", "Output": "{% $totl + $total %}", "End": true}"#
            ),
            [
                DiagnosticSpec(
                    "1️⃣", rule: "ASL-W212", severity: .warning,
                    message:
                        #"reads variable "$totl" in a JSONata expression, but no Assign in the state machine sets "totl""#
                )
            ])
    }

    @Test(arguments: [
        // Local bindings, lambda parameters, focus/index variables, functions passed by name.
        "($t := $states.input; $t.a)",
        "$map($states.input, function($v, $i){ $v + $i })",
        "$map($states.input.list, $string)",
        "$states.input.list@$l#$n.($l & $n)",
        "$sum($states.input.n) + $random()",
        // Assigned by another state (a Catcher), read anywhere: machine-wide, never a false warning.
        "$fromCatch",
    ])
    func notWarned(_ expression: String) {
        let source = Self.machine(
            #""A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"}, "#
                + #""Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"fromCatch": 1}, "Next": "B"}], "Next": "B"}, "#
                + #""B": {"Type": "Pass", "Output": "{% \#(expression) %}", "End": true}"#)
        assertDiagnostics(source, [])
    }
}
