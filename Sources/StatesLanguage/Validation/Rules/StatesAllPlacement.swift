import JSONCore

/// ASL-W216 (formerly ASL-E205): `States.ALL` should be the only name in its `ErrorEquals`,
/// and its Retrier or Catcher the last one.
///
/// Source: ASL spec, "Error names" ("States.ALL … MUST appear alone in the ErrorEquals array
/// and MUST appear in the last Retrier/Catcher"); statelint `check_States_ALL`. Rationale: a
/// warning, not an error: neither AWS's ASL schema nor any recorded CreateStateMachine answer
/// shows AWS rejecting it (SPEC-NOTES §4); at run time the entries after it simply never match.
enum StatesAllPlacement: ValidationRule {
    static let description = RuleDescription(
        id: "ASL-W216", severity: .warning,
        summary: "States.ALL should appear alone in ErrorEquals and in the last Retrier or Catcher",
        source: "ASL spec, \"Errors\" (States.ALL)")
    static let targets: [RuleTarget] = RuleTarget.errorHandlingStates

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard let handlers = state.handlersForValidation else { return }
        let lists: [(field: String, entries: [(names: [StatesErrorName], pointer: JSONPointer)])] = [
            ("Retry", handlers.retriers.map { ($0.errorEquals, $0.pointer) }),
            ("Catch", handlers.catchers.map { ($0.errorEquals, $0.pointer) }),
        ]
        for (field, entries) in lists {
            for (index, entry) in entries.enumerated() where entry.names.contains(.all) {
                if entry.names.count > 1 {
                    diagnostics.append(
                        diagnostic(
                            notAloneMessage(state.name, field: field), at: entry.pointer / "ErrorEquals",
                            fixIt: "remove the other names, or move them to a \(field) entry before this one"))
                }
                if index != entries.count - 1 {
                    diagnostics.append(
                        diagnostic(
                            notLastMessage(state.name, field: field, index: index, count: entries.count),
                            at: entry.pointer,
                            fixIt: "move this \(field) entry to the end of the array"))
                }
            }
        }
    }
}

extension StatesAllPlacement {
    fileprivate static func notAloneMessage(_ state: String, field: String) -> String {
        "\"States.ALL\" must be the only error name in its ErrorEquals (\(field) of state \(DiagnosticText.quoted(state)))"
    }

    fileprivate static func notLastMessage(_ state: String, field: String, index: Int, count: Int) -> String {
        "The \(field) entry matching \"States.ALL\" must be the last one, but in state \(DiagnosticText.quoted(state)) it is "
            + "entry \(index + 1) of \(count)"
    }
}
