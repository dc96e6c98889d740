/// What `asl rules` lists for one rule: its id, default severity, a one-line summary and the
/// specification or AWS guide section it comes from.
public struct RuleDescription: Sendable, Hashable {
    public var id: RuleID
    public var severity: Severity
    public var summary: String
    /// The spec or developer-guide section the rule follows, or the AWS behaviour it mirrors.
    public var source: String

    public init(id: RuleID, severity: Severity, summary: String, source: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.source = source
    }
}
