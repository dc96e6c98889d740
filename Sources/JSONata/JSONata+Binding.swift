import JSONCore

extension JSONata {
    /// A value the host binds to a variable, converted to the engine's values only as far as an
    /// expression reaches into it.
    ///
    ///     // $states.context is built only by an expression that reads it.
    ///     let states = JSONata.Binding.object([
    ///         .init(key: "input", value: .json(input)),
    ///         .init(key: "context", value: .deferred { context.json }),
    ///     ])
    ///     try expression.evaluate(input: nil, bindings: variables, hostBindings: ["states": states], environment: env)
    public enum Binding: Sendable {
        /// A JSON value; an object's members are converted when first read.
        case json(JSON)
        /// An object whose members (in this order, keys unique) are bindings themselves.
        case object([Member])
        /// A JSON value computed when an evaluation first reads it (once per evaluation that
        /// reads it; never by one that does not).
        case deferred(@Sendable () -> JSON)

        /// One member of an ``object(_:)`` binding.
        public struct Member: Sendable {
            public var key: String
            public var value: Binding

            public init(key: String, value: Binding) {
                self.key = key
                self.value = value
            }
        }
    }
}
