import JSONCore

/// ASL-E217: a Distributed Map `Label` AWS refuses at creation: empty, longer than 40
/// characters, or holding a space, one of ``forbidden`` or a control character (U+0000–U+001F,
/// U+007F–U+009F).
///
/// Source: observed on AWS, recorded by LocalStack (`localstack/localstack`,
/// `tests/aws/services/stepfunctions/v2/test_sfn_api_map_run.snapshot.json`,
/// `test_map_state_label_invalid_char_fail[*]` for every character below,
/// `test_map_state_label_empty_fail`, `test_map_state_label_too_long_fail`: `CreateStateMachine`
/// answers `InvalidDefinition`, "Label cannot be empty", "Label cannot exceed 40 characters",
/// "Label contains invalid character: '…'"). Only Distributed Maps were recorded; a Label on an
/// inline Map, and `/` (believed, not recorded), stay ASL-W209 warnings. SPEC-NOTES.md §4.
enum MapLabel: ValidationRule {
    static let maximumLength = 40
    static let forbidden = Set(" ?*<>{}[]:;,\\|^~$#%&`\"".unicodeScalars)

    static let description = RuleDescription(
        id: "ASL-E217", severity: .error,
        summary: "A Distributed Map Label must be 1 to 40 characters without spaces, control characters or "
            + "?*<>{}[]:;,\\|^~$#%&`\"",
        source: "Observed on AWS (CreateStateMachine InvalidDefinition; LocalStack's recordings)")
    static let targets: [RuleTarget] = [.state(.map)]

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard case .map(let map) = state, map.processorMode == .distributed, let label = map.label,
            !label.containsPlaceholder
        else { return }
        let pointer = state.pointer / "Label"
        if let problem = problem(label) {
            diagnostics.append(
                diagnostic(
                    "Label \(DiagnosticText.quoted(label)) of Map state \(DiagnosticText.quoted(state.name)): \(problem)",
                    at: pointer,
                    fixIt: "use up to \(maximumLength) letters, digits, '-', '_' or '.'"))
        }
    }

    /// AWS's reason for refusing `label`, or `nil` when AWS accepts it (as far as recorded).
    static func problem(_ label: String) -> String? {
        if label.isEmpty { return "Label cannot be empty" }
        if label.unicodeScalars.count > maximumLength { return "Label cannot exceed \(maximumLength) characters" }
        if let bad = label.unicodeScalars.first(where: isForbidden) {
            return "Label contains invalid character: \(DiagnosticText.quoted(String(bad)))"
        }
        return nil
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        forbidden.contains(scalar) || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
