import JSONCore

/// What a rule inspects: the whole machine once, every scope (top level, Parallel branch, Map
/// item processor) once, or every state of one kind.
public enum RuleTarget: Sendable, Hashable {
    case machine
    case scope
    case state(StateKind)

    /// Every state kind.
    public static let allStates: [RuleTarget] = StateKind.allCases.map { .state($0) }
    /// The kinds that carry `Retry` and `Catch`.
    public static let errorHandlingStates: [RuleTarget] = [.state(.task), .state(.parallel), .state(.map)]
}

/// A check over the typed, already-parsed state graph.
///
/// One rule per file under `Validation/Rules/`, with a doc comment naming the specification or
/// developer-guide section it follows and its message texts as static factories at the bottom of
/// the file. ``Validator`` walks the graph once and calls each rule for the nodes it declared in
/// ``targets``; a rule only implements the `check` it needs.
///
///     enum ChoiceWithoutDefault: ValidationRule {
///         static let description = RuleDescription(id: "ASL-W200", severity: .warning, …)
///         static let targets: [RuleTarget] = [.state(.choice)]
///         static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) { … }
///     }
public protocol ValidationRule: Sendable {
    /// Id, default severity, summary and source, as `asl rules` lists them.
    static var description: RuleDescription { get }
    /// The nodes the validator hands to this rule.
    static var targets: [RuleTarget] { get }

    /// Called once per machine when ``targets`` contains ``RuleTarget/machine``.
    static func check(machine: StateMachine, in context: ValidationContext, into diagnostics: inout [Diagnostic])
    /// Called once per scope when ``targets`` contains ``RuleTarget/scope``.
    static func check(scope: Scope, in context: ValidationContext, into diagnostics: inout [Diagnostic])
    /// Called once per state of a kind listed in ``targets``.
    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic])
}

extension ValidationRule {
    public static func check(
        machine: StateMachine, in context: ValidationContext, into diagnostics: inout [Diagnostic]
    ) {}
    public static func check(scope: Scope, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {}
    public static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {}

    /// A diagnostic of this rule, at its default severity.
    static func diagnostic(
        _ message: String,
        at pointer: JSONPointer,
        anchor: DiagnosticAnchor = .value,
        notes: [DiagnosticNote] = [],
        fixIt: String? = nil
    ) -> Diagnostic {
        Diagnostic(
            rule: description.id, severity: description.severity, message: message, pointer: pointer,
            anchor: anchor, notes: notes, fixIt: fixIt)
    }
}
