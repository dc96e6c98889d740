import JSONCore

/// Walks the processed tree (jsonata-js `evaluate` and friends, `src/jsonata.js`), one instance
/// per evaluation: it carries the depth counter, the deadline, the clock instant and the random
/// source.
final class Evaluator {
    let maximumDepth: Int
    let deadline: ContinuousClock.Instant?
    let millis: Double
    var random: any RandomNumberGenerator
    private var depth = 0
    private var ticks = 0
    /// Made the first time evaluation nests deeper than `stackCheckDepth` (finding the stack's
    /// bounds costs a system call, and most evaluations never nest that deep).
    private var stackGuard: StackGuard?
    private static let stackCheckDepth = 24

    init(maximumDepth: Int, deadline: ContinuousClock.Instant?, millis: Double, random: any RandomNumberGenerator) {
        self.maximumDepth = maximumDepth
        self.deadline = deadline
        self.millis = millis
        self.random = random
    }

    /// A random double in [0, 1) from the injected source.
    func nextRandom() -> Double {
        Double(random.next() >> 11) * 0x1.0p-53
    }

    /// Counts a step against the deadline; called on every evaluation and loop iteration.
    @inline(__always)
    func tick() throws {
        ticks &+= 1
        if ticks & 0x3FF == 0, let deadline, ContinuousClock.now >= deadline {
            throw EvalError(
                code: "U1001",
                extra: ["message": "Expression evaluation timeout: Check for infinite loop"])
        }
    }

    // MARK: - evaluate

    func evaluate(_ expr: Node, _ input: Value?, _ environment: Frame) throws -> Value? {
        depth += 1
        defer { depth -= 1 }
        try checkDepth(expr)
        return try evaluateNode(expr, input, environment)
    }

    /// The checks `evaluate` makes on entering `expr`, once `depth` counts it.
    private func checkDepth(_ expr: Node) throws {
        if depth > Self.stackCheckDepth {
            if stackGuard == nil { stackGuard = StackGuard() }
            if stackGuard?.isExhausted() == true { throw stackOverflow(expr.position) }
        }
        if depth > maximumDepth {
            throw stackOverflow(expr.position)
        }
        try tick()
    }

    func stackOverflow(_ position: Int?) -> EvalError {
        EvalError(
            code: "U1001", position: position,
            extra: [
                "message":
                    "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive."
            ])
    }

    private func evaluateNode(_ expr: Node, _ input: Value?, _ environment: Frame) throws -> Value? {
        var result: Value?
        switch expr.type {
        case .path: result = try evaluatePath(expr, input, environment)
        case .binary: result = try evaluateBinary(expr, input, environment)
        case .unary: result = try evaluateUnary(expr, input, environment)
        case .name: result = lookupField(input, expr.text)
        case .string, .number, .value: result = expr.literal
        case .wildcard: result = evaluateWildcard(input)
        case .descendant: result = evaluateDescendants(input)
        case .parent: result = environment.lookup(expr.slot?.label ?? "")
        case .condition:
            let condition = try evaluate(required(expr.condition), input, environment)
            if truthy(condition) == true {
                result = try evaluate(required(expr.then), input, environment)
            } else if let otherwise = expr.otherwise {
                result = try evaluate(otherwise, input, environment)
            }
        case .block:
            let frame = Frame(parent: environment)
            for item in expr.expressions { result = try evaluate(item, input, frame) }
        case .bind:
            result = try evaluate(required(expr.rhs), input, environment)
            environment.bind(expr.lhs?.text ?? "", result)
        case .regex: result = expr.regex.map { .function(regexFunction($0, position: expr.position)) }
        case .function: result = try evaluateFunction(expr, input, environment, applyTo: nil)
        case .variable: result = evaluateVariable(expr.text, input, environment)
        case .lambda: result = evaluateLambda(expr, input, environment)
        case .partial: result = try evaluatePartial(expr, input, environment)
        case .apply: result = try evaluateApply(expr, input, environment)
        case .transform: result = .function(transformFunction(expr, environment))
        case .sort, .op, .end, .placeholder: result = nil
        }
        if let predicate = expr.predicate {
            for stage in predicate {
                if case .filter(let filter) = stage.kind {
                    result = .array(try evaluateFilter(filter, result, environment))
                }
            }
        }
        if expr.type != .path, let group = expr.group {
            result = .object(try evaluateGroup(group.pairs, position: group.position, result, environment))
        }
        if case .array(let array)? = result, array.isSequence, !array.tupleStream {
            if expr.keepArray { array.keepSingleton = true }
            if array.isEmpty {
                result = nil
            } else if array.count == 1 && !array.keepSingleton {
                result = array.items[0]
            }
        }
        return result
    }

    func required(_ node: Node?) throws -> Node {
        guard let node else { throw EvalError(code: "S0207") }
        return node
    }

    // MARK: - paths

