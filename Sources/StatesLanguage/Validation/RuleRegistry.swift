extension RuleDescription {
    /// The rules the validator runs over the parsed graph (ASL-E200–E249, ASL-W200–W249).
    public static let validatorRules: [RuleDescription] = Validator.rules.map { $0.description }
}

/// Every rule the toolkit reports, with its default severity, for `asl rules` and for
/// documentation.
public enum RuleRegistry {
    /// All rules: the analyzer's, the parser's (ASL-E1xx) and the validator's (ASL-E2xx/W2xx),
    /// in id order.
    public static let all: [RuleDescription] =
        (RuleDescription.analyzerRules + RuleDescription.parserRules + RuleDescription.validatorRules)
        .sorted { $0.id < $1.id }
}
