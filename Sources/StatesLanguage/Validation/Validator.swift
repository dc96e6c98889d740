/// Runs every validation rule over a parsed state machine.
///
/// The walk visits the machine once, each scope once and each state once (states are a flat
/// array in ``StateMachine/states``), handing each node to the rules registered for it, in the
/// order of ``rules``. Rules never see a definition the parser could not build; they run after
/// the structural checks (ASL-E1xx) and the path/intrinsic checks (ASL-E30x), and avoid
/// re-reporting what those already report.
public enum Validator {
    /// Every validator rule, in id order.
    static let rules: [any ValidationRule.Type] = [
        UnreachableState.self, MissingEndState.self, StateNameLength.self, DuplicateStateName.self,
        RetrierValues.self, TimeoutValues.self, MapLimits.self,
        ResultPathTarget.self, ReferencePathRequired.self, ReservedVariableName.self, TaskResourceRecognized.self,
        MapResource.self, MapLabel.self, WaitValues.self, ExpressRestrictions.self,
        ChoiceWithoutDefault.self, RetryWithoutLimit.self, TaskWithoutTimeout.self, NoDollar.self,
        PassResultIsStatic.self, UnknownStatesError.self, ShadowedHandler.self, UnretriableError.self,
        NoPathToEnd.self, UnverifiedLimit.self, InlineMapDistributedField.self, VariableNameShape.self,
        UnassignedVariable.self, IntegrationParameterShape.self, IntegrationParameters.self,
        ItemBatcherWithoutLimit.self, StatesAllPlacement.self,
    ]

    /// Checks a parsed machine against every enabled rule.
    ///
    /// - Parameters:
    ///   - machine: The graph built by `DefinitionParser`.
    ///   - options: Machine type and disabled rules.
    /// - Returns: The diagnostics, machine-level first, then per scope, then per state in
    ///   definition order.
    /// - Complexity: O(states + transitions) plus the cost of each rule on its node.
    public static func validate(_ machine: StateMachine, options: ValidationOptions = .init()) -> [Diagnostic] {
        let context = ValidationContext(machine: machine, options: options)
        var machineRules: [any ValidationRule.Type] = []
        var scopeRules: [any ValidationRule.Type] = []
        var stateRules: [StateKind: [any ValidationRule.Type]] = [:]
        for rule in rules where !options.disabledRules.contains(rule.description.id) {
            for target in rule.targets {
                switch target {
                case .machine: machineRules.append(rule)
                case .scope: scopeRules.append(rule)
                case .state(let kind): stateRules[kind, default: []].append(rule)
                }
            }
        }
        var diagnostics: [Diagnostic] = []
        for rule in machineRules {
            rule.check(machine: machine, in: context, into: &diagnostics)
        }
        for scope in machine.scopes {
            for rule in scopeRules {
                rule.check(scope: scope, in: context, into: &diagnostics)
            }
        }
        for state in machine.states {
            for rule in stateRules[state.kind] ?? [] {
                rule.check(state: state, in: context, into: &diagnostics)
            }
        }
        return diagnostics
    }
}