    private func evaluatePath(_ expr: Node, _ input: Value?, _ environment: Frame) throws -> Value? {
        if let result = try evaluateFieldChain(expr, input, environment) { return result }
        var inputItems: [Value?]
        var inputValue: Value?
        if case .array(let array)? = input, expr.steps.first?.type != .variable {
            inputItems = array.items.map { $0 }
            inputValue = input
        } else {
            inputItems = [input]
            inputValue = .array(JArray.sequence(input.map { [$0] } ?? []))
        }
        var resultValue: Value?
        var isTupleStream = false
        var tupleBindings: JArray?
        for (index, step) in expr.steps.enumerated() {
            if step.tuple { isTupleStream = true }
            if index == 0 && step.consArray {
                resultValue = try evaluate(step, inputValue, environment)
            } else if isTupleStream {
                tupleBindings = try evaluateTupleStep(step, inputItems, tupleBindings, environment)
            } else {
                resultValue = try evaluateStep(step, inputItems, environment, lastStep: index == expr.steps.count - 1)
            }
            if !isTupleStream {
                guard let current = resultValue else { break }
                if case .array(let array) = current, array.isEmpty { break }
            }
            if step.focus == nil {
                if case .array(let array)? = resultValue {
                    inputItems = array.items.map { $0 }
                } else {
                    inputItems = []
                }
            }
        }
        if isTupleStream {
            let bindings = tupleBindings ?? JArray.sequence()
            if expr.tuple {
                resultValue = .array(bindings)
            } else {
                let sequence = JArray.sequence()
                sequence.items.reserveCapacity(bindings.count)
                for tuple in bindings.items {
                    if case .object(let object) = tuple, let value = object["@"] { sequence.append(value) }
                }
                resultValue = .array(sequence)
            }
        }
        if expr.keepSingletonArray {
            if case .array(let array)? = resultValue {
                var target = array
                if array.isCons && !array.isSequence {
                    target = JArray.sequence([.array(array)])
                }
                target.keepSingleton = true
                resultValue = .array(target)
            }
        }
        if let group = expr.group {
            let groupInput: Value? = isTupleStream ? tupleBindings.map { .array($0) } : resultValue
            resultValue = .object(try evaluateGroup(group.pairs, position: group.position, groupInput, environment))
        }
        return resultValue
    }

    /// A path of plain steps (`$states.input.n`, `a.b`: a variable or a name, then names, no
    /// predicate, stage, group, focus, index, parent or keep-array anywhere) through objects
    /// only, walked value by value without building a sequence per step. `nil` when the path
    /// is not such a chain or meets an array before its end (or a sequence at it): the general
    /// walk then runs from the start (the first step is a lookup, so evaluating it again gives
    /// the same value). The result is the one the general walk gives once `evaluateNode`
    /// unwraps its singleton sequence: `.some(nil)` for undefined.
    private func evaluateFieldChain(_ expr: Node, _ input: Value?, _ environment: Frame) throws -> Value?? {
        guard expr.group == nil, expr.predicate == nil, !expr.keepSingletonArray, !expr.tuple,
            let first = expr.steps.first, first.isPlainStep,
            expr.steps.dropFirst().allSatisfy({ $0.type == .name && $0.isPlainStep })
        else { return nil }
        if first.type == .variable, !first.text.isEmpty, expr.steps.count > 1,
            let result = try walkUnconverted(expr, first, environment)
        {
            return result
        }
        var current: Value?
        switch first.type {
        case .variable:
            current = try evaluate(first, input, environment)
        case .name:
            if case .array? = input { return nil }
            try tick()
            guard case .object(let object)? = input else { return .some(nil) }
            current = object[first.text]
        default:
            return nil
        }
        for step in expr.steps.dropFirst() {
            switch current {
            case nil: return .some(nil)
            case .object(let object)?:
                try tick()
                current = object[step.text]
            case .array?: return nil
            default: return .some(nil)
            }
        }
        if case .array(let array)? = current, array.isSequence { return nil }
        return .some(current)
    }

    /// A field chain from a variable read through the host's bindings as they are, converting
    /// only the scalar it ends at (`$states.input.n` converts neither `$states` nor its input).
    /// `nil` when the chain meets an array or ends at an array or object:
    /// those are converted (and kept, so that every read gives the same instance) by the walk
    /// over values.
    private func walkUnconverted(_ expr: Node, _ first: Node, _ environment: Frame) throws -> Value?? {
        depth += 1
        defer { depth -= 1 }
        try checkDepth(first)
        guard var cursor = environment.peek(first.text) else { return .some(nil) }
        for step in expr.steps.dropFirst() {
            try tick()
            switch cursor {
            case .value(.object(let object)):
                guard let next = object.peek(step.text) else { return .some(nil) }
                cursor = next
            case .value(.array): return nil
            case .value: return .some(nil)
            case .host(.json(.object(let object))):
                guard let member = object[step.text] else { return .some(nil) }
                cursor = .host(.json(member))
            case .host(.object(let object)):
                // Only the variable itself can be a host object (its members are JSON).
                if let ready = object.readyMember(step.text) {
                    cursor = .host(.json(ready))
                } else {
                    // A member the host computes: the object is converted (and kept in the
                    // frame) so that the member, once computed, is kept for the evaluation.
                    guard let value = environment.lookup(first.text), case .object(let converted) = value,
                        let next = converted.peek(step.text)
                    else { return .some(nil) }
                    cursor = next
                }
            case .host(.json(.array)): return nil
            case .host(.json): return .some(nil)
            }
        }
        switch cursor {
        case .value(.array(let array)) where array.isSequence: return nil
        case .value(let value): return .some(value)
        case .host(let host) where host.isScalar: return .some(host.value)
        case .host: return nil
        }
    }

