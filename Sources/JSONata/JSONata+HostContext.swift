import JSONCore

extension JSONata {
    /// What a host function may draw on besides its arguments: the evaluation's injected random
    /// source and instant (the same ones `$random()` and `$now()` use), so a host `$uuid()` or
    /// `$random()` is as reproducible as the built-ins.
    public struct HostContext {
        let evaluator: Evaluator

        /// The evaluation's instant, milliseconds since the Unix epoch.
        public var millis: Double { evaluator.millis }

        /// The next 64 random bits from the evaluation's random source.
        public func nextRandomBits() -> UInt64 { evaluator.random.next() }
    }
}

extension JSONata.HostFunction {
    public typealias ContextBody =
        @Sendable (_ arguments: [JSON?], _ context: JSONata.HostContext) throws(JSONataError) -> JSON?

    /// A host function that also receives the evaluation's ``JSONata/HostContext``. Its
    /// ``body`` (called outside an evaluation) sees instant 0 and `SeededRandom(seed: 0)`.
    public init(name: String, signature: String, contextBody: @escaping ContextBody) throws(JSONataError) {
        try self.init(name: name, signature: signature) { arguments throws(JSONataError) in
            let detached = Evaluator(maximumDepth: 0, deadline: nil, millis: 0, random: JSONata.SeededRandom(seed: 0))
            return try contextBody(arguments, JSONata.HostContext(evaluator: detached))
        }
        let parsed = function.signature
        let native = NativeFunction(name: name, arity: parsed?.parameters.count ?? 0) { context, arguments in
            let json = try arguments.map { try $0?.toJSON() }
            let result: JSON?
            do throws(JSONataError) {
                result = try contextBody(json, JSONata.HostContext(evaluator: context.evaluator))
            } catch {
                throw EvalError(error)
            }
            return result.map(Value.init(json:))
        }
        function = FunctionValue(kind: .native(native), signature: parsed)
    }
}
