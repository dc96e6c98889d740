// Embedding the interpreter in a Swift program: parse and validate a definition, serve its Task
// with a closure, run it, read the output and the history. Built and run by the test suite
// (`EmbeddingExampleTests`); run it yourself with `swift run EmbeddingExample`.
import JSONCore
import StatesLanguage
import StatesRuntime

let definition = """
    {"StartAt": "Greet", "States": {
      "Greet": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:greeter",
                "Parameters": {"name.$": "$.who"}, "ResultPath": "$.greeting", "End": true}}}
    """
let analysis = DefinitionAnalyzer.analyze(SourceFile(path: "greeter.asl.json", bytes: Array(definition.utf8)))
guard let machine = analysis.machine, !analysis.hasErrors else {
    for diagnostic in analysis.diagnostics { print("\(diagnostic.severity): \(diagnostic.message)") }
    fatalError("invalid definition")
}
var handlers = HandlerRegistry()
handlers.register(
    ClosureTaskHandler { request in .string("Hello, \(request.parameters["name"]?.stringValue ?? "stranger")!") },
    lambdaFunction: "greeter")
let result = try await Executor(machine: machine, handlers: handlers).run(input: ["who": "Ada"])
print(result.status.rawValue, JSONWriter.compact(result.output ?? .null))
print(result.history.map(\.type.rawValue).joined(separator: " → "))
