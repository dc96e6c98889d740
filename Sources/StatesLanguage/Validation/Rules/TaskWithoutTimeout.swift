import JSONCore

/// ASL-W202: an activity or `.waitForTaskToken` Task without `TimeoutSeconds` (or
/// `HeartbeatSeconds`) in a machine without a top-level `TimeoutSeconds`: if the worker or the
/// callback never comes, the task's default timeout of 99999999 seconds (about 3.2 years) never
/// fires first, and the execution waits until its own limit of one year. A machine-level
/// `TimeoutSeconds` bounds the wait, so the rule stays quiet then.
///
/// Source: AWS developer guide, "Best practices for Step Functions" ("Use timeouts to avoid
/// stuck executions"), "Task workflow state" (default TimeoutSeconds). Rationale: limited to
/// activities and callbacks, which really wait on something outside the service; Lambda and
/// `.sync` calls end on their own, so warning on them would fire on nearly every definition.
enum TaskWithoutTimeout: ValidationRule {
    static let description = RuleDescription(
        id: "ASL-W202", severity: .warning,
        summary: "An activity or .waitForTaskToken Task without TimeoutSeconds or HeartbeatSeconds",
        source: "AWS developer guide, \"Best practices for Step Functions\" (use timeouts)")
    static let targets: [RuleTarget] = [.state(.task)]

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard case .task(let task) = state, task.timeoutSeconds == nil, task.heartbeatSeconds == nil,
            context.machine.timeoutSeconds == nil
        else { return }
        let kind: String
        switch context.resource(of: state)?.kind {
        case .activity: kind = "an activity"
        case .optimized(_, _, .waitForTaskToken), .sdk(_, _, .waitForTaskToken): kind = "a task-token callback"
        default: return
        }
        diagnostics.append(
            diagnostic(
                message(state.name, kind: kind), at: state.pointer, anchor: .key,
                fixIt: "add \"TimeoutSeconds\" (and \"HeartbeatSeconds\" if the worker can report progress)"))
    }
}

extension TaskWithoutTimeout {
    fileprivate static func message(_ state: String, kind: String) -> String {
        "Task \(DiagnosticText.quoted(state)) waits for \(kind) without TimeoutSeconds or HeartbeatSeconds; if no answer comes it "
            + "waits until the execution's one-year limit (the task's default TimeoutSeconds, 99999999 seconds, is about "
            + "3.2 years)"
    }
}
