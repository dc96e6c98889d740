import JSONCore

extension JSONata {
    /// A value the host binds to a variable, converted to the engine's values only as far as an
    /// expression reaches into it.
    ///
    ///     // $states.context is built only by an expression that reads it.
    ///     final class States: JSONata.HostObject {
    ///         let keys = ["input", "context"]
    ///         func member(_ key: String) -> JSON? { key == "context" ? context.json : readyMember(key) }
    ///         func readyMember(_ key: String) -> JSON? { key == "input" ? .some(input) : .none }
    ///     }
    ///     try expression.evaluate(
    ///         input: nil, bindings: variables, hostBindings: [.init(key: "states", value: .object(states))],
    ///         environment: env)
    public enum Binding: Sendable {
        /// A JSON value; an object's members are converted when first read.
        case json(JSON)
        /// An object whose members the host computes only when an expression reaches them.
        case object(any HostObject)

        /// One named host binding of an evaluation.
        public struct Member: Sendable {
            public var key: String
            public var value: Binding

            public init(key: String, value: Binding) {
                self.key = key
                self.value = value
            }
        }
    }

    /// An object whose members the host computes on demand. An evaluation asks for a member
    /// when an expression first reaches it (a path step, or a function given the whole object)
    /// and keeps what it gets for the rest of that evaluation; another evaluation asks again.
    public protocol HostObject: AnyObject, Sendable {
        /// The member names, in order, without repeats.
        var keys: [String] { get }
        /// The member named `key`, one of ``keys``.
        func member(_ key: String) -> JSON?
        /// The member named `key` when the host holds it ready, so that asking again costs
        /// nothing; `nil` when it must be computed (or is absent). A path that reads a scalar
        /// through a ready member converts nothing on its way. By default no member is ready.
        func readyMember(_ key: String) -> JSON?
    }
}

extension JSONata.HostObject {
    public func readyMember(_ key: String) -> JSON? { .none }
}