    private func frameFromTuple(_ environment: Frame, _ tuple: Value?) -> Frame {
        let frame = Frame(parent: environment)
        if case .object(let object)? = tuple {
            for (key, value) in object.entries { frame.bind(key, value) }
        }
        return frame
    }

    private func evaluateStep(_ step: Node, _ input: [Value?], _ environment: Frame, lastStep: Bool) throws -> Value? {
        if step.type == .sort {
            var result = try evaluateSort(step, .array(JArray.sequence(input.compactMap { $0 })), environment)
            if let stages = step.stages { result = try evaluateStages(stages, result, environment) }
            return result
        }
        var results: [Value] = []
        results.reserveCapacity(input.count)
        // A plain field step on an object is a dictionary lookup: no need for the general
        // evaluation (no predicate, group or keep-array on the step).
        let plainField =
            step.type == .name && step.stages == nil && step.predicate == nil && step.group == nil && !step.keepArray
        for item in input {
            try tick()
            if plainField, case .object(let object)? = item {
                if let value = object[step.text] { results.append(value) }
                continue
            }
            var value = try evaluate(step, item, environment)
            if let stages = step.stages {
                for stage in stages {
                    if case .filter(let filter) = stage.kind {
                        value = .array(try evaluateFilter(filter, value, environment))
                    }
                }
            }
            if let value { results.append(value) }
        }
        if lastStep, results.count == 1, case .array(let array) = results[0], !array.isSequence {
            return results[0]
        }
        let sequence = JArray.sequence()
        sequence.items.reserveCapacity(results.count)
        for value in results {
            if case .array(let array) = value, !array.isCons {
                sequence.items.append(contentsOf: array.items)
            } else {
                sequence.items.append(value)
            }
        }
        return .array(sequence)
    }

    private func evaluateStages(_ stages: [Stage], _ input: Value?, _ environment: Frame) throws -> Value? {
        var result = input
        for stage in stages {
            switch stage.kind {
            case .filter(let filter):
                result = .array(try evaluateFilter(filter, result, environment))
            case .index(let name):
                if case .array(let array)? = result {
                    for (offset, tuple) in array.items.enumerated() {
                        if case .object(let object) = tuple { object[name] = .number(Double(offset)) }
                    }
                }
            }
        }
        return result
    }

    private func evaluateTupleStep(
        _ step: Node, _ input: [Value?], _ tupleBindings: JArray?, _ environment: Frame
    ) throws -> JArray {
        if step.type == .sort {
            var result: Value?
            if let tupleBindings {
                result = try evaluateSort(step, .array(tupleBindings), environment)
            } else {
                let sorted = try evaluateSort(step, .array(JArray.sequence(input.compactMap { $0 })), environment)
                let stream = JArray.sequence()
                stream.tupleStream = true
                if case .array(let array)? = sorted {
                    for (offset, item) in array.items.enumerated() {
                        let tuple = JObject()
                        tuple["@"] = item
                        if let name = step.indexVariable { tuple[name] = .number(Double(offset)) }
                        stream.append(.object(tuple))
                    }
                }
                result = .array(stream)
            }
            if let stages = step.stages { result = try evaluateStages(stages, result, environment) }
            if case .array(let array)? = result {
                array.tupleStream = true
                return array
            }
            return JArray.sequence()
        }
        let result = JArray.sequence()
        result.tupleStream = true
        let bindings: [JObject]
        if let tupleBindings {
            bindings = tupleBindings.items.compactMap { if case .object(let o) = $0 { return o } else { return nil } }
        } else {
            bindings = input.map { item in
                let tuple = JObject()
                tuple["@"] = item
                return tuple
            }
        }
        for tuple in bindings {
            try tick()
            let stepEnvironment = frameFromTuple(environment, .object(tuple))
            guard let value = try evaluate(step, tuple["@"], stepEnvironment) else { continue }
            let values: [Value]
            var isTupleResult = false
            if case .array(let array) = value {
                values = array.items
                isTupleResult = array.tupleStream
            } else {
                values = [value]
            }
            for (offset, item) in values.enumerated() {
                let newTuple = tuple.copy()
                if isTupleResult {
                    if case .object(let inner) = item {
                        for (key, innerValue) in inner.entries { newTuple[key] = innerValue }
                    }
                } else {
                    if let focus = step.focus {
                        newTuple[focus] = item
                        newTuple["@"] = tuple["@"]
                    } else {
                        newTuple["@"] = item
                    }
                    if let name = step.indexVariable { newTuple[name] = .number(Double(offset)) }
                    if let ancestor = step.ancestor { newTuple[ancestor.label] = tuple["@"] }
                }
                result.append(.object(newTuple))
            }
        }
        if let stages = step.stages {
            let staged = try evaluateStages(stages, .array(result), environment)
            if case .array(let array)? = staged {
                array.tupleStream = true
                return array
            }
        }
        return result
    }

