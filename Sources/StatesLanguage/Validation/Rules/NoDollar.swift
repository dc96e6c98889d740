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
        var roots: [(JSON, JSONPointer)] = []
        for field in templateFields {
            if let value = state.json[field] { roots.append((value, state.pointer / field)) }
        }
        for site in state.assignSites { roots.append((.object(site.object), site.pointer)) }
        for (json, pointer) in roots {
            PathLooking.forEachMember(of: json, at: pointer) { key, value, here in
                guard !key.hasSuffix(".$"), let text = value.stringValue, PathLooking.matches(text) else { return }
                diagnostics.append(
                    diagnostic(
                        message(state.name, key: key, value: text), at: here, anchor: .key,
                        fixIt: "rename the key to \"\(key).$\" to evaluate the value"))
            }
        }
    }
}

extension NoDollar {
    fileprivate static func message(_ state: String, key: String, value: String) -> String {
        "Key \"\(key)\" in state \"\(state)\" does not end in \".$\", so \"\(value)\" is passed on as text, "
            + "not evaluated"
    }
}
