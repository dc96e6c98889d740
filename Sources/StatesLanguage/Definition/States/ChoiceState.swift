/// A Choice state: goes to the `Next` of the first rule that matches, else to `Default`,
/// else fails with `States.NoChoiceMatched`.
///
/// Source: ASL specification, "Choice State"; AWS developer guide, "Choice workflow state".
public struct ChoiceState: Sendable {
    /// One element of `Choices`: a rule with the `Next` (and, optionally, `Assign`/`Output`)
    /// that only top-level rules carry.
    public struct Branch: Sendable, Hashable {
        public var rule: ChoiceRule
        public var next: StateReference
        public var assign: DynamicTemplate?
        /// `Output` (JSONata).
        public var output: JSONataTemplate?

        public init(
            rule: ChoiceRule, next: StateReference, assign: DynamicTemplate? = nil, output: JSONataTemplate? = nil
        ) {
            self.rule = rule
            self.next = next
            self.assign = assign
            self.output = output
        }
    }

    public var common: StateCommon
    /// `Choices`.
    public var choices: [Branch]
    /// `Default`.
    public var defaultState: StateReference?
    public var io: InputOutput

    public init(
        common: StateCommon, choices: [Branch], defaultState: StateReference? = nil, io: InputOutput = InputOutput()
    ) {
        self.common = common
        self.choices = choices
        self.defaultState = defaultState
        self.io = io
    }
}