    func evaluateFilter(_ predicate: Node, _ input: Value?, _ environment: Frame) throws -> JArray {
        var results = JArray.sequence()
        let items: [Value?]
        var isTupleStream = false
        if case .array(let array)? = input {
            items = array.items.map { $0 }
            isTupleStream = array.tupleStream
        } else {
            items = [input]
        }
        results.tupleStream = isTupleStream
        if predicate.type == .number, case .number(let number)? = predicate.literal {
            var index = Int(clamping: Int64(exactly: number.rounded(.down)) ?? (number < 0 ? Int64.min : Int64.max))
            if index < 0 { index = items.count + index }
            if index >= 0 && index < items.count, let item = items[index] {
                if case .array(let array) = item {
                    results = array
                } else {
                    results.append(item)
                }
            }
            return results
        }
        for (index, item) in items.enumerated() {
            try tick()
            var context = item
            var frame = environment
            if isTupleStream {
                if case .object(let tuple)? = item { context = tuple["@"] }
                frame = frameFromTuple(environment, item)
            }
            let value = try evaluate(predicate, context, frame)
            var numbers: [Double]?
            if let value, try value.isNumeric(), case .number(let number) = value {
                numbers = [number]
            } else if case .array(let array)? = value {
                var all: [Double] = []
                var allNumeric = true
                for element in array.items {
                    if try element.isNumeric(), case .number(let number) = element {
                        all.append(number)
                    } else {
                        allNumeric = false
                        break
                    }
                }
                if allNumeric { numbers = all }
            }
            if let numbers {
                for number in numbers {
                    var position = Int(clamping: Int64(exactly: number.rounded(.down)) ?? Int64.max)
                    if position < 0 { position = items.count + position }
                    if position == index, let item { results.append(item) }
                }
            } else if truthy(value) == true, let item {
                results.append(item)
            }
        }
        return results
    }

    // MARK: - operators

    private func evaluateBinary(_ expr: Node, _ input: Value?, _ environment: Frame) throws -> Value? {
        let op = expr.binaryOperator
        let lhs = try evaluate(required(expr.lhs), input, environment)
        do {
            if op == .and || op == .or {
                let left = truthy(lhs) ?? false
                if op == .and {
                    guard left else { return .bool(false) }
                    return .bool(truthy(try evaluate(required(expr.rhs), input, environment)) ?? false)
                }
                if left { return .bool(true) }
                return .bool(truthy(try evaluate(required(expr.rhs), input, environment)) ?? false)
            }
        } catch var error as EvalError {
            error.position = expr.position
            error.token = expr.text
            throw error
        }
        let rhs = try evaluate(required(expr.rhs), input, environment)
        do {
            switch op {
            case .add, .subtract, .multiply, .divide, .modulo:
                return try arithmetic(lhs, rhs, op)
            case .equal, .notEqual:
                guard let lhs, let rhs else { return .bool(false) }
                let equal = deepEqual(lhs, rhs)
                return .bool(op == .equal ? equal : !equal)
            case .less, .lessOrEqual, .greater, .greaterOrEqual:
                return try compare(lhs, rhs, op)
            case .concatenate:
                let left = try lhs.map { try stringValue($0) } ?? ""
                let right = try rhs.map { try stringValue($0) } ?? ""
                return .string(left + right)
            case .range:
                return try range(lhs, rhs)
            case .includes:
                guard let lhs, let rhs else { return .bool(false) }
                let candidates: [Value]
                if case .array(let array) = rhs { candidates = array.items } else { candidates = [rhs] }
                return .bool(candidates.contains { strictEqual($0, lhs) })
            case .and, .or, .unknown:
                return nil
            }
        } catch var error as EvalError {
            error.position = expr.position
            error.token = expr.text
            throw error
        }
    }

    private func arithmetic(_ lhs: Value?, _ rhs: Value?, _ op: BinaryOperator) throws -> Value? {
        if let lhs, !(try lhs.isNumeric()) { throw EvalError(code: "T2001", value: lhs) }
        if let rhs, !(try rhs.isNumeric()) { throw EvalError(code: "T2002", value: rhs) }
        guard case .number(let a)? = lhs, case .number(let b)? = rhs else { return nil }
        switch op {
        case .add: return .number(a + b)
        case .subtract: return .number(a - b)
        case .multiply: return .number(a * b)
        case .divide: return .number(a / b)
        default: return .number(a.truncatingRemainder(dividingBy: b))
        }
    }

