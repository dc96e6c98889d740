import JSONCore

/// ASL-W215: an `ItemBatcher` with none of `MaxItemsPerBatch`, `MaxInputBytesPerBatch` (or
/// their `…Path` forms): empty, or only `BatchInput`.
///
/// Source: ASL specification, "Map State" / "ItemBatcher": the object MUST contain at least one
/// of the batch limits; AWS developer guide, "ItemBatcher (Map)". Rationale: a warning, not an
/// error: AWS's definition schema and the AWS CDK (`ItemBatcherProps`, every field optional)
/// accept such a batcher, so CreateStateMachine is not known to reject it (SPEC-NOTES §4).
enum ItemBatcherWithoutLimit: ValidationRule {
    static let limitFields = [
        "MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath",
    ]

    static let description = RuleDescription(
        id: "ASL-W215", severity: .warning,
        summary: "An ItemBatcher without MaxItemsPerBatch or MaxInputBytesPerBatch (the spec's MUST)",
        source: "ASL specification, \"Map State\" (ItemBatcher); AWS developer guide, \"ItemBatcher (Map)\"")
    static let targets: [RuleTarget] = [.state(.map)]

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard case .map(let map) = state, let batcher = map.itemBatcher else { return }
        guard !limitFields.contains(where: { batcher.config[$0] != nil }) else { return }
        diagnostics.append(
            diagnostic(
                message(state.name), at: batcher.pointer,
                fixIt: "add \"MaxItemsPerBatch\" or \"MaxInputBytesPerBatch\" to ItemBatcher"))
    }
}

extension ItemBatcherWithoutLimit {
    fileprivate static func message(_ state: String) -> String {
        "The ItemBatcher of Map state \(DiagnosticText.quoted(state)) sets neither MaxItemsPerBatch nor MaxInputBytesPerBatch, which "
            + "the States Language specification requires (at least one); AWS is not known to reject it"
    }
}
