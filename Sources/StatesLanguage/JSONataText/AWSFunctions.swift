import JSONCore
public import JSONata

/// The functions AWS Step Functions adds to JSONata 2.0.6 (`$partition`, `$range`, `$hash`,
/// `$random`, `$uuid`, `$parse`) and the built-in it removes (`$eval`). Decisions and evidence:
/// SPEC-NOTES 13.2.
///
///     let environment = JSONata.EvaluationEnvironment(
///         millis: now, random: seeded,
///         hostFunctions: AWSJSONataFunctions.hostFunctions(), deniedFunctions: AWSJSONataFunctions.denied)
///
/// Random draws (`$random()`, `$uuid()`) come from the environment's random source.
public enum AWSJSONataFunctions {
    /// Built-ins AWS does not offer: calling one fails at run time with T1006, as on AWS.
    public static let denied: Set<String> = ["eval"]

    /// The most elements `$range` builds; AWS accepts `$range(1, 360145, 1)` and refuses one more
    /// (floci docs, measured on AWS).
    public static let maximumRangeCount = 360_145

    /// The message of AWS's memory-limit error (no jsonata code: `code` is empty).
    public static let memoryLimitMessage =
        "Expression evaluation memory limit exceeded: Check for excessive memory usage"

    /// The six functions, in a fixed order.
    public static func hostFunctions() -> [JSONata.HostFunction] { functions }

    private static let functions: [JSONata.HostFunction] = {
        var list: [JSONata.HostFunction] = []
        // The signatures are constants checked by the tests; one that failed to compile would be
        // missing from the list (and the tests would say so) rather than stop the program.
        if let f = try? JSONata.HostFunction(name: "partition", signature: "<an:a>", body: partition) { list.append(f) }
        if let f = try? JSONata.HostFunction(name: "range", signature: "<nnn?:a>", body: range) { list.append(f) }
        if let f = try? JSONata.HostFunction(name: "hash", signature: "<ss?:s>", body: hash) { list.append(f) }
        if let f = try? JSONata.HostFunction(name: "random", signature: "<n?:n>", contextBody: random) {
            list.append(f)
        }
        if let f = try? JSONata.HostFunction(name: "uuid", signature: "<:s>", contextBody: uuid) { list.append(f) }
        if let f = try? JSONata.HostFunction(name: "parse", signature: "<s:x>", body: parse) { list.append(f) }
        return list
    }()

    /// `$partition(array, size)`: chunks of `size` (truncated toward zero), the last one shorter.
    /// An empty array or a size below 1 is undefined (floci docs, measured on AWS).
    static func partition(_ arguments: [JSON?]) throws(JSONataError) -> JSON? {
        guard case .array(let elements)? = arguments.first ?? nil, !elements.isEmpty,
            let size = integer(arguments, 1), size >= 1
        else { return nil }
        let step = Int(min(size, Double(elements.count)))
        return .array(
            stride(from: 0, to: elements.count, by: step).map {
                .array(Array(elements[$0..<min($0 + step, elements.count)]))
            })
    }

    /// `$range(start, end, step)`: from `start` towards `end` inclusive; a single number when one
    /// element results (AWS recorded `$range(1, 9, 9)` = `1`); undefined without a step, with a
    /// zero step or one pointing away from `end`.
    static func range(_ arguments: [JSON?]) throws(JSONataError) -> JSON? {
        guard let start = integer(arguments, 0), let end = integer(arguments, 1), let step = integer(arguments, 2),
            step != 0, (end - start).sign == step.sign || end == start
        else { return nil }
        let count = ((end - start) / step).rounded(.towardZero) + 1
        guard count <= Double(maximumRangeCount) else {
            throw JSONataError(code: "", message: memoryLimitMessage)
        }
        let values = (0..<Int(count)).map { JSON.number(JSONNumber(start + Double($0) * step)) }
        return values.count == 1 ? values[0] : .array(values)
    }

    /// `$hash(text, algorithm)`: lowercase hex digest of the UTF-8 bytes; the algorithm name as
    /// written (`MD5`, `SHA-1`, `SHA-256`, `SHA-384`, `SHA-512`); undefined without one.
    static func hash(_ arguments: [JSON?]) throws(JSONataError) -> JSON? {
        guard case .string(let text)? = arguments.first ?? nil, arguments.count > 1,
            case .string(let algorithm)? = arguments[1]
        else { return nil }
        return StatesHash.hexDigest(of: Array(text.utf8), algorithm: algorithm).map(JSON.string)
    }

    /// `$random()` from the evaluation's source; `$random(seed)` is `new java.util.Random(seed).nextDouble()`.
    static func random(_ arguments: [JSON?], _ context: JSONata.HostContext) throws(JSONataError) -> JSON? {
        guard let seed = integer(arguments, 0) else {
            return .number(JSONNumber(Double(context.nextRandomBits() >> 11) * 0x1.0p-53))
        }
        let clamped = Int64(exactly: seed) ?? (seed < 0 ? Int64.min : Int64.max)
        var generator = JavaRandom(seed: clamped)
        let high = Int64(generator.next(bits: 26))
        let low = Int64(generator.next(bits: 27))
        return .number(JSONNumber(Double((high << 27) + low) * 0x1.0p-53))
    }

    /// `$uuid()`: a version 4 UUID drawn from the evaluation's source.
    static func uuid(_ arguments: [JSON?], _ context: JSONata.HostContext) throws(JSONataError) -> JSON? {
        var source = ContextRandom(context: context)
        return .string(UUIDText.random(using: &source))
    }

    /// `$parse(text)`: JSON.parse, strict: one document, no duplicate keys, finite numbers.
    static func parse(_ arguments: [JSON?]) throws(JSONataError) -> JSON? {
        guard case .string(let text)? = arguments.first ?? nil else { return nil }
        let value: JSON
        do {
            value = try JSONReader.read(text, options: .init(recordsSourceMap: false)).value
        } catch {
            throw JSONataError(code: "D3137", message: "Invalid JSON: \(error)")
        }
        guard allNumbersFinite(value) else {
            throw JSONataError(code: "D3137", message: "Invalid JSON: a number is out of range")
        }
        return value
    }

    private static func allNumbersFinite(_ value: JSON) -> Bool {
        switch value {
        case .number(let number): number.doubleValue.isFinite
        case .array(let elements): elements.allSatisfy(allNumbersFinite)
        case .object(let object): object.values.allSatisfy(allNumbersFinite)
        default: true
        }
    }

    /// Argument `index` as a number truncated toward zero, or `nil` when absent or not finite.
    private static func integer(_ arguments: [JSON?], _ index: Int) -> Double? {
        guard arguments.indices.contains(index), case .number(let number)? = arguments[index] else { return nil }
        let value = number.doubleValue
        return value.isFinite ? value.rounded(.towardZero) : nil
    }
}

/// The evaluation's random source as a `RandomNumberGenerator`.
private struct ContextRandom: RandomNumberGenerator {
    let context: JSONata.HostContext
    mutating func next() -> UInt64 { context.nextRandomBits() }
}
