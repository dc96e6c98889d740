import JSONCore

/// ASL-W209: a value beyond a limit AWS is believed, but not documented, to enforce. Each case
/// is a warning because an error would risk rejecting a definition AWS accepts:
/// - a state name over 80 UTF-16 units but within 80 Unicode characters (AWS, a Java service,
///   may count UTF-16 units; the spec counts characters; see ASL-E202);
/// - a top-level `TimeoutSeconds` of 0 (AWS's schema allows 0, statelint wants it positive);
/// - a Retrier `MaxDelaySeconds` above 31622400 (one year, recalled, not re-verified) or below 1,
///   `IntervalSeconds` 0 or `MaxAttempts` above 99999999 (the ASL spec's bounds; AWS's schema
///   allows these, ASL-E204 keeps what it rejects);
/// - a Task `TimeoutSeconds`/`HeartbeatSeconds` of 0, or a `HeartbeatSeconds` not below the
///   `TimeoutSeconds` (the spec's MUSTs; AWS's schema allows 0 and does not compare them);
/// - a Wait `Timestamp` valid but for a lowercase `t` or `z` (RFC 3339 allows them; the spec
///   asks for uppercase);
/// - a Map `Label` longer than 40 characters, or with whitespace or characters such as
///   `<>{}[]?*"#%\^|~`$&,;:/` (recalled from the Map state page; AWS has an INVALID_LABEL_NAME
///   diagnostic), where ASL-E217 (recorded refusals of Distributed Map labels) does not apply:
///   an inline Map's label, or `/`.
enum UnverifiedLimit: ValidationRule {
    static let maximumRetryDelay: Int64 = 31_622_400
    static let maximumLabelLength = 40
    static let labelForbidden = Set(" \t\n\r<>{}[]?*\"#%\\^|~`$&,;:/".unicodeScalars)

    static let description = RuleDescription(
        id: "ASL-W209", severity: .warning,
        summary: "A value beyond a limit AWS is believed but not documented to enforce "
            + "(UTF-16 name length, TimeoutSeconds/HeartbeatSeconds/IntervalSeconds 0, heartbeat not below timeout, "
            + "MaxAttempts, MaxDelaySeconds, Label)",
        source: "Research notes §2.2, §2.3, §1.2 (AWS limits not confirmed)")
    static let targets: [RuleTarget] = [.machine] + RuleTarget.allStates

    static func check(machine: StateMachine, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        if machine.timeoutSeconds == 0 {
            diagnostics.append(
                diagnostic(
                    zeroTimeoutMessage(), at: ["TimeoutSeconds"],
                    fixIt: "remove TimeoutSeconds for the service maximum, or give a positive number"))
        }
    }

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        let name = state.name
        if name.unicodeScalars.count <= StateNameLength.maximumLength,
            name.utf16.count > StateNameLength.maximumLength
        {
            diagnostics.append(
                diagnostic(utf16NameMessage(name, units: name.utf16.count), at: state.pointer, anchor: .key))
        }
        for retrier in state.handlersForValidation?.retriers ?? [] {
            if let delay = retrier.maxDelaySeconds, delay > maximumRetryDelay {
                diagnostics.append(
                    diagnostic(retryDelayMessage(name, delay: delay), at: retrier.pointer / "MaxDelaySeconds"))
            }
            if let delay = retrier.maxDelaySeconds, delay < 1 {
                diagnostics.append(
                    diagnostic(
                        specBoundMessage(name, field: "MaxDelaySeconds", value: delay, bound: "a positive integer"),
                        at: retrier.pointer / "MaxDelaySeconds"))
            }
            if retrier.intervalSeconds == 0 {
                diagnostics.append(
                    diagnostic(
                        specBoundMessage(name, field: "IntervalSeconds", value: 0, bound: "a positive integer"),
                        at: retrier.pointer / "IntervalSeconds"))
            }
            if let attempts = retrier.maxAttempts, attempts > RetrierValues.maximum {
                diagnostics.append(
                    diagnostic(
                        specBoundMessage(name, field: "MaxAttempts", value: attempts, bound: "at most 99999999"),
                        at: retrier.pointer / "MaxAttempts"))
            }
        }
        if case .task(let task) = state { checkTimeouts(task, state: state, &diagnostics) }
        if case .wait(let wait) = state, case .timestamp(.literal(let literal)) = wait.duration,
            case let text = literal.text, !WaitValues.isTimestamp(text),
            WaitValues.isTimestamp(WaitValues.uppercasingTAndZ(text))
        {
            diagnostics.append(
                diagnostic(
                    lowercaseTimestampMessage(name, text), at: state.pointer / "Timestamp",
                    fixIt: "write \(DiagnosticText.quoted(WaitValues.uppercasingTAndZ(text)))"))
        }
        // A Distributed Map label AWS was recorded refusing is ASL-E217's; what is left here is
        // believed only (an inline Map's label, `/`).
        if case .map(let map) = state, let label = map.label,
            map.processorMode != .distributed || label.containsPlaceholder || MapLabel.problem(label) == nil
        {
            let pointer = state.pointer / "Label"
            if label.unicodeScalars.count > maximumLabelLength {
                diagnostics.append(diagnostic(labelLengthMessage(name, label: label), at: pointer))
            } else if label.unicodeScalars.contains(where: { labelForbidden.contains($0) || $0.value < 0x20 }) {
                diagnostics.append(diagnostic(labelCharacterMessage(name, label: label), at: pointer))
            }
        }
    }
}

