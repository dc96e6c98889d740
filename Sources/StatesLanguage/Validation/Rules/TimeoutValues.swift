import JSONCore

/// ASL-E206: Task `TimeoutSeconds`/`HeartbeatSeconds` not a positive integer up to 99999999,
/// a literal `HeartbeatSeconds` not below the literal `TimeoutSeconds`, or a negative or
/// too-large top-level `TimeoutSeconds`.
///
/// Source: ASL spec, "Task State" ("TimeoutSeconds … MUST be positive integers";
/// "HeartbeatSeconds … MUST be smaller than TimeoutSeconds"); AWS language-service schema caps
/// both at 99999999. The top-level field is 0…99999999 in that schema while statelint wants it
/// positive, so 0 there is only ASL-W209.
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
        var timeout: Int64?
        var heartbeat: Int64?
        if case .literal(let value) = task.timeoutSeconds {
            timeout = value
            if value < 1 || value > maximum {
                diagnostics.append(
                    diagnostic(rangeMessage(state.name, field: "TimeoutSeconds", value), at: pointer / "TimeoutSeconds")
                )
            }
        }
        if case .literal(let value) = task.heartbeatSeconds {
            heartbeat = value
            if value < 1 || value > maximum {
                diagnostics.append(
                    diagnostic(
                        rangeMessage(state.name, field: "HeartbeatSeconds", value), at: pointer / "HeartbeatSeconds"))
            }
        }
        if let timeout, let heartbeat, timeout >= 1, heartbeat >= timeout {
            diagnostics.append(
                diagnostic(
                    heartbeatMessage(state.name, heartbeat: heartbeat, timeout: timeout),
                    at: pointer / "HeartbeatSeconds",
                    fixIt: "lower HeartbeatSeconds below \(timeout), or raise TimeoutSeconds"))
        }
    }
}

extension TimeoutValues {
    fileprivate static func machineMessage(_ value: Int64) -> String {
        "The state machine's TimeoutSeconds \(value) is out of range: it must be a positive integer up to \(maximum)"
    }

    fileprivate static func rangeMessage(_ state: String, field: String, _ value: Int64) -> String {
        "\(field) \(value) of state \"\(state)\" is out of range: it must be a positive integer up to \(maximum)"
    }

    fileprivate static func heartbeatMessage(_ state: String, heartbeat: Int64, timeout: Int64) -> String {
        "HeartbeatSeconds \(heartbeat) of state \"\(state)\" must be smaller than its TimeoutSeconds \(timeout)"
    }
}
