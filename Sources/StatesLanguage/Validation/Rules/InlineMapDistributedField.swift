import JSONCore

/// ASL-W210: a field that only Distributed Map uses (`ItemReader`, `ItemBatcher`,
/// `ResultWriter`, `Label`, `ToleratedFailurePercentage`/`Count` and their `Path` forms) on a
/// Map in INLINE mode.
///
/// Source: AWS developer guide, "Using Map state in Distributed mode" lists these fields for
/// Distributed mode only. Whether CreateStateMachine rejects them in INLINE mode is not
/// documented, so this is a warning: at best the field is ignored.
enum InlineMapDistributedField: ValidationRule {
    static let description = RuleDescription(
        id: "ASL-W210", severity: .warning,
        summary: "A Distributed-Map-only field on a Map state in INLINE mode",
        source: "AWS developer guide, \"Using Map state in Distributed mode\"")
    static let targets: [RuleTarget] = [.state(.map)]

    static let distributedFields = [
        "ItemReader", "ItemBatcher", "ResultWriter", "Label", "ToleratedFailurePercentage",
        "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath",
    ]

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard case .map(let map) = state, map.processorMode == .inline else { return }
        for field in distributedFields where state.json.contains(field) {
            diagnostics.append(
                diagnostic(
                    message(state.name, field: field), at: state.pointer / field, anchor: .key,
                    fixIt: "set \"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"} "
                        + "in ItemProcessor, or remove \(DiagnosticText.quoted(field))"))
        }
    }
}

extension InlineMapDistributedField {
    fileprivate static func message(_ state: String, field: String) -> String {
        "\(DiagnosticText.quoted(field)) is a Distributed Map field, but Map state \(DiagnosticText.quoted(state)) runs in INLINE mode"
    }
}
