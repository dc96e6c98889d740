import JSONCore

/// JSONata 2.0.6, the version AWS Step Functions evaluates.
///
///     let expression = try JSONata.Expression(parsing: "$sum(Order.Product.(Price * Quantity))")
///     let total = try expression.evaluate(input: order, environment: .init(millis: 1_700_000_000_000))
///
/// An expression is compiled once and can be evaluated any number of times, from any thread.
/// `nil` as input or result is JSONata's `undefined`.
public enum JSONata {
    /// A compiled expression.
    public struct Expression: @unchecked Sendable {
        /// The text it was compiled from.
        public let source: String
        // The tree is never mutated after compilation; evaluation keeps its state elsewhere.
        let root: Node
        /// The expression compiled for scalars over host bindings, when it is that simple.
        let scalarProgram: ScalarProgram?

        /// Compiles `source`; a syntax error is thrown with jsonata-js's code and the UTF-8 offset
        /// in `source` where it was found.
        public init(parsing source: String, limits: Limits = Limits()) throws(JSONataError) {
            self.source = source
            do {
                root = try Parser.parse(source, maximumDepth: limits.maximumParseDepth)
                scalarProgram = ScalarProgram(root)
            } catch let error as EvalError {
                throw error.publicError
            } catch {
                throw JSONataError(code: "S0500", message: "\(error)")
            }
        }

        /// Evaluates the expression against `input` with the given variable bindings (names
        /// without `$`; a name in `hostBindings`, a short list searched in order, shadows the
        /// same name in `bindings`). Returns `nil` when the result is undefined.
        ///
        /// A binding is converted to the engine's values only as far as the expression reads it,
        /// separately for each evaluation: nothing one evaluation does is seen by the next.
        ///
        /// A function result is written as `""`, as `$string` prints one; use
        /// ``evaluation(input:bindings:hostBindings:environment:)`` to tell it apart.
        public func evaluate(
            input: JSON?, bindings: [String: JSON] = [:], hostBindings: [Binding.Member] = [],
            environment: EvaluationEnvironment
        ) throws(JSONataError) -> JSON? {
            try evaluate(
                input: input, variables: Self.codeUnitKeyed(bindings), hostBindings: hostBindings,
                environment: environment)
        }

        /// Evaluates as ``evaluate(input:bindings:hostBindings:environment:)`` does, with the
        /// bindings keyed by code units: names that are canonically equivalent but spelt with
        /// different code units (`"\u{E9}"`, `"e\u{301}"`) are two variables, as in JavaScript.
        public func evaluate(
            input: JSON?, variables: [CodeUnitString: JSON], hostBindings: [Binding.Member] = [],
            environment: EvaluationEnvironment
        ) throws(JSONataError) -> JSON? {
            switch try evaluation(
                input: input, variables: variables, hostBindings: hostBindings, environment: environment)
            {
            case .value(let json): json
            case .undefined: nil
            case .function: .string("")
            }
        }

        /// What an evaluation gives: a JSON value, undefined, or a function (which has no JSON
        /// form; a host such as Step Functions rejects it).
        public enum Evaluation: Sendable, Equatable {
            case value(JSON)
            case undefined
            case function
        }

        /// Evaluates as ``evaluate(input:bindings:hostBindings:environment:)`` does, telling a
        /// function result apart.
        public func evaluation(
            input: JSON?, bindings: [String: JSON] = [:], hostBindings: [Binding.Member] = [],
            environment: EvaluationEnvironment
        ) throws(JSONataError) -> Evaluation {
            try evaluation(
                input: input, variables: Self.codeUnitKeyed(bindings), hostBindings: hostBindings,
                environment: environment)
        }

        /// ``evaluation(input:bindings:hostBindings:environment:)`` with the bindings keyed by code units.
        public func evaluation(
            input: JSON?, variables bindings: [CodeUnitString: JSON], hostBindings: [Binding.Member] = [],
            environment: EvaluationEnvironment
        ) throws(JSONataError) -> Evaluation {
            if let scalarProgram, environment.limits.maximumEvaluationDepth > ScalarProgram.maximumHeight + 1,
                let result = scalarProgram.run(bindings: bindings, hostBindings: hostBindings)
            {
                return .value(result)
            }
            return try evaluateInGeneral(
                input: input, bindings: bindings, hostBindings: hostBindings, environment: environment)
        }

