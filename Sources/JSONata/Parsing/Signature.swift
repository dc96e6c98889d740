/// A function signature such as `<s-n?:s>` (jsonata-js `src/signature.js`): which argument types a
/// function accepts, which take the context when omitted (`-`), which are optional (`?`) or
/// repeat (`+`), and the item type of arrays (`a<n>`).
final class Signature: @unchecked Sendable {
    struct Parameter {
        /// Accepted type symbols (`s n b l o a f`, `m` for missing), as a bit set.
        var symbols: SymbolSet
        var type: String
        var minimum = 1
        var maximum = 1
        var context = false
        var contextSymbols: SymbolSet = []
        var subtype: String?
    }

    let definition: String
    private(set) var parameters: [Parameter] = []

    init(_ definition: String) throws {
        self.definition = definition
        let chars = Array(definition.utf8)
        var position = 1
        func set(_ symbols: String) -> SymbolSet { SymbolSet(symbols.utf8) }
        func findClosing(_ start: Int, _ open: UInt8, _ close: UInt8) -> Int {
            var depth = 1
            var index = start
            while index < chars.count {
                index += 1
                guard index < chars.count else { break }
                if chars[index] == close {
                    depth -= 1
                    if depth == 0 { break }
                } else if chars[index] == open {
                    depth += 1
                }
            }
            return index
        }
        while position < chars.count {
            let symbol = chars[position]
            if symbol == UInt8(ascii: ":") { break }
            switch symbol {
            case UInt8(ascii: "s"), UInt8(ascii: "n"), UInt8(ascii: "b"), UInt8(ascii: "l"), UInt8(ascii: "o"):
                parameters.append(Parameter(symbols: [symbol, UInt8(ascii: "m")], type: String(UnicodeScalar(symbol))))
            case UInt8(ascii: "a"), UInt8(ascii: "x"):
                parameters.append(Parameter(symbols: set("asnblfom"), type: String(UnicodeScalar(symbol))))
            case UInt8(ascii: "f"):
                parameters.append(Parameter(symbols: set("f"), type: "f"))
            case UInt8(ascii: "j"):
                parameters.append(Parameter(symbols: set("asnblom"), type: "j"))
            case UInt8(ascii: "-"):
                if var last = parameters.popLast() {
                    last.context = true
                    last.contextSymbols = last.symbols
                    last.minimum = 0
                    parameters.append(last)
                }
            case UInt8(ascii: "?"):
                if var last = parameters.popLast() {
                    last.minimum = 0
                    parameters.append(last)
                }
            case UInt8(ascii: "+"):
                if var last = parameters.popLast() {
                    last.maximum = Int.max
                    parameters.append(last)
                }
            case UInt8(ascii: "("):
                let end = findClosing(position, UInt8(ascii: "("), UInt8(ascii: ")"))
                let choice = Array(chars[(position + 1)..<min(end, chars.count)])
                if choice.contains(UInt8(ascii: "<")) {
                    throw EvalError(
                        code: "S0402", position: position,
                        value: .string(String(decoding: choice, as: UTF8.self)))
                }
                parameters.append(
                    Parameter(
                        symbols: SymbolSet(choice).union([UInt8(ascii: "m")]),
                        type: "(" + String(decoding: choice, as: UTF8.self) + ")"))
                position = end
            case UInt8(ascii: "<"):
                guard var last = parameters.last, last.type == "a" || last.type == "f" else {
                    throw EvalError(
                        code: "S0401", position: position, value: .string(parameters.last?.type ?? ""))
                }
                let end = findClosing(position, UInt8(ascii: "<"), UInt8(ascii: ">"))
                last.subtype = String(decoding: chars[(position + 1)..<min(end, chars.count)], as: UTF8.self)
                parameters[parameters.count - 1] = last
                position = end
            default:
                break
            }
            position += 1
        }
    }

    /// Lengths matched by each parameter, greedy with backtracking as the JS regex would.
    private func match(_ symbols: [UInt8], parameterCount: Int, anchored: Bool) -> [Int]? {
        var lengths: [Int] = []
        func attempt(_ index: Int, _ offset: Int) -> Bool {
            if index == parameterCount { return !anchored || offset == symbols.count }
            let parameter = parameters[index]
            var run = 0
            while run < parameter.maximum, offset + run < symbols.count,
                parameter.symbols.contains(symbols[offset + run])
            {
                run += 1
            }
            var length = run
            while length >= parameter.minimum {
                lengths.append(length)
                if attempt(index + 1, offset + length) { return true }
                lengths.removeLast()
                length -= 1
            }
            return false
        }
        return attempt(0, 0) ? lengths : nil
    }

