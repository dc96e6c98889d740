import Foundation

/// The standard function library of jsonata-js 2.0.6 (`src/functions.js`), bound in one frame
/// built once and shared (it is never mutated after it is built).
enum Builtins {
    nonisolated(unsafe) static let frame: Frame = {
        let frame = Frame(parent: nil)
        for function in all { frame.bind(function.name, .function(function.value)) }
        return frame
    }()

    struct Definition {
        var name: String
        var value: FunctionValue
    }

    static func define(
        _ name: String, _ signature: String, arity: Int, _ body: @escaping NativeFunction.Body
    ) -> Definition {
        let parsed: Signature?
        do { parsed = try Signature(signature) } catch { parsed = nil }
        return Definition(
            name: name,
            value: FunctionValue(kind: .native(NativeFunction(name: name, arity: arity, body: body)), signature: parsed)
        )
    }

    static var all: [Definition] {
        aggregation + strings + numbers + booleans + arrays + objects + higherOrder + regexAndUrl + pictureFunctions
            + misc
    }
}

// MARK: - helpers

/// `fn.string` without prettify: strings as they are, functions as `""`, the rest as JSON
/// with numbers at 15 significant digits.
func stringValue(_ value: Value, pretty: Bool = false) throws -> String {
    switch value {
    case .string(let string): return string
    case .function: return ""
    case .number(let number) where !number.isFinite:
        throw EvalError(code: "D3001", value: value)
    case .array(let array) where array.outerWrapper && !array.isEmpty:
        return try stringify(array.items[0], pretty: pretty, precision15: true)
    default:
        return try stringify(value, pretty: pretty, precision15: true)
    }
}

extension Array where Element == Value? {
    func argument(_ index: Int) -> Value? { index < count ? self[index] : nil }
    func string(_ index: Int) -> String? {
        if case .string(let value)? = argument(index) { return value }
        return nil
    }
    func number(_ index: Int) -> Double? {
        if case .number(let value)? = argument(index) { return value }
        return nil
    }
    func array(_ index: Int) -> JArray? {
        if case .array(let value)? = argument(index) { return value }
        return nil
    }
}

/// jsonata-js `hofFuncArgs`: as many of (value, index, collection) as the function declares.
func higherOrderArguments(_ function: Value, _ first: Value?, _ second: Value?, _ third: Value?) -> [Value?] {
    var arguments: [Value?] = [first]
    let arity: Int
    if case .function(let procedure) = function { arity = procedure.arity } else { arity = 0 }
    if arity >= 2 { arguments.append(second) }
    if arity >= 3 { arguments.append(third) }
    return arguments
}

func numericItems(_ array: JArray?) -> [Double] {
    guard let array else { return [] }
    return array.items.compactMap { if case .number(let number) = $0 { return number } else { return nil } }
}

// MARK: - aggregation

extension Builtins {
    static var aggregation: [Definition] {
        [
            define("sum", "<a<n>:n>", arity: 1) { _, args in
                guard let array = args.array(0) else { return nil }
                return .number(numericItems(array).reduce(0, +))
            },
            define("count", "<a:n>", arity: 1) { _, args in
                .number(Double(args.array(0)?.count ?? 0))
            },
            define("max", "<a<n>:n>", arity: 1) { _, args in
                let values = numericItems(args.array(0))
                guard !values.isEmpty else { return nil }
                return .number(values.max() ?? 0)
            },
            define("min", "<a<n>:n>", arity: 1) { _, args in
                let values = numericItems(args.array(0))
                guard !values.isEmpty else { return nil }
                return .number(values.min() ?? 0)
            },
            define("average", "<a<n>:n>", arity: 1) { _, args in
                let values = numericItems(args.array(0))
                guard !values.isEmpty else { return nil }
                return .number(values.reduce(0, +) / Double(values.count))
            },
        ]
    }
}

// MARK: - strings