extension UnverifiedLimit {
    /// Task TimeoutSeconds/HeartbeatSeconds of 0, and HeartbeatSeconds not below TimeoutSeconds.
    private static func checkTimeouts(_ task: TaskState, state: State, _ diagnostics: inout [Diagnostic]) {
        var timeout: Int64?
        var heartbeat: Int64?
        if case .literal(let value) = task.timeoutSeconds { timeout = value }
        if case .literal(let value) = task.heartbeatSeconds { heartbeat = value }
        for (field, value) in [("TimeoutSeconds", timeout), ("HeartbeatSeconds", heartbeat)] where value == 0 {
            diagnostics.append(
                diagnostic(
                    specBoundMessage(state.name, field: field, value: 0, bound: "a positive integer"),
                    at: state.pointer / field))
        }
        if let timeout, let heartbeat, timeout >= 1, heartbeat >= timeout {
            diagnostics.append(
                diagnostic(
                    heartbeatMessage(state.name, heartbeat: heartbeat, timeout: timeout),
                    at: state.pointer / "HeartbeatSeconds",
                    fixIt: "lower HeartbeatSeconds below \(timeout), or raise TimeoutSeconds"))
        }
    }

    fileprivate static func specBoundMessage(_ state: String, field: String, value: Int64, bound: String) -> String {
        "\(field) \(value) of state \(DiagnosticText.quoted(state)) should be \(bound) (States Language specification); AWS is not known "
            + "to reject it when the state machine is created"
    }

    fileprivate static func lowercaseTimestampMessage(_ state: String, _ text: String) -> String {
        "Timestamp \(DiagnosticText.quoted(text)) of Wait state \(DiagnosticText.quoted(state)) should use an uppercase T and Z (States Language "
            + "specification); AWS is not known to reject it when the state machine is created"
    }

    fileprivate static func heartbeatMessage(_ state: String, heartbeat: Int64, timeout: Int64) -> String {
        "HeartbeatSeconds \(heartbeat) of state \(DiagnosticText.quoted(state)) should be smaller than its TimeoutSeconds \(timeout) "
            + "(States Language specification); otherwise the heartbeat never fires first"
    }

    fileprivate static func zeroTimeoutMessage() -> String {
        "The state machine's TimeoutSeconds is 0; it should be a positive number of seconds (AWS's handling of 0 "
            + "is not documented)"
    }

    fileprivate static func utf16NameMessage(_ name: String, units: Int) -> String {
        "State name \(DiagnosticText.quoted(name)) is \(units) UTF-16 units long; AWS may count it as more than 80 "
            + "characters and reject it"
    }

    fileprivate static func retryDelayMessage(_ state: String, delay: Int64) -> String {
        "MaxDelaySeconds \(delay) in a Retry of state \(DiagnosticText.quoted(state)) is above 31622400 (one year), which AWS is "
            + "believed to reject"
    }

    fileprivate static func labelLengthMessage(_ state: String, label: String) -> String {
        "Label \(DiagnosticText.quoted(label)) of Map state \(DiagnosticText.quoted(state)) is longer than \(maximumLabelLength) characters, which AWS "
            + "is believed to reject"
    }

    fileprivate static func labelCharacterMessage(_ state: String, label: String) -> String {
        "Label \(DiagnosticText.quoted(label)) of Map state \(DiagnosticText.quoted(state)) contains whitespace or a special character, which AWS is "
            + "believed to reject"
    }
}