    private func compare(_ lhs: Value?, _ rhs: Value?, _ op: BinaryOperator) throws -> Value? {
        func comparable(_ value: Value?) -> Bool {
            switch value {
            case nil, .string?, .number?: return true
            default: return false
            }
        }
        func stringOrNumber(_ value: Value?) -> Bool {
            switch value {
            case .string?, .number?: return true
            default: return false
            }
        }
        if !comparable(lhs) || !comparable(rhs) {
            throw EvalError(code: "T2010", value: stringOrNumber(lhs) ? rhs : lhs, hasValue: true)
        }
        guard let lhs, let rhs else { return nil }
        let order: Int
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)):
            if a.isNaN || b.isNaN { return .bool(false) }
            order = a < b ? -1 : (a > b ? 1 : 0)
        case (.string(let a), .string(let b)):
            order = a.hasSameCodeUnits(as: b) ? 0 : (jsLess(a, b) ? -1 : 1)
        default:
            throw EvalError(code: "T2009", value: lhs, value2: rhs)
        }
        switch op {
        case .less: return .bool(order < 0)
        case .lessOrEqual: return .bool(order <= 0)
        case .greater: return .bool(order > 0)
        default: return .bool(order >= 0)
        }
    }

    private func range(_ lhs: Value?, _ rhs: Value?) throws -> Value? {
        func isInteger(_ value: Value) -> Bool {
            if case .number(let number) = value { return number.isFinite && number.rounded(.towardZero) == number }
            return false
        }
        if let lhs, !isInteger(lhs) { throw EvalError(code: "T2003", value: lhs) }
        if let rhs, !isInteger(rhs) { throw EvalError(code: "T2004", value: rhs) }
        guard case .number(let low)? = lhs, case .number(let high)? = rhs else { return nil }
        if low > high { return nil }
        let size = high - low + 1
        if size > 1e7 { throw EvalError(code: "D2014", value: .number(size)) }
        let sequence = JArray.sequence()
        sequence.items.reserveCapacity(Int(size))
        var item = low
        while item <= high {
            sequence.items.append(.number(item))
            item += 1
        }
        return .array(sequence)
    }

    /// JavaScript's `===`.
    private func strictEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x.hasSameCodeUnits(as: y)
        case (.array(let x), .array(let y)): return x === y
        case (.object(let x), .object(let y)): return x === y
        case (.function(let x), .function(let y)): return x === y
        default: return false
        }
    }

    private func evaluateUnary(_ expr: Node, _ input: Value?, _ environment: Frame) throws -> Value? {
        switch expr.text {
        case "-":
            guard let value = try evaluate(required(expr.expression), input, environment) else { return nil }
            if try value.isNumeric(), case .number(let number) = value { return .number(-number) }
            throw EvalError(code: "D1002", position: expr.position, token: "-", value: value)
        case "[":
            var result = JArray()
            for item in expr.expressions {
                guard let value = try evaluate(item, input, environment) else { continue }
                if item.text == "[" {
                    result.append(value)
                } else if case .array(let array) = value {
                    result.items.append(contentsOf: array.items)
                } else {
                    result.append(value)
                }
            }
            if expr.consArray {
                result.isCons = true
            } else {
                result = result.isCons ? result : result
            }
            return .array(result)
        case "{":
            return .object(try evaluateGroup(expr.pairs, position: expr.position, input, environment))
        default:
            return nil
        }
    }

    func lookupField(_ input: Value?, _ key: String) -> Value? {
        switch input {
        case .object(let object)?:
            return object[key]
        case .array(let array)?:
            let result = JArray.sequence()
            for item in array.items {
                guard let value = lookupField(item, key) else { continue }
                if case .array(let inner) = value {
                    result.items.append(contentsOf: inner.items)
                } else {
                    result.append(value)
                }
            }
            return .array(result)
        default:
            return nil
        }
    }

    private func evaluateWildcard(_ input: Value?) -> Value? {
        let results = JArray.sequence()
        var input = input
        if case .array(let array)? = input, array.outerWrapper, let first = array.items.first { input = first }
        let values: [Value]
        switch input {
        case .object(let object)?: values = object.entries.map(\.1)
        case .array(let array)?: values = array.items
        default: values = []
        }
        for value in values {
            if case .array = value {
                var flat: [Value] = []
                flatten(value, into: &flat)
                results.items.append(contentsOf: flat)
            } else {
                results.append(value)
            }
        }
        return .array(results)
    }

    private func flatten(_ value: Value, into out: inout [Value]) {
        if case .array(let array) = value {
            for item in array.items { flatten(item, into: &out) }
        } else {
            out.append(value)
        }
    }

    private func evaluateDescendants(_ input: Value?) -> Value? {
        guard let input else { return nil }
        let results = JArray.sequence()
        recurseDescendants(input, results)
        if results.count == 1 { return results.items[0] }
        return .array(results)
    }

    private func recurseDescendants(_ input: Value, _ results: JArray) {
        switch input {
        case .array(let array):
            for item in array.items { recurseDescendants(item, results) }
        case .object(let object):
            results.append(input)
            for (_, value) in object.entries { recurseDescendants(value, results) }
        default:
            results.append(input)
        }
    }

    private func evaluateVariable(_ name: String, _ input: Value?, _ environment: Frame) -> Value? {
        if name.isEmpty {
            if case .array(let array)? = input, array.outerWrapper { return array.items.first }
            return input
        }
        return environment.lookup(name)
    }

    // MARK: - grouping and sorting

    func evaluateGroup(
        _ pairs: [(Node, Node)], position: Int, _ input: Value?, _ environment: Frame
    ) throws -> JObject {
        let result = JObject()
        var groupKeys: [String] = []
        // `owned` marks a group whose data is an array this loop built (by `appendValues`) and no
        // one else holds yet: later items are appended to it in place, which gives the same array
        // as appending a copy each time (jsonata-js's `fn.append`) without the quadratic cost.
        var groups: [CodeUnitString: (data: Value?, index: Int, owned: Bool)] = [:]
        var reduce = false
        var items: [Value?]
        if case .array(let array)? = input {
            reduce = array.tupleStream
            items = array.items.map { $0 }
        } else {
            items = [input]
        }
        if items.isEmpty { items = [nil] }
        for item in items {
            try tick()
            let frame = reduce ? frameFromTuple(environment, item) : environment
            var context = item
            if reduce, case .object(let tuple)? = item { context = tuple["@"] }
            for (pairIndex, pair) in pairs.enumerated() {
                let key = try evaluate(pair.0, context, frame)
                guard let key else { continue }
                guard case .string(let name) = key else {
                    throw EvalError(code: "T1003", position: position, value: key)
                }
                if let existing = groups[CodeUnitString(name)] {
                    if existing.index != pairIndex {
                        throw EvalError(code: "D1009", position: position, value: key)
                    }
                    if existing.owned, case .array(let array)? = existing.data {
                        if case .array(let more)? = item {
                            array.items.append(contentsOf: more.items)
                        } else if let item {
                            array.items.append(item)
                        }
                    } else {
                        let owned = existing.data != nil && item != nil
                        groups[CodeUnitString(name)] = (appendValues(existing.data, item), pairIndex, owned)
                    }
                } else {
                    groups[CodeUnitString(name)] = (item, pairIndex, false)
                    groupKeys.append(name)
                }
            }
        }
        for key in groupKeys {
            guard let entry = groups[CodeUnitString(key)] else { continue }
            var context = entry.data
            var frame = environment
            if reduce {
                let tuple = reduceTupleStream(entry.data)
                context = tuple["@"]
                tuple["@"] = nil
                frame = frameFromTuple(environment, .object(tuple))
            }
            if let value = try evaluate(pairs[entry.index].1, context, frame) {
                result[key] = value
            }
        }
        return result
    }

    private func reduceTupleStream(_ stream: Value?) -> JObject {
        switch stream {
        case .object(let tuple)?:
            return tuple.copy()
        case .array(let array)?:
            let result = JObject()
            guard case .object(let first)? = array.items.first else { return result }
            for (key, value) in first.entries { result[key] = value }
            for tuple in array.items.dropFirst() {
                guard case .object(let object) = tuple else { continue }
                for (key, value) in object.entries { result[key] = appendValues(result[key], value) }
            }
            return result
        default:
            return JObject()
        }
    }

    private func evaluateSort(_ expr: Node, _ input: Value?, _ environment: Frame) throws -> Value? {
        guard case .array(let array)? = input else { return input }
        let isTupleSort = array.tupleStream
        let comparator: (Value, Value) throws -> Bool = { a, b in
            var comparison = 0
            for term in expr.terms where comparison == 0 {
                var context: Value? = a
                var frame = environment
                if isTupleSort, case .object(let tuple) = a {
                    context = tuple["@"]
                    frame = self.frameFromTuple(environment, a)
                }
                let aa = try self.evaluate(term.expression, context, frame)
                context = b
                frame = environment
                if isTupleSort, case .object(let tuple) = b {
                    context = tuple["@"]
                    frame = self.frameFromTuple(environment, b)
                }
                let bb = try self.evaluate(term.expression, context, frame)
                guard let aa else {
                    comparison = bb == nil ? 0 : 1
                    continue
                }
                guard let bb else {
                    comparison = -1
                    continue
                }
                func isOrderable(_ value: Value) -> Bool {
                    switch value {
                    case .string, .number: return true
                    default: return false
                    }
                }
                if !isOrderable(aa) || !isOrderable(bb) {
                    throw EvalError(code: "T2008", position: expr.position, value: isOrderable(aa) ? bb : aa)
                }
                switch (aa, bb) {
                case (.number(let x), .number(let y)):
                    comparison = x == y ? 0 : (x < y ? -1 : 1)
                case (.string(let x), .string(let y)):
                    comparison = x.hasSameCodeUnits(as: y) ? 0 : (jsLess(x, y) ? -1 : 1)
                default:
                    throw EvalError(code: "T2007", position: expr.position, value: aa, value2: bb)
                }
                if term.descending { comparison = -comparison }
            }
            return comparison == 1
        }
        if array.count <= 1 { return input }
        let sorted = try mergeSort(array.items, comparator)
        let result = JArray(sorted)
        result.tupleStream = isTupleSort
        return .array(result)
    }

    /// jsonata-js's stable merge sort; `swap(a, b)` says `b` goes before `a`.
    func mergeSort(_ items: [Value], _ swap: (Value, Value) throws -> Bool) throws -> [Value] {
        if items.count <= 1 { return items }
        let middle = items.count / 2
        let left = try mergeSort(Array(items[..<middle]), swap)
        let right = try mergeSort(Array(items[middle...]), swap)
        var merged: [Value] = []
        merged.reserveCapacity(items.count)
        var l = 0
        var r = 0
        while l < left.count && r < right.count {
            try tick()
            if try swap(left[l], right[r]) {
                merged.append(right[r])
                r += 1
            } else {
                merged.append(left[l])
                l += 1
            }
        }
        merged.append(contentsOf: left[l...])
        merged.append(contentsOf: right[r...])
        return merged
    }

    // MARK: - functions

    private func evaluateLambda(_ expr: Node, _ input: Value?, _ environment: Frame) -> Value? {
        guard let body = expr.body else { return nil }
        let lambda = FunctionValue.Lambda(
            parameters: expr.arguments.map(\.text), body: body, input: input, environment: environment,
            thunk: expr.thunk)
        return .function(FunctionValue(kind: .lambda(lambda), signature: expr.signature))
    }

    private func procedureName(_ procedure: Node) -> String? {
        let name = procedure.type == .path ? procedure.steps.first?.text : procedure.text
        return name?.isEmpty == false ? name : nil
    }

    private func evaluateFunction(
        _ expr: Node, _ input: Value?, _ environment: Frame, applyTo: Value??
    ) throws -> Value? {
        let procedure = try required(expr.procedure)
        let function = try evaluate(procedure, input, environment)
        if function == nil, procedure.type == .path, let name = procedure.steps.first?.text,
            environment.lookup(name) != nil
        {
            throw EvalError(code: "T1005", position: expr.position, token: name)
        }
        var arguments: [Value?] = []
        arguments.reserveCapacity(expr.arguments.count + 1)
        if let applyTo { arguments.append(applyTo) }
        for argument in expr.arguments {
            arguments.append(try evaluate(argument, input, environment))
        }
        let name = procedureName(procedure)
        do {
            return try apply(function, arguments, input, environment, token: name, position: expr.position)
        } catch var error as EvalError {
            if error.position == nil { error.position = expr.position }
            if error.token == nil { error.token = name }
            throw error
        }
    }

    /// Applies a function, running the trampoline for tail calls (jsonata-js `apply`).
    func apply(
        _ function: Value?, _ arguments: [Value?], _ input: Value?, _ environment: Frame,
        token: String? = nil, position: Int? = nil
    ) throws -> Value? {
        var result = try applyInner(function, arguments, input, environment, token: token, position: position)
        while case .function(let thunk)? = result, case .lambda(let lambda) = thunk.kind, lambda.thunk {
            try tick()
            guard let call = lambda.body.procedure else { break }
            let next = try evaluate(call, lambda.input, lambda.environment)
            var nextArguments: [Value?] = []
            for argument in lambda.body.arguments {
                nextArguments.append(try evaluate(argument, lambda.input, lambda.environment))
            }
            let name = call.type == .variable ? call.text : procedureName(call)
            result = try applyInner(next, nextArguments, input, environment, token: name, position: call.position)
        }
        return result
    }

    private func applyInner(
        _ function: Value?, _ arguments: [Value?], _ input: Value?, _ environment: Frame,
        token: String?, position: Int?
    ) throws -> Value? {
        do {
            guard case .function(let procedure)? = function else {
                throw EvalError(code: "T1006")
            }
            let validated = try procedure.signature?.validate(arguments, context: input) ?? arguments
            return try invoke(procedure, validated, input, environment)
        } catch var error as EvalError {
            if function != nil {
                if error.token == nil { error.token = token }
                if let position { error.position = position }
            }
            throw error
        }
    }

    private func invoke(
        _ procedure: FunctionValue, _ arguments: [Value?], _ input: Value?, _ environment: Frame
    ) throws -> Value? {
        switch procedure.kind {
        case .lambda(let lambda):
            let frame = Frame(parent: lambda.environment)
            for (index, name) in lambda.parameters.enumerated() {
                frame.bind(name, index < arguments.count ? arguments[index] : nil)
            }
            return try evaluate(lambda.body, lambda.input, frame)
        case .native(let native):
            var context = CallContext(evaluator: self, input: input, environment: environment)
            return try native.body(&context, arguments)
        case .partial(let base, let bound, let holes):
            var filled: [Value?] = []
            var next = 0
            for (index, value) in bound.enumerated() {
                if holes[index] {
                    filled.append(next < arguments.count ? arguments[next] : nil)
                    next += 1
                } else {
                    filled.append(value)
                }
            }
            if case .lambda = base.kind {
                return try invoke(base, filled, input, environment)
            }
            while let last = filled.last, last == nil { filled.removeLast() }
            return try apply(.function(base), filled, input, environment)
        }
    }

    private func evaluatePartial(_ expr: Node, _ input: Value?, _ environment: Frame) throws -> Value? {
        var arguments: [Value?] = []
        var holes: [Bool] = []
        for argument in expr.arguments {
            if argument.type == .placeholder {
                arguments.append(nil)
                holes.append(true)
            } else {
                arguments.append(try evaluate(argument, input, environment))
                holes.append(false)
            }
        }
        let procedure = try required(expr.procedure)
        let function = try evaluate(procedure, input, environment)
        if function == nil, procedure.type == .path, let name = procedure.steps.first?.text,
            environment.lookup(name) != nil
        {
            throw EvalError(code: "T1007", position: expr.position, token: name)
        }
        guard case .function(let base)? = function else {
            throw EvalError(code: "T1008", position: expr.position, token: procedureName(procedure))
        }
        if case .lambda(let lambda) = base.kind {
            // jsonata-js binds the given arguments to the lambda's parameters: parameters past
            // the arguments given are bound to undefined, arguments past the parameters dropped.
            let count = lambda.parameters.count
            while arguments.count < count {
                arguments.append(nil)
                holes.append(false)
            }
            arguments = Array(arguments.prefix(count))
            holes = Array(holes.prefix(count))
        }
        return .function(FunctionValue(kind: .partial(base: base, arguments: arguments, holes: holes), signature: nil))
    }

    private func evaluateApply(_ expr: Node, _ input: Value?, _ environment: Frame) throws -> Value? {
        let lhs = try evaluate(required(expr.lhs), input, environment)
        let rhsNode = try required(expr.rhs)
        if rhsNode.type == .function {
            return try evaluateFunction(rhsNode, input, environment, applyTo: .some(lhs))
        }
        let function = try evaluate(rhsNode, input, environment)
        guard case .function(let second)? = function else {
            throw EvalError(code: "T2006", position: expr.position, value: function, hasValue: true)
        }
        if case .function(let first)? = lhs {
            let chain = NativeFunction(name: "chain", arity: 1) { context, arguments in
                let inner = try context.evaluator.apply(
                    .function(first), [arguments.first ?? nil], nil, context.environment)
                return try context.evaluator.apply(.function(second), [inner], nil, context.environment)
            }
            return .function(FunctionValue(kind: .native(chain), signature: nil))
        }
        return try apply(function, [lhs], nil, environment)
    }

    // MARK: - regex and transform

    func regexFunction(_ program: RegexProgram, position: Int) -> FunctionValue {
        let native = NativeFunction(name: "regex", arity: 2) { context, arguments in
            guard case .string(let string)? = arguments.first ?? nil else { return nil }
            var from = 0
            if arguments.count > 1, case .number(let number)? = arguments[1] { from = max(0, clampedInt(number)) }
            return Evaluator.regexMatch(program, string as String, from: from, position: position)
        }
        return FunctionValue(kind: .native(native), signature: nil)
    }

    private func transformFunction(_ expr: Node, _ environment: Frame) -> FunctionValue {
        let native = NativeFunction(name: "transform", arity: 1) { context, arguments in
            guard let object = arguments.first ?? nil else { return nil }
            let evaluator = context.evaluator
            let clone = environment.lookup("clone")
            guard case .function? = clone else { throw EvalError(code: "T2013", position: expr.position) }
            let result = try evaluator.apply(clone, [object], nil, environment)
            let matches = try evaluator.evaluate(evaluator.required(expr.pattern), result, environment)
            guard let matches else { return result }
            let list: [Value]
            if case .array(let array) = matches { list = array.items } else { list = [matches] }
            for match in list {
                try evaluator.tick()
                let update = try evaluator.evaluate(evaluator.required(expr.update), match, environment)
                if let update {
                    guard case .object(let changes) = update else {
                        throw EvalError(code: "T2011", position: expr.update?.position, value: update)
                    }
                    if case .object(let target) = match {
                        for (key, value) in changes.entries { target[key] = value }
                    }
                }
                if let deleteNode = expr.delete,
                    let deletions = try evaluator.evaluate(deleteNode, match, environment)
                {
                    let names: [Value]
                    if case .array(let array) = deletions { names = array.items } else { names = [deletions] }
                    var keys: [String] = []
                    for name in names {
                        guard case .string(let key) = name else {
                            throw EvalError(code: "T2012", position: deleteNode.position, value: deletions)
                        }
                        keys.append(key)
                    }
                    if case .object(let target) = match {
                        for key in keys { target[key] = nil }
                    }
                }
            }
            return result
        }
        return FunctionValue(kind: .native(native), signature: try? Signature("<(oa):o>"))
    }
}
