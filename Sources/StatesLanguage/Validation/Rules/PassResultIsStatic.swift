import JSONCore

/// ASL-W204: a Pass state's `Result` holds a `"key.$"` member or a path-looking string; `Result`
/// is never evaluated.
///
/// Source: AWS diagnostic PASS_RESULT_IS_STATIC (API reference,
/// ValidateStateMachineDefinitionDiagnostic); AWS developer guide, "Pass workflow state"
/// (use `Parameters` to build a value from the input).
enum PassResultIsStatic: ValidationRule {
    static let description = RuleDescription(
        id: "ASL-W204", severity: .warning,
        summary: "Pass Result holds .$ keys or path-looking values, but Result is never evaluated",
        source: "AWS ValidateStateMachineDefinition warning PASS_RESULT_IS_STATIC")
    static let targets: [RuleTarget] = [.state(.pass)]

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard case .pass(let pass) = state, let result = pass.result else { return }
        let pointer = state.pointer / "Result"
        if let text = result.stringValue, PathLooking.matches(text) {
            diagnostics.append(diagnostic(message(state.name, key: "Result"), at: pointer, fixIt: fixIt))
            return
        }
        PathLooking.forEachMember(of: result, at: pointer) { key, value, here in
            let looksDynamic = key.hasDynamicSuffix || (value.stringValue.map(PathLooking.matches) ?? false)
            guard looksDynamic else { return }
            diagnostics.append(
                diagnostic(message(state.name, key: key), at: here.pointer, anchor: .key, fixIt: fixIt))
        }
    }

    fileprivate static let fixIt = "use \"Parameters\" instead of \"Result\" to evaluate paths"
}

extension PassResultIsStatic {
    fileprivate static func message(_ state: String, key: String) -> String {
        "\(DiagnosticText.quoted(key)) in the Result of Pass state \(DiagnosticText.quoted(state)) looks like a path, but Result is static and is "
            + "returned as written"
    }
}
