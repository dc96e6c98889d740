import JSONCore

/// ASL-E210: an `Assign` that sets the reserved variable `states`.
///
/// Source: AWS developer guide, "Passing data between states with variables", section
/// "Reserved variable: $states" (Step Functions defines `$states` itself). In JSONPath states
/// a key's `.$` suffix only marks a dynamic value and is stripped before the check. Other
/// doubts about a name's shape are ASL-W211.
enum ReservedVariableName: ValidationRule {
    static let reserved = "states"

    static let description = RuleDescription(
        id: "ASL-E210", severity: .error,
        summary: "Assign must not set the reserved variable \"states\"",
        source: "AWS developer guide, \"Passing data between states with variables\" ($states is reserved)")
    static let targets: [RuleTarget] = RuleTarget.allStates

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for site in context.assignSites(of: state) {
            for key in site.object.keys where site.key(key, setsVariable: reserved) {
                diagnostics.append(
                    diagnostic(
                        message(state.name), at: site.pointer / key, anchor: .key, fixIt: "rename the variable"))
            }
        }
    }
}

extension ReservedVariableName {
    fileprivate static func message(_ state: String) -> String {
        "State \(DiagnosticText.quoted(state)) assigns the variable \"states\", which is reserved: Step Functions sets $states itself"
    }
}
