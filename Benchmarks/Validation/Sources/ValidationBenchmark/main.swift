import Foundation
import JSONCore
import StatesLanguage

// Generates a 1,000-state definition (every state kind, Retry/Catch, Choice rules, payload
// templates with paths and intrinsics, a Map and a Parallel with nested states), then times the
// whole `asl validate` analysis (read with source map, parse, validate, locate) over it.
//
// Usage: ValidationBenchmark [states] [iterations]

let arguments = CommandLine.arguments
let stateCount = arguments.count > 1 ? Int(arguments[1]) ?? 1000 : 1000
let iterations = arguments.count > 2 ? Int(arguments[2]) ?? 50 : 50

func generateDefinition(states count: Int) -> String {
    var states: [String] = []
    func name(_ index: Int) -> String { "State\(index)" }
    var index = 0
    while index < count {
        let next = "\"Next\": \"\(index + 1 < count ? name(index + 1) : "Done")\""
        switch index % 6 {
        case 0:
            states.append(
                """
                "\(name(index))": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:step\(index)",
                  "Parameters": {"id.$": "$.order.id", "when.$": "$$.Execution.StartTime", "n": \(index),
                    "label.$": "States.Format('item {} of {}', $.index, $.total)"},
                  "ResultSelector": {"body.$": "$.Payload.body"}, "ResultPath": "$.results.s\(index)",
                  "TimeoutSeconds": 60,
                  "Retry": [{"ErrorEquals": ["Lambda.ServiceException", "Lambda.TooManyRequestsException"],
                    "IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 2, "JitterStrategy": "FULL"}],
                  "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed"}], \(next)}
                """)
        case 1:
            let target = index + 1 < count ? name(index + 1) : "Done"
            states.append(
                """
                "\(name(index))": {"Type": "Choice", "Choices": [
                  {"And": [{"Variable": "$.count", "NumericGreaterThan": 10}, {"Variable": "$.kind", "StringEquals": "big"}],
                   "Next": "\(target)"},
                  {"Variable": "$.when", "TimestampLessThanPath": "$$.Execution.StartTime", "Next": "\(target)"},
                  {"Not": {"Variable": "$.name", "StringMatches": "log-*.txt"}, "Next": "\(target)"}],
                  "Default": "\(target)"}
                """)
        case 2:
            states.append(
                """
                "\(name(index))": {"Type": "Pass", "Parameters": {"merged.$": "States.JsonMerge($.a, $.b, false)",
                  "list.$": "States.Array($.x, $.y)", "static": {"k": [1, 2, 3]}}, "ResultPath": "$.pass\(index)",
                  "Assign": {"counter\(index).$": "$.count"}, \(next)}
                """)
        case 3:
            states.append(
                """
                "\(name(index))": {"Type": "Wait", "SecondsPath": "$.delay", \(next)}
                """)
        case 4:
            states.append(
                """
                "\(name(index))": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 4,
                  "ItemSelector": {"value.$": "$$.Map.Item.Value", "i.$": "$$.Map.Item.Index"},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Inner\(index)",
                    "States": {"Inner\(index)": {"Type": "Pass", "End": true}}},
                  "ResultPath": "$.mapped", \(next)}
                """)
        default:
            states.append(
                """
                "\(name(index))": {"Type": "Parallel", "Branches": [
                  {"StartAt": "Left\(index)", "States": {"Left\(index)": {"Type": "Pass", "End": true}}},
                  {"StartAt": "Right\(index)", "States": {"Right\(index)": {"Type": "Succeed"}}}],
                  "ResultPath": "$.both", \(next)}
                """)
        }
        index += 1
    }
    states.append(#""Failed": {"Type": "Fail", "Error": "Pipeline.Failed", "Cause": "a step failed"}"#)
    states.append(#""Done": {"Type": "Succeed"}"#)
    return """
        {"Comment": "generated benchmark definition", "StartAt": "\(name(0))", "States": {
        \(states.joined(separator: ",\n"))
        }}
        """
}

let text = generateDefinition(states: stateCount)
let source = SourceFile(path: "generated.asl.json", bytes: Array(text.utf8))
let first = DefinitionAnalyzer.analyze(source)
let errors = first.diagnostics.filter { $0.severity == .error }
let warnings = first.diagnostics.count - errors.count
print(
    "definition: \(stateCount) generated states (+2), \(source.bytes.count) bytes;"
        + " \(errors.count) errors, \(warnings) warnings")
for diagnostic in errors.prefix(5) { print("  unexpected: \(diagnostic.message)") }

var samples: [Double] = []
for _ in 0..<iterations {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = DefinitionAnalyzer.analyze(source)
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    precondition(result.machine != nil)
    samples.append(elapsed)
}
samples.sort()
let median = samples[samples.count / 2]
let best = samples[0]
print(
    String(
        format: "validate (read + parse + validate + locate): median %.2f ms, best %.2f ms over %d runs",
        median, best, iterations))
print(median < 20 ? "target (< 20 ms): met" : "target (< 20 ms): NOT met")

// Where the time goes.
func time(_ label: String, _ body: () -> Void) {
    var parts: [Double] = []
    for _ in 0..<iterations {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        parts.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    parts.sort()
    print(String(format: "  %@: median %.2f ms", label, parts[parts.count / 2]))
}
let document = try JSONReader.read(source.bytes)
let parsed = DefinitionParser.parse(document.value)
time("read with source map") { _ = try? JSONReader.read(source.bytes) }
time("parse") { _ = DefinitionParser.parse(document.value) }
if let machine = parsed.machine { time("validate") { _ = Validator.validate(machine) } }