    /// The arguments as the function receives them: the context inserted for an omitted `-`
    /// parameter, single values wrapped for array parameters. Throws T0410, T0411 or T0412.
    func validate(_ arguments: [Value?], context: Value?) throws -> [Value?] {
        let supplied = arguments.map { $0?.signatureSymbol ?? UInt8(ascii: "m") }
        guard let lengths = match(supplied, parameterCount: parameters.count, anchored: true) else {
            var goodTo = 0
            for index in parameters.indices {
                guard let partial = match(supplied, parameterCount: index + 1, anchored: false) else { break }
                goodTo = partial.reduce(0, +)
            }
            throw EvalError(
                code: "T0410", value: goodTo < arguments.count ? arguments[goodTo] : nil, hasValue: true,
                index: goodTo + 1)
        }
        var validated: [Value?] = []
        var argumentIndex = 0
        for (index, parameter) in parameters.enumerated() {
            let length = lengths[index]
            if length == 0 {
                if parameter.context {
                    let contextSymbol = context?.signatureSymbol ?? UInt8(ascii: "m")
                    if parameter.contextSymbols.contains(contextSymbol) {
                        validated.append(context)
                    } else {
                        throw EvalError(code: "T0411", value: context, hasValue: true, index: argumentIndex + 1)
                    }
                } else {
                    validated.append(argumentIndex < arguments.count ? arguments[argumentIndex] : nil)
                    argumentIndex += 1
                }
                continue
            }
            // jsonata-js 2.0.6 passes the parameter's first argument for every repetition of a
            // `+` parameter that is not an array type (fixed in 2.1.1, PR #760); AWS runs 2.0.6.
            let firstArgument = argumentIndex < arguments.count ? arguments[argumentIndex] : nil
            for _ in 0..<length {
                let argument = argumentIndex < arguments.count ? arguments[argumentIndex] : nil
                if parameter.type == "a" {
                    guard let argument else {
                        validated.append(nil)
                        argumentIndex += 1
                        continue
                    }
                    if let subtype = parameter.subtype {
                        var ok = true
                        if case .array(let array) = argument {
                            if let first = array.items.first {
                                let itemType = first.signatureSymbol
                                if itemType != subtype.utf8.first {
                                    ok = false
                                } else {
                                    ok = array.items.allSatisfy { $0.signatureSymbol == itemType }
                                }
                            }
                        } else {
                            ok = String(UnicodeScalar(argument.signatureSymbol)) == subtype
                        }
                        if !ok {
                            let names = [
                                "a": "arrays", "b": "booleans", "f": "functions", "n": "numbers", "o": "objects",
                                "s": "strings",
                            ]
                            throw EvalError(
                                code: "T0412", value: argument, index: argumentIndex + 1,
                                extra: ["type": jsonStringLiteral(names[subtype] ?? subtype)])
                        }
                    }
                    if case .array = argument {
                        validated.append(argument)
                    } else {
                        validated.append(.array(JArray([argument])))
                    }
                } else {
                    validated.append(firstArgument)
                }
                argumentIndex += 1
            }
        }
        return validated
    }
}

/// A set of signature type symbols (lowercase ASCII letters) as a 32-bit mask.
struct SymbolSet: ExpressibleByArrayLiteral {
    private var mask: UInt32 = 0

    init<S: Sequence>(_ symbols: S) where S.Element == UInt8 {
        for symbol in symbols { insert(symbol) }
    }

    init(arrayLiteral elements: UInt8...) {
        self.init(elements)
    }

    mutating func insert(_ symbol: UInt8) {
        guard symbol >= UInt8(ascii: "a"), symbol <= UInt8(ascii: "z") else { return }
        mask |= 1 << UInt32(symbol - UInt8(ascii: "a"))
    }

    func contains(_ symbol: UInt8) -> Bool {
        guard symbol >= UInt8(ascii: "a"), symbol <= UInt8(ascii: "z") else { return false }
        return mask & (1 << UInt32(symbol - UInt8(ascii: "a"))) != 0
    }

    func union(_ other: SymbolSet) -> SymbolSet {
        var result = self
        result.mask |= other.mask
        return result
    }
}
