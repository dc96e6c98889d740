import JSONCore

/// ASL-E206: Task `TimeoutSeconds`/`HeartbeatSeconds` or the top-level `TimeoutSeconds`
/// outside 0…99999999.
///
/// Source: AWS's ASL schema (aws/amazon-states-language-service, `common.json` `seconds`:
/// integer 0…99999999, used by all three fields). The ASL spec's further MUSTs ("positive
/// integers", "HeartbeatSeconds … MUST be smaller than TimeoutSeconds") are ASL-W209: AWS's
/// schema allows 0 and does not compare the two, and no rejection by CreateStateMachine is
/// recorded (SPEC-NOTES §4).
enum TimeoutValues: ValidationRule {
    static let maximum: Int64 = 99_999_999

    static let description = RuleDescription(
        id: "ASL-E206", severity: .error,
        summary: "TimeoutSeconds/HeartbeatSeconds must be positive, at most 99999999, heartbeat below timeout",
        source: "ASL spec, \"Task State\" and \"Top-level fields\"")
    static let targets: [RuleTarget] = [.machine, .state(.task)]

    static func check(machine: StateMachine, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard let value = machine.timeoutSeconds, value < 0 || value > maximum else { return }
        diagnostics.append(
            diagnostic(machineMessage(value), at: ["TimeoutSeconds"]))
    }

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard case .task(let task) = state else { return }
        let pointer = state.pointer
        if case .literal(let value) = task.timeoutSeconds {
            if value < 0 || value > maximum {
                diagnostics.append(
                    diagnostic(rangeMessage(state.name, field: "TimeoutSeconds", value), at: pointer / "TimeoutSeconds")
                )
            }
        }
        if case .literal(let value) = task.heartbeatSeconds {
            if value < 0 || value > maximum {
                diagnostics.append(
                    diagnostic(
                        rangeMessage(state.name, field: "HeartbeatSeconds", value), at: pointer / "HeartbeatSeconds"))
            }
        }
    }
}

extension TimeoutValues {
    fileprivate static func machineMessage(_ value: Int64) -> String {
        "The state machine's TimeoutSeconds \(value) is out of range: it must be a positive integer up to \(maximum)"
    }

    fileprivate static func rangeMessage(_ state: String, field: String, _ value: Int64) -> String {
        "\(field) \(value) of state \(DiagnosticText.quoted(state)) is out of range: it must be an integer from 0 to \(maximum)"
    }
}
