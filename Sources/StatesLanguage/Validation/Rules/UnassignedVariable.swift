import JSONCore

/// ASL-W212: a JSONPath path or a JSONata expression reads a variable (`$name…`) that no
/// `Assign` anywhere in the state machine sets.
///
/// Source: AWS developer guide, "Passing data between states with variables" (a variable
/// exists once an earlier state assigned it). Reading an unset variable fails at run time;
/// since the check is machine-wide and not flow-sensitive, and values could come from a
/// redriven or parent execution in ways this tool cannot see, it is only a warning. In JSONata
/// expressions, names bound inside the expression (`:=`, lambda parameters, `@`, `#`), `$states`
/// and function names (`$string` passed as a value) are not variables (SPEC-NOTES 13.2). AWS
/// accepts such a definition (SPEC-NOTES 13.3 §3.1: no evidence of a rejection).
enum UnassignedVariable: ValidationRule {
    static let description = RuleDescription(
        id: "ASL-W212", severity: .warning,
        summary: "A path or JSONata expression reads a variable that no Assign in the state machine sets",
        source: "AWS developer guide, \"Passing data between states with variables\"")
    static let targets: [RuleTarget] = RuleTarget.allStates

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        var reported: Set<CodeUnitString> = []
        for use in PathCollector(state).uses {
            guard case .variable(let name) = use.path.root, !context.assignedVariables.contains(name),
                reported.insert(name)
            else { continue }
            let suggestion = NameSuggestion.nearest(name, in: context.assignedVariables.sorted().map(\.string))
            diagnostics.append(
                diagnostic(
                    message(state.name, field: use.field, name: name), at: state.pointer,
                    anchor: .key, fixIt: suggestion.map { "did you mean \"$\(DiagnosticText.name($0))\"?" }))
        }
        for expression in JSONataCollector(state).expressions {
            for read in expression.compiled.references().variables {
                guard !context.assignedVariables.contains(read.name), !reported.contains(read.name),
                    !JSONataCollector.isFunctionName(read.name)
                else { continue }
                reported.insert(read.name)
                let suggestion = NameSuggestion.nearest(read.name, in: context.assignedVariables.sorted().map(\.string))
                diagnostics.append(
                    diagnostic(
                        message(state.name, field: "a JSONata expression", name: read.name), at: state.pointer,
                        anchor: .key, fixIt: suggestion.map { "did you mean \"$\(DiagnosticText.name($0))\"?" }))
            }
        }
    }
}

extension UnassignedVariable {
    fileprivate static func message(_ state: String, field: String, name: String) -> String {
        "State \(DiagnosticText.quoted(state)) reads variable \"$\(DiagnosticText.name(name))\" in \(field), but no Assign in the state machine sets \(DiagnosticText.quoted(name))"
    }
}
