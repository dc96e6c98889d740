import JSONCore

/// ASL-W203: a template key without the `.$` suffix whose string value looks like a path
/// (`$.x`, `$$.x`) or an intrinsic call (`States.Format(…)`): it is passed on as literal text.
///
/// Source: AWS diagnostic NO_DOLLAR (API reference, ValidateStateMachineDefinitionDiagnostic:
/// "a field name doesn't end in .$ but its value looks like a path"). Checked in the JSONPath
/// templates `Parameters`, `ResultSelector`, `ItemSelector`, `Credentials` and `Assign` (of
/// the state, its Choice rules and its Catchers). JSONata states have no `.$` keys.
enum NoDollar: ValidationRule {
    static let templateFields = ["Parameters", "ResultSelector", "ItemSelector", "Credentials"]

    static let description = RuleDescription(
        id: "ASL-W203", severity: .warning,
        summary: "A key without .$ whose value looks like a path or intrinsic (passed on as text)",
        source: "AWS ValidateStateMachineDefinition warning NO_DOLLAR")
    static let targets: [RuleTarget] = RuleTarget.allStates

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard state.isJSONPath else { return }
        let json = state.json
        for field in templateFields {
            if let value = json[field] {
                report(in: value, at: state.pointer, trail: [field], of: state, into: &diagnostics)
            }
        }
        for site in context.assignSites(of: state) {
            report(in: .object(site.object), at: site.statePointer, trail: site.trail, of: state, into: &diagnostics)
        }
    }

    /// Reports the members at or below `json`, which sits at `pointer` followed by `trail`.
    private static func report(
        in json: JSON, at pointer: JSONPointer, trail: [String], of state: State, into diagnostics: inout [Diagnostic]
    ) {
        PathLooking.forEachMember(of: json, at: pointer, trail: trail) { key, value, here in
            guard !key.hasDynamicSuffix, let text = value.stringValue, PathLooking.matches(text) else { return }
            diagnostics.append(
                diagnostic(
                    message(state.name, key: key, value: text), at: here.pointer, anchor: .key,
                    fixIt: "rename the key to \"\(DiagnosticText.name(key)).$\" to evaluate the value"))
        }
    }
}

extension NoDollar {
    fileprivate static func message(_ state: String, key: String, value: String) -> String {
        "Key \(DiagnosticText.quoted(key)) in state \(DiagnosticText.quoted(state)) does not end in \".$\", so \(DiagnosticText.quoted(value)) is passed on as text, "
            + "not evaluated"
    }
}