extension Builtins {
    static var strings: [Definition] {
        [
            define("string", "<x-b?:s>", arity: 1) { _, args in
                guard let value = args.argument(0) else { return nil }
                var pretty = false
                if case .bool(let flag)? = args.argument(1) { pretty = flag }
                return .string(try stringValue(value, pretty: pretty))
            },
            define("substring", "<s-nn?:s>", arity: 3) { _, args in
                guard let string = args.string(0) else { return nil }
                return .string(substring(string, args.number(1) ?? 0, args.number(2)))
            },
            define("substringBefore", "<s-s:s>", arity: 2) { _, args in
                guard let string = args.string(0) else { return nil }
                guard let chars = args.string(1) else { return .string(string) }
                if chars.isEmpty { return .string("") }
                let text = CodeUnitText(string)
                guard let found = text.firstOffset(of: Array(chars.utf8)) else { return .string(string) }
                return .string(text.text(0, found))
            },
            define("substringAfter", "<s-s:s>", arity: 2) { _, args in
                guard let string = args.string(0) else { return nil }
                guard let chars = args.string(1) else { return .string(string) }
                if chars.isEmpty { return .string(string) }
                let text = CodeUnitText(string)
                let needle = Array(chars.utf8)
                guard let found = text.firstOffset(of: needle) else { return .string(string) }
                return .string(text.text(found + needle.count, text.bytes.count))
            },
            define("lowercase", "<s-:s>", arity: 1) { _, args in
                args.string(0).map { .string($0.lowercased()) }
            },
            define("uppercase", "<s-:s>", arity: 1) { _, args in
                args.string(0).map { .string($0.uppercased()) }
            },
            define("length", "<s-:n>", arity: 1) { _, args in
                args.string(0).map { .number(Double($0.unicodeScalars.count)) }
            },
            define("trim", "<s-:s>", arity: 1) { _, args in
                args.string(0).map { .string(trim($0)) }
            },
            define("pad", "<s-ns?:s>", arity: 3) { _, args in
                guard let string = args.string(0) else { return nil }
                let width = args.number(1) ?? 0
                if abs(width) > 1e7 {
                    throw EvalError(code: "U1002", token: "pad", value: .number(width))
                }
                return .string(pad(string, width, args.string(2)))
            },
            define("join", "<a<s>s?:s>", arity: 2) { _, args in
                guard let array = args.array(0) else { return nil }
                let separator = args.string(1) ?? ""
                return .string(array.items.compactMap(\.stringValue).joined(separator: separator))
            },
        ]
    }

    static func substring(_ string: String, _ start: Double, _ length: Double?) -> String {
        let scalars = Array(string.unicodeScalars)
        let count = Double(scalars.count)
        var start = start
        if count + start < 0 { start = 0 }
        func slice(_ from: Double, _ to: Double) -> String {
            // JavaScript's Array.prototype.slice with negative indices counted from the end.
            func clamp(_ index: Double) -> Int {
                if index.isNaN { return 0 }
                let relative =
                    index < 0 ? max(count + index.rounded(.towardZero), 0) : min(index.rounded(.towardZero), count)
                return Int(relative)
            }
            let lower = clamp(from)
            let upper = clamp(to)
            guard lower < upper else { return "" }
            var result = String.UnicodeScalarView()
            result.append(contentsOf: scalars[lower..<upper])
            return String(result)
        }
        if let length {
            if length <= 0 { return "" }
            let end = start >= 0 ? start + length : count + start + length
            return slice(start, end)
        }
        return slice(start, count)
    }

    static func trim(_ string: String) -> String {
        var result = ""
        var inSpace = false
        for scalar in string.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                inSpace = true
            } else {
                if inSpace { result += " " }
                inSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        if inSpace { result += " " }
        if result.hasPrefix(" ") { result.removeFirst() }
        if result.hasSuffix(" ") { result.removeLast() }
        return result
    }

    static func pad(_ string: String, _ width: Double, _ character: String?) -> String {
        var character = character ?? " "
        if character.isEmpty { character = " " }
        let length = string.unicodeScalars.count
        let target = abs(width).rounded(.towardZero)
        let padLength = Int(target) - length
        guard padLength > 0 else { return string }
        var padding = String(repeating: character, count: padLength)
        if character.unicodeScalars.count > 1 {
            padding = substring(padding, 0, Double(padLength))
        }
        return width > 0 ? string + padding : padding + string
    }
}

// MARK: - numbers

extension Builtins {
    static var numbers: [Definition] {
        [
            define("number", "<(nsb)-:n>", arity: 1) { _, args in
                guard let value = args.argument(0) else { return nil }
                return .number(try toNumber(value))
            },
            define("floor", "<n-:n>", arity: 1) { _, args in args.number(0).map { .number($0.rounded(.down)) } },
            define("ceil", "<n-:n>", arity: 1) { _, args in args.number(0).map { .number($0.rounded(.up)) } },
            define("abs", "<n-:n>", arity: 1) { _, args in args.number(0).map { .number(abs($0)) } },
            define("round", "<n-n?:n>", arity: 2) { _, args in
                guard let value = args.number(0) else { return nil }
                return .number(round(value, max(-400, min(400, clampedInt(args.number(1) ?? 0)))))
            },
            define("sqrt", "<n-:n>", arity: 1) { _, args in
                guard let value = args.number(0) else { return nil }
                if value < 0 { throw EvalError(code: "D3060", value: .number(value), index: 1) }
                return .number(value.squareRoot())
            },
            define("power", "<n-n:n>", arity: 2) { _, args in
                guard let base = args.number(0) else { return nil }
                let exponent = args.number(1) ?? .nan
                let result = jsPow(base, exponent)
                if !result.isFinite {
                    throw EvalError(
                        code: "D3061", value: .number(base), index: 1, extra: ["exp": jsNumberString(exponent)])
                }
                return .number(result)
            },
            define("random", "<:n>", arity: 0) { context, _ in
                .number(context.evaluator.nextRandom())
            },
            define("formatBase", "<n-n?:s>", arity: 2) { _, args in
                guard let value = args.number(0) else { return nil }
                let radix = args.number(1).map { round($0, 0) } ?? 10
                if radix < 2 || radix > 36 { throw EvalError(code: "D3100", value: .number(radix)) }
                return .string(formatBase(round(value, 0), Int(radix)))
            },
        ]
    }

