import JSONCore
import StatesLanguage

/// A Jayway path function at the end of a path, with Jayway's results.
///
///     $.a.length()        [1, 2, 3] → 3; an object → its member count; anything else → null
///     $.a.sum()           [1, 2, "x", 3] → 6.0 (non-numbers skipped; a Java double)
///     $.a.avg() min() max() stddev()   doubles; an empty array throws
///     $.a.max()           [-1, -2] → 4.9E-324 (Jayway starts from Double.MIN_VALUE)
///     $.a.keys()          {"x": 1, "y": 2} → ["x", "y"]; not an object → null
///     $.a.concat("-", $.b)  the array's strings, then the arguments, as one string
///     $.a.append(4)       [1, 2, 3] → [1, 2, 3, 4]
///     $.a.first() last() index(1)   an element; last() of a one-element array throws (Jayway)
///     $..price.sum()      a path starting with `..` aggregates every match
///
/// Arguments are JSON literals (`"text"`, `1`, `[1, 2]`) or paths (`$…`, `@…`, evaluated against
/// the document). Source: Jayway JsonPath 2.x `com.jayway.jsonpath.internal.function.*`.
struct PathFunctionCall {
    enum Parameter {
        case path(Path)
        case json(JSON)
    }

    let name: String
    let parameters: [Parameter]

    /// Parses the argument text the path parser kept.
    init(name: String, arguments: String) throws(PathEvaluationError) {
        self.name = name
        var parsed: [Parameter] = []
        for text in Self.split(arguments) {
            if let first = text.first, first == "$" || first == "@" {
                do {
                    parsed.append(.path(try Path.parse("$" + text.dropFirst())))
                } catch {
                    throw PathEvaluationError(
                        kind: .invalidPath, message: "Invalid path argument '\(text)' to \(name)(): \(error.message)")
                }
            } else {
                do {
                    parsed.append(.json(try JSONReader.read(text).value))
                } catch {
                    throw PathEvaluationError(
                        kind: .functionFailed, message: "Invalid JSON argument '\(text)' to \(name)()")
                }
            }
        }
        parameters = parsed
    }

