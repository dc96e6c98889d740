import JSONCore

/// A value during evaluation: JSON plus functions, with JavaScript's reference semantics for
/// arrays and objects (jsonata-js mutates both in place: sequences are built by appending, the
/// transform operator updates a clone). `undefined` is Swift's `nil` (`Value?`).
enum Value {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array(JArray)
    case object(JObject)
    case function(FunctionValue)

    var isArray: Bool {
        if case .array = self { return true }
        return false
    }

    var isFunction: Bool {
        if case .function = self { return true }
        return false
    }

    var arrayValue: JArray? {
        if case .array(let array) = self { return array }
        return nil
    }

    var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    var numberValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// jsonata-js's signature symbol for the value's type.
    var signatureSymbol: UInt8 {
        switch self {
        case .null: UInt8(ascii: "l")
        case .bool: UInt8(ascii: "b")
        case .number: UInt8(ascii: "n")
        case .string: UInt8(ascii: "s")
        case .array: UInt8(ascii: "a")
        case .object: UInt8(ascii: "o")
        case .function: UInt8(ascii: "f")
        }
    }
}

/// A JavaScript array with the flags jsonata-js puts on it.
final class JArray {
    var items: [Value]
    /// A result sequence (jsonata-js `createSequence`): flattened, and a singleton unwraps.
    var isSequence: Bool
    /// A singleton sequence that must stay an array (the `[]` keep-array operator).
    var keepSingleton = false
    /// The input array the expression was given, wrapped so that `$` is the array itself.
    var outerWrapper = false
    /// Built by an array constructor: a path step keeps it as one value.
    var isCons = false
    /// A stream of tuples (objects holding `@` and the step's bindings).
    var tupleStream = false

    init(_ items: [Value] = [], sequence: Bool = false) {
        self.items = items
        self.isSequence = sequence
    }

    static func sequence(_ items: [Value] = []) -> JArray { JArray(items, sequence: true) }

    var count: Int { items.count }
    var isEmpty: Bool { items.isEmpty }
    func append(_ value: Value) { items.append(value) }
}

/// A function value: a lambda, a built-in, a host function, a regex matcher, a partial
/// application or a transform.
final class FunctionValue {
    enum Kind {
        case lambda(Lambda)
        case native(NativeFunction)
        case partial(base: FunctionValue, arguments: [Value?], holes: [Bool])
    }

    struct Lambda {
        var parameters: [String]
        var body: Node
        var input: Value?
        var environment: Frame
        var thunk: Bool
    }

    let kind: Kind
    let signature: Signature?

    init(kind: Kind, signature: Signature?) {
        self.kind = kind
        self.signature = signature
    }

    /// What jsonata-js's `getFunctionArity` gives: the declared parameter count.
    var arity: Int {
        switch kind {
        case .lambda(let lambda): lambda.parameters.count
        case .native(let native): native.arity
        case .partial(_, _, let holes): holes.filter { $0 }.count
        }
    }

    var isThunk: Bool {
        if case .lambda(let lambda) = kind { return lambda.thunk }
        return false
    }
}

/// A function implemented in Swift.
struct NativeFunction {
    typealias Body = (_ context: inout CallContext, _ arguments: [Value?]) throws -> Value?
    var name: String
    /// JavaScript's `Function.length` of jsonata-js's implementation (what the higher-order
    /// functions use to decide how many arguments to pass).
    var arity: Int
    var body: Body
}

/// What a native function sees besides its arguments.
struct CallContext {
    let evaluator: Evaluator
    let input: Value?
    let environment: Frame
}

// MARK: - Sequences and helpers shared by the evaluator and the functions

extension Value {
    /// jsonata-js `isNumeric`: a number that is not NaN; infinity is an error.
    func isNumeric() throws -> Bool {
        guard case .number(let number) = self else { return false }
        if number.isNaN { return false }
        if !number.isFinite { throw EvalError(code: "D1001", value: self) }
        return true
    }
}

/// jsonata-js `fn.append`.
func appendValues(_ first: Value?, _ second: Value?) -> Value? {
    guard let first else { return second }
    guard let second else { return first }
    let result: JArray
    if case .array(let array) = first {
        result = JArray(array.items, sequence: array.isSequence)
    } else {
        result = JArray.sequence([first])
    }
    if case .array(let array) = second {
        result.items.append(contentsOf: array.items)
    } else {
        result.items.append(second)
    }
    return .array(result)
}

/// jsonata-js `fn.boolean`.
func truthy(_ value: Value?) -> Bool? {
    guard let value else { return nil }
    switch value {
    case .null: return false
    case .bool(let bool): return bool
    case .number(let number): return number != 0 && !number.isNaN
    case .string(let string): return !string.isEmpty
    case .object(let object): return !object.isEmpty
    case .function: return false
    case .array(let array):
        if array.count == 1 { return truthy(array.items[0]) }
        return array.items.contains { truthy($0) == true }
    }
}

/// jsonata-js `isDeepEqual`.
func deepEqual(_ lhs: Value, _ rhs: Value) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a.hasSameCodeUnits(as: b)
    case (.array(let a), .array(let b)):
        if a === b { return true }
        guard a.count == b.count else { return false }
        for index in a.items.indices where !deepEqual(a.items[index], b.items[index]) { return false }
        return true
    case (.object(let a), .object(let b)):
        if a === b { return true }
        guard a.count == b.count else { return false }
        for (key, value) in a.entries {
            guard let other = b[key], deepEqual(value, other) else { return false }
        }
        return true
    case (.function(let a), .function(let b)): return a === b
    default: return false
    }
}

/// JavaScript's `<` on strings: UTF-16 code unit order.
func jsLess(_ lhs: String, _ rhs: String) -> Bool {
    var left = lhs.utf16.makeIterator()
    var right = rhs.utf16.makeIterator()
    while true {
        switch (left.next(), right.next()) {
        case (nil, nil): return false
        case (nil, _): return true
        case (_, nil): return false
        case (let a?, let b?):
            if a != b { return a < b }
        }
    }
}

/// A double as an `Int` without trapping: NaN is 0, magnitudes past ±2^53 are clamped.
func clampedInt(_ value: Double) -> Int {
    if value.isNaN { return 0 }
    return Int(max(min(value, 9_007_199_254_740_992), -9_007_199_254_740_992))
}

extension String {
    /// JavaScript's `length`.
    var jsLength: Int { utf16.count }
}