    static func toNumber(_ value: Value) throws -> Double {
        switch value {
        case .number(let number): return number
        case .bool(let bool): return bool ? 1 : 0
        case .string(let string):
            if isDecimalLiteral(string), let number = Double(string), number.isFinite { return number }
            if let number = prefixedInteger(string) { return number }
            throw EvalError(code: "D3030", value: value, index: 1)
        default:
            throw EvalError(code: "D3030", value: value, index: 1)
        }
    }

    /// `^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$`
    static func isDecimalLiteral(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digits() > 0 else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }

    /// `0x…`, `0o…`, `0b…` as JavaScript's `Number()` reads them.
    static func prefixedInteger(_ string: String) -> Double? {
        guard string.utf8.count > 2, string.hasPrefix("0") else { return nil }
        let marker = string[string.index(after: string.startIndex)]
        let radix: Int
        switch marker {
        case "x", "X": radix = 16
        case "o", "O": radix = 8
        case "b", "B": radix = 2
        default: return nil
        }
        var result = 0.0
        for character in string.dropFirst(2) {
            guard let digit = character.hexDigitValue, digit < radix else { return nil }
            result = result * Double(radix) + Double(digit)
        }
        return result
    }

    /// jsonata-js `round`: half to even, at `precision` decimal places (shifting through the
    /// decimal exponent text as jsonata-js does to avoid binary error).
    static func round(_ value: Double, _ precision: Int) -> Double {
        var argument = value
        if precision != 0 {
            argument = shift(value, by: precision)
        }
        var result = (argument + 0.5).rounded(.down)
        let difference = result - argument
        if abs(difference) == 0.5 && abs(result.truncatingRemainder(dividingBy: 2)) == 1 {
            result -= 1
        }
        if precision != 0 {
            result = shift(result, by: -precision)
        }
        if result == 0 { result = 0 }
        return result
    }

    private static func shift(_ value: Double, by places: Int) -> Double {
        let text = jsNumberString(value)
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count > 1 ? (Int(parts[1]) ?? 0) + places : places
        return Double("\(parts[0])e\(exponent)") ?? value
    }

    /// JavaScript's `Math.pow`.
    static func jsPow(_ base: Double, _ exponent: Double) -> Double {
        if exponent.isNaN { return .nan }
        if exponent == 0 { return 1 }
        if (base == 1 || base == -1) && exponent.isInfinite { return .nan }
        return pow(base, exponent)
    }

    /// `Number.prototype.toString(radix)` for an integral value.
    static func formatBase(_ value: Double, _ radix: Int) -> String {
        if value == 0 { return "0" }
        let negative = value < 0
        var magnitude = abs(value)
        var digits: [Character] = []
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        while magnitude >= 1 {
            let digit = Int(magnitude.truncatingRemainder(dividingBy: Double(radix)))
            digits.append(alphabet[digit])
            magnitude = (magnitude / Double(radix)).rounded(.down)
        }
        return (negative ? "-" : "") + String(digits.reversed())
    }
}

// MARK: - booleans and types

extension Builtins {
    static var booleans: [Definition] {
        [
            define("boolean", "<x-:b>", arity: 1) { _, args in
                truthy(args.argument(0)).map { .bool($0) }
            },
            define("not", "<x-:b>", arity: 1) { _, args in
                truthy(args.argument(0)).map { .bool(!$0) }
            },
            define("exists", "<x:b>", arity: 1) { _, args in
                .bool(args.argument(0) != nil)
            },
            define("type", "<x:s>", arity: 1) { _, args in
                guard let value = args.argument(0) else { return nil }
                switch value {
                case .null: return .string("null")
                case .number: return .string("number")
                case .string: return .string("string")
                case .bool: return .string("boolean")
                case .array: return .string("array")
                case .function: return .string("function")
                case .object: return .string("object")
                }
            },
        ]
    }
}
