import JSONCore
import StatesLanguage
import Testing

/// A definition run through the parser and then the validator.
struct ValidationRun {
    var parserDiagnostics: [Diagnostic]
    var diagnostics: [Diagnostic]

    init(_ definition: JSON, options: ValidationOptions = .init(), parseOptions: ParseOptions = .init()) throws {
        let (machine, parserDiagnostics) = DefinitionParser.parse(definition, options: parseOptions)
        self.parserDiagnostics = parserDiagnostics
        diagnostics = Validator.validate(try #require(machine), options: options)
    }

    init(text: String, options: ValidationOptions = .init(), parseOptions: ParseOptions = .init()) throws {
        try self.init(JSONReader.read(text).value, options: options, parseOptions: parseOptions)
    }

    /// Pointers (RFC 6901 text) of the diagnostics of one rule, in the order reported.
    func pointers(of rule: RuleID) -> [String] {
        diagnostics.filter { $0.rule == rule }.map(\.pointer.description)
    }

    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// `rule pointer: message` lines, for failure output.
    static func describe(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { "\($0.rule) \($0.pointer): \($0.message)" }.joined(separator: "\n")
    }
}

/// A one-state-after-another machine: `StartAt` the first state.
func machine(_ states: JSON, startAt: String = "A", extra: JSONObject = [:]) -> JSON {
    var object: JSONObject = ["StartAt": .string(startAt), "States": states]
    for (key, value) in extra { object[key] = value }
    return .object(object)
}

/// A Task state with extra fields merged in; it ends its scope unless `fields` has a `Next`.
func task(_ resource: String = "arn:aws:states:::lambda:invoke", _ fields: JSONObject = [:]) -> JSON {
    var object: JSONObject = ["Type": "Task", "Resource": .string(resource)]
    if !fields.contains("Next") { object["End"] = true }
    for (key, value) in fields { object[key] = value }
    return .object(object)
}

/// A machine whose only state `A` is the given state.
func single(_ state: JSON, extra: JSONObject = [:]) -> JSON {
    machine(["A": state], extra: extra)
}
