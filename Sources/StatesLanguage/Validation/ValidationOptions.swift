/// Switches for ``Validator/validate(_:options:)``.
public struct ValidationOptions: Sendable, Hashable {
    /// Validate for an EXPRESS state machine: `.sync` and `.waitForTaskToken` integrations,
    /// activities and Distributed Map are rejected (ASL-E215). Off by default, since the
    /// definition alone does not say which type the machine will be created as.
    public var isExpress: Bool
    /// Rules to skip, by id.
    public var disabledRules: Set<RuleID>

    public init(isExpress: Bool = false, disabledRules: Set<RuleID> = []) {
        self.isExpress = isExpress
        self.disabledRules = disabledRules
    }
}