    /// Splits at commas outside quotes, brackets, braces and parentheses; trims blanks.
    static func split(_ text: String) -> [String] {
        var parts: [String] = []
        var current: [UInt8] = []
        var depth = 0
        var quote: UInt8?
        var escaped = false
        for byte in text.utf8 {
            if let open = quote {
                current.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == open {
                    quote = nil
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            case UInt8(ascii: ","):
                if depth == 0 {
                    parts.append(String(decoding: current, as: UTF8.self))
                    current = []
                    continue
                }
            default: break
            }
            current.append(byte)
        }
        let last = String(decoding: current, as: UTF8.self)
        if !parts.isEmpty || !last.allSatisfy(\.isWhitespace) { parts.append(last) }
        return parts.map { $0.trimmingBlanks() }
    }

    // MARK: Invocation

    /// Applies the function to `model` (the value the path selected before it).
    func invoke(on model: JSON, walker: PathWalker, variables: (String) -> JSON?) throws(PathEvaluationError) -> JSON {
        var values: [JSON] = []
        for parameter in parameters {
            switch parameter {
            case .json(let value): values.append(value)
            case .path(let path):
                let root = try PathEvaluator.root(
                    of: path, input: walker.document, context: walker.context, variables: variables)
                values.append(
                    try PathEvaluator.evaluate(
                        path.segments, on: root, source: path.source, input: walker.input, context: walker.context,
                        variables: variables, mode: .jayway))
            }
        }
        if name == "length", let first = values.first {
            return Self.length(of: first)
        }
        return try apply(to: model, values)
    }

    /// `$..x.fn()`: Jayway applies `fn` to the document with `$..x`'s matches as its only argument.
    func invokeInverted(
        on document: JSON, scanned: JSON, scanSegments: [PathSegment], walker: PathWalker,
        variables: (String) -> JSON?
    ) throws(PathEvaluationError) -> JSON {
        if name == "length" {
            // Jayway `Length`: appends a wildcard to the argument path and counts what it selects.
            var children = PathWalker(
                segments: scanSegments + [.wildcard], document: document, input: walker.input, context: walker.context,
                mode: walker.mode, requireProperties: false)
            guard case .array(let matches) = try children.run(variables: variables) else { return .null }
            return .number(JSONNumber(matches.count))
        }
        return try apply(to: document, [scanned])
    }

    static func length(of value: JSON) -> JSON {
        switch value {
        case .array(let elements): .number(JSONNumber(elements.count))
        case .object(let object): .number(JSONNumber(object.count))
        default: .null
        }
    }

    func apply(to model: JSON, _ values: [JSON]) throws(PathEvaluationError) -> JSON {
        switch name {
        case "length":
            return Self.length(of: model)
        case "sum", "avg", "min", "max", "stddev":
            return try aggregate(model, values)
        case "keys":
            guard case .object(let object) = model else { return .null }
            return .array(object.keys.map(JSON.string))
        case "concat":
            var text = ""
            if case .array(let elements) = model {
                for case .string(let element) in elements { text += element }
            }
            for value in values {
                if case .array(let elements) = value {
                    for element in elements where !element.isNull {
                        if case .string(let string) = element {
                            text += string
                        } else {
                            text += JavaText.modelText(element)
                        }
                    }
                } else if case .string(let string) = value {
                    text += string
                }
            }
            return .string(text)
        case "append":
            guard case .array(var elements) = model else { return model }
            elements.append(contentsOf: values)
            return .array(elements)
        case "first":
            return try sequenceElement(model, target: 0)
        case "last":
            return try sequenceElement(model, target: -1)
        case "index":
            let target = Self.numbers(in: values).first.map { JavaNarrowing.int($0.doubleValue) } ?? 0
            return try sequenceElement(model, target: target)
        default:
            throw PathEvaluationError(kind: .functionFailed, message: "Function with name: \(name) does not exist.")
        }
    }

    /// Jayway `Parameter.toList(Number.class, …)`: numbers, and the numbers inside arrays.
    static func numbers(in values: [JSON]) -> [JSONNumber] {
        var found: [JSONNumber] = []
        for value in values {
            switch value {
            case .number(let number): found.append(number)
            case .array(let elements):
                for case .number(let number) in elements { found.append(number) }
            default: break
            }
        }
        return found
    }

    /// Jayway `AbstractAggregation` and its subclasses, in Java `double` arithmetic.
    func aggregate(_ model: JSON, _ values: [JSON]) throws(PathEvaluationError) -> JSON {
        var numbers: [Double] = []
        if case .array(let elements) = model {
            for case .number(let number) in elements { numbers.append(number.doubleValue) }
        }
        numbers.append(contentsOf: Self.numbers(in: values).map(\.doubleValue))
        guard !numbers.isEmpty else {
            throw PathEvaluationError(
                kind: .functionFailed, message: "Aggregation function attempted to calculate value using empty array")
        }
        let result: Double
        switch name {
        case "sum":
            result = numbers.reduce(0, +)
        case "avg":
            result = numbers.reduce(0, +) / Double(numbers.count)
        case "min":
            result = numbers.reduce(Double.greatestFiniteMagnitude) { $0 > $1 ? $1 : $0 }
        case "max":
            result = numbers.reduce(Double.leastNonzeroMagnitude) { $0 < $1 ? $1 : $0 }
        default:
            var sum = 0.0
            var squares = 0.0
            for number in numbers {
                sum += number
                squares += number * number
            }
            let count = Double(numbers.count)
            result = (squares / count - sum * sum / count / count).squareRoot()
        }
        guard result.isFinite else { return .null }
        return .number(JSONNumber(uncheckedText: JavaText.double(result), isInteger: false))
    }

    /// Jayway `AbstractSequenceAggregation` (`first`, `last`, `index`).
    func sequenceElement(_ model: JSON, target: Int) throws(PathEvaluationError) -> JSON {
        guard case .array(let elements) = model else {
            throw PathEvaluationError(kind: .functionFailed, message: "Invalid json array")
        }
        if target >= 0 {
            guard target < elements.count else {
                throw PathEvaluationError(
                    kind: .functionFailed, message: "Index \(target) out of bounds for length \(elements.count)")
            }
            return elements[target]
        }
        let real = elements.count + target
        guard real > 0 else {
            throw PathEvaluationError(
                kind: .functionFailed,
                message: "Target index:\(target) larger than object count:\(elements.count)")
        }
        return elements[real]
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