        /// `String`-keyed bindings as the engine keeps them (a `String` dictionary cannot hold two
        /// canonically equivalent names, so nothing is lost).
        static func codeUnitKeyed(_ bindings: [String: JSON]) -> [CodeUnitString: JSON] {
            guard !bindings.isEmpty else { return [:] }
            var keyed = [CodeUnitString: JSON](minimumCapacity: bindings.count)
            for (name, value) in bindings { keyed[CodeUnitString(name)] = value }
            return keyed
        }

        /// ``evaluateInGeneral(input:bindings:hostBindings:environment:)`` with `String`-keyed bindings (tests).
        func evaluateInGeneral(
            input: JSON?, bindings: [String: JSON], hostBindings: [Binding.Member], environment: EvaluationEnvironment
        ) throws(JSONataError) -> Evaluation {
            try evaluateInGeneral(
                input: input, bindings: Self.codeUnitKeyed(bindings), hostBindings: hostBindings,
                environment: environment)
        }

        /// ``evaluation(input:bindings:hostBindings:environment:)`` by the general evaluator
        /// alone (tests compare it with the scalar fast path).
        func evaluateInGeneral(
            input: JSON?, bindings: [CodeUnitString: JSON], hostBindings: [Binding.Member],
            environment: EvaluationEnvironment
        ) throws(JSONataError) -> Evaluation {
            let limits = environment.limits
            let random: any RandomNumberGenerator =
                if let seed = environment.seed { SeededRandom(seed: seed) } else { environment.random }
            let evaluator = Evaluator(
                maximumDepth: limits.maximumEvaluationDepth,
                deadline: limits.timeLimit.map { ContinuousClock.now.advanced(by: $0) },
                millis: environment.millis, random: random)
            var inputValue = input.map(Value.init(json:))
            let frame = Frame(parent: environment.hostFrame(), input: inputValue, json: bindings, host: hostBindings)
            if case .array? = inputValue, let original = inputValue {
                let wrapper = JArray.sequence([original])
                wrapper.outerWrapper = true
                inputValue = .array(wrapper)
            }
            do {
                switch try evaluator.evaluate(root, inputValue, frame) {
                case nil: return .undefined
                case .function?: return .function
                // A non-finite number in the result is written as the string JavaScript gives
                // ("Infinity"): AWS answers `1/0` with a value, not a failure (SPEC-NOTES.md §13.1).
                case let result?: return .value(try result.toJSON(nonFiniteAsString: true))
                }
            } catch let error as EvalError {
                throw error.publicError
            } catch let error as JSONataError {
                throw error
            } catch {
                throw JSONataError(code: "D3121", message: "\(error)")
            }
        }
    }

    /// Bounds on compilation and evaluation; crossing one is an error, never a crash or a hang.
    public struct Limits: Sendable, Hashable {
        /// How deeply the expression's syntax may nest: each parenthesis, call or constructor
        /// counts one level, and so does each operator in a chain (`1+1+1…`, `a.b.c…`).
        public var maximumParseDepth: Int
        /// How deeply evaluation may nest (each sub-expression and each non-tail function call
        /// counts one level, as jsonata-js's `evaluate` entries do). Tail calls do not count.
        public var maximumEvaluationDepth: Int
        /// How long one evaluation may run (checked in loops and calls); `nil` for no limit.
        public var timeLimit: Duration?

        public init(maximumParseDepth: Int = 500, maximumEvaluationDepth: Int = 2000, timeLimit: Duration? = nil) {
            self.maximumParseDepth = maximumParseDepth
            self.maximumEvaluationDepth = maximumEvaluationDepth
            self.timeLimit = timeLimit
        }
    }

