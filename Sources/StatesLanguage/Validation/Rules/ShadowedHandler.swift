import JSONCore

/// ASL-W206: a Retrier or Catcher that can never be used because earlier ones in the same
/// array already match every error name it lists.
///
/// Source: ASL spec, "Retrying after error" / "Fallback states" (the first Retrier/Catcher
/// whose ErrorEquals matches is used). Only exact names are compared; `States.ALL` not being
/// last is ASL-W216.
enum ShadowedHandler: ValidationRule {
    static let description = RuleDescription(
        id: "ASL-W206", severity: .warning,
        summary: "A Retrier or Catcher whose error names all match an earlier one, so it never runs",
        source: "ASL spec, \"Retrying after error\", \"Fallback states\"")
    static let targets: [RuleTarget] = RuleTarget.errorHandlingStates

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard let handlers = state.handlersForValidation else { return }
        // Only an entry after another can be shadowed.
        guard handlers.retriers.count > 1 || handlers.catchers.count > 1 else { return }
        let lists: [(String, [([StatesErrorName], JSONPointer)])] = [
            ("Retry", handlers.retriers.map { ($0.errorEquals, $0.pointer) }),
            ("Catch", handlers.catchers.map { ($0.errorEquals, $0.pointer) }),
        ]
        for (field, entries) in lists {
            var seen: Set<StatesErrorName> = []
            for (index, (names, pointer)) in entries.enumerated() {
                if !names.isEmpty, !seen.contains(.all), names.allSatisfy({ seen.contains($0) }) {
                    diagnostics.append(
                        diagnostic(
                            message(state.name, field: field, index: index), at: pointer,
                            fixIt: "remove it, or move it before the entry that matches the same errors"))
                }
                seen.formUnion(names)
            }
        }
    }
}

extension ShadowedHandler {
    fileprivate static func message(_ state: String, field: String, index: Int) -> String {
        "\(field) entry \(index + 1) of state \(DiagnosticText.quoted(state)) is never used: earlier entries already match all of "
            + "its error names"
    }
}
