public import StatesLanguage

/// What a test expects of one diagnostic: where (a marker in the source), which rule, and
/// optionally its severity and message.
///
///     DiagnosticSpec("1️⃣", rule: "ASL-E104", message: "not a state in this scope")
///     DiagnosticSpec("2️⃣", rule: "ASL-W201", severity: .warning, message: .exact("…"))
public struct DiagnosticSpec: Sendable, Hashable {
    /// How a message is checked: a string literal means ``contains(_:)``.
    public enum Message: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
        case contains(String)
        case exact(String)

        public init(stringLiteral value: String) { self = .contains(value) }

        public func matches(_ message: String) -> Bool {
            switch self {
            case .contains(let part): message.contains(part)
            case .exact(let whole): message == whole
            }
        }

        public var description: String {
            switch self {
            case .contains(let part): "a message containing \"\(part)\""
            case .exact(let whole): "the message \"\(whole)\""
            }
        }
    }

    public var marker: String
    public var rule: RuleID
    public var severity: Severity?
    public var message: Message?

    public init(_ marker: String, rule: RuleID, severity: Severity? = nil, message: Message? = nil) {
        self.marker = marker
        self.rule = rule
        self.severity = severity
        self.message = message
    }
}