    /// A function the host adds to the language, called with JSON arguments (already checked
    /// against `signature`, e.g. `<n-n?:n>`) and returning JSON, or `nil` for undefined.
    public struct HostFunction: @unchecked Sendable {
        public typealias Body = @Sendable (_ arguments: [JSON?]) throws(JSONataError) -> JSON?
        public let name: String
        public let signature: String
        public let body: Body
        // Built once; immutable afterwards (which is why the struct is Sendable).
        var function: FunctionValue  // var only so JSONata+HostContext.swift can install its own native body

        /// `name` without `$`. Throws when the signature does not parse (S0401, S0402).
        public init(name: String, signature: String, body: @escaping Body) throws(JSONataError) {
            let parsed: Signature
            do {
                parsed = try Signature(signature)
            } catch let error as EvalError {
                throw error.publicError
            } catch {
                throw JSONataError(code: "S0401", message: "\(error)")
            }
            self.name = name
            self.signature = signature
            self.body = body
            let native = NativeFunction(name: name, arity: parsed.parameters.count) { _, arguments in
                let json = try arguments.map { try $0?.toJSON() }
                let result: JSON?
                do throws(JSONataError) {
                    result = try body(json)
                } catch {
                    throw EvalError(error)
                }
                return result.map(Value.init(json:))
            }
            function = FunctionValue(kind: .native(native), signature: parsed)
        }
    }

    /// What one evaluation depends on besides its input: the instant `$now()` and `$millis()`
    /// return (the same for the whole evaluation), the random source of `$random()` and
    /// `$shuffle()`, host functions, denied built-ins, and limits.
    public struct EvaluationEnvironment: Sendable {
        /// Milliseconds since the Unix epoch.
        public var millis: Double
        /// Copied for each evaluation, so one environment gives the same draws every time.
        public var random: any RandomNumberGenerator & Sendable
        /// When set, each evaluation draws from `SeededRandom(seed:)` and `random` is not used: a
        /// host that seeds every evaluation afresh sets this instead of a new `random`.
        public var seed: UInt64?
        public var hostFunctions: [HostFunction] {
            didSet { prebuiltFrame = nil }
        }
        /// Built-in function names (without `$`) that are not available: calling one is T1006.
        public var deniedFunctions: Set<String> {
            didSet { prebuiltFrame = nil }
        }
        /// The frame of `hostFunctions` and `deniedFunctions`, built once by `init` (an environment
        /// kept by a host and copied per evaluation does not rebuild it); rebuilt on demand after
        /// either changes. Never bound into after it is built.
        private var prebuiltFrame: SharedFrame?
        public var limits: Limits

        public init(
            millis: Double, random: any RandomNumberGenerator & Sendable = SeededRandom(seed: 0),
            hostFunctions: [HostFunction] = [], deniedFunctions: Set<String> = [], limits: Limits = Limits()
        ) {
            self.millis = millis
            self.random = random
            self.hostFunctions = hostFunctions
            self.deniedFunctions = deniedFunctions
            self.limits = limits
            prebuiltFrame = SharedFrame(frame: buildHostFrame())
        }

        func hostFrame() -> Frame {
            prebuiltFrame?.frame ?? buildHostFrame()
        }

        private func buildHostFrame() -> Frame {
            guard !hostFunctions.isEmpty || !deniedFunctions.isEmpty else { return Builtins.frame }
            let frame = Frame(parent: Builtins.frame)
            for name in deniedFunctions { frame.bind(name, nil) }
            for host in hostFunctions { frame.bind(host.name, .function(host.function)) }
            return frame
        }
    }

    /// A frame shared by copies of an environment: immutable once built (evaluation binds only
    /// into frames it creates below it), hence safe to share between threads.
    final class SharedFrame: @unchecked Sendable {
        let frame: Frame
        init(frame: Frame) {
            self.frame = frame
        }
    }

    /// SplitMix64: a small, fast, seedable generator for `$random()` and `$shuffle()`.
    public struct SeededRandom: RandomNumberGenerator, Sendable, Hashable {
        private var state: UInt64

        public init(seed: UInt64) {
            state = seed
        }

        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
