import Foundation

// Regex-driven string functions, URL and base64 encoding, errors, eval and clone.

extension Builtins {
    /// jsonata-js `evaluateMatcher`: calls the matcher and checks the shape of what it returns.
    static func runMatcher(_ matcher: Value?, _ arguments: [Value?], _ context: CallContext) throws -> JObject? {
        let result = try context.evaluator.apply(matcher, arguments, nil, context.environment)
        guard let result else { return nil }
        guard case .object(let object) = result,
            object["start"]?.numberValue != nil || object["groups"]?.isArray == true
                || object["next"]?.isFunction == true
        else {
            if case .object(let object) = result { return object }
            throw EvalError(code: "T1010")
        }
        return object
    }

    /// Match records as jsonata-js's matcher protocol gives them.
    struct MatchRecord {
        var match: String
        var start: Int
        var end: Int
        var groups: [String]
        var next: Value?
        init(_ object: JObject) {
            match = object["match"]?.stringValue ?? ""
            start = clampedInt(object["start"]?.numberValue ?? 0)
            end = clampedInt(object["end"]?.numberValue ?? Double(start + match.utf16.count))
            groups = object["groups"]?.arrayValue?.items.map { $0.stringValue ?? "" } ?? []
            next = object["next"]
        }
    }

    static var regexAndUrl: [Definition] {
        [
            define("contains", "<s-(sf):b>", arity: 2) { context, args in
                guard let string = args.string(0) else { return nil }
                if let token = args.string(1) {
                    return .bool(token.isEmpty || CodeUnitText(string).firstOffset(of: Array(token.utf8)) != nil)
                }
                return .bool(try runMatcher(args.argument(1), [.string(string)], context) != nil)
            },
            define("match", "<s-f<s:o>n?:a<o>>", arity: 3) { context, args in
                guard let string = args.string(0) else { return nil }
                let limit = args.number(2)
                if let limit, limit < 0 { throw EvalError(code: "D3040", value: .number(limit), index: 3) }
                let result = JArray.sequence()
                if limit == nil || limit! > 0 {
                    var count = 0.0
                    var found = try runMatcher(args.argument(1), [.string(string)], context)
                    while let object = found, limit == nil || count < limit! {
                        try context.evaluator.tick()
                        let record = MatchRecord(object)
                        let item = JObject()
                        item["match"] = .string(record.match)
                        item["index"] = .number(Double(record.start))
                        item["groups"] = .array(JArray(record.groups.map { .string($0) }))
                        result.append(.object(item))
                        found = try runMatcher(record.next, [], context)
                        count += 1
                    }
                }
                return .array(result)
            },
            define("replace", "<s-(sf)(sf)n?:s>", arity: 4) { context, args in
                guard let string = args.string(0) else { return nil }
                let pattern = args.argument(1)
                if case .string("")? = pattern {
                    throw EvalError(code: "D3010", value: .string(""), index: 2)
                }
                let limit = args.number(3)
                if let limit, limit < 0 { throw EvalError(code: "D3011", value: .number(limit), index: 4) }
                if let limit, limit <= 0 { return .string(string) }
                let replacement = args.argument(2)
                if case .string(let literal)? = pattern {
                    var result = ""
                    let text = CodeUnitText(string)
                    let needle = Array(literal.utf8)
                    var start = 0
                    var count = 0.0
                    let replacementText = replacement?.stringValue ?? ""
                    while limit == nil || count < limit!, let found = text.firstOffset(of: needle, from: start) {
                        result += text.text(start, found)
                        result += replacementText
                        start = found + needle.count
                        count += 1
                    }
                    result += text.text(start, text.bytes.count)
                    return .string(result)
                }
                let units = Array(string.utf16)
                func slice(_ from: Int, _ to: Int) -> String {
                    let lower = max(0, min(from, units.count))
                    let upper = max(lower, min(to, units.count))
                    return String(decoding: units[lower..<upper], as: UTF16.self)
                }
                var found = try runMatcher(pattern, [.string(string)], context)
                guard found != nil else { return .string(string) }
                var result = ""
                var position = 0
                var count = 0.0
                while let object = found, limit == nil || count < limit! {
                    try context.evaluator.tick()
                    let record = MatchRecord(object)
                    result += slice(position, record.start)
                    let substitute: Value?
                    if case .string(let template)? = replacement {
                        substitute = .string(expandReplacement(template, record))
                    } else {
                        substitute = try context.evaluator.apply(
                            replacement, [.object(object)], nil, context.environment)
                    }
                    guard case .string(let text)? = substitute else {
                        throw EvalError(code: "D3012", value: substitute, hasValue: true)
                    }
                    result += text
                    position = record.start + record.match.utf16.count
                    count += 1
                    found = try runMatcher(record.next, [], context)
                }
                result += slice(position, units.count)
                return .string(result)
            },
            define("split", "<s-(sf)n?:a<s>>", arity: 3) { context, args in
                guard let string = args.string(0) else { return nil }
                let limit = args.number(2)
                if let limit, limit < 0 { throw EvalError(code: "D3020", value: .number(limit), index: 3) }
                var parts: [String] = []
                if limit == nil || limit! > 0 {
                    if let separator = args.string(1) {
                        if separator.isEmpty {
                            parts = string.unicodeScalars.map { String($0) }
                        } else {
                            parts = CodeUnitText(string).pieces(separatedBy: Array(separator.utf8))
                        }
                        if let limit, Double(parts.count) > limit { parts = Array(parts.prefix(Int(limit))) }
                    } else {
                        let units = Array(string.utf16)
                        func slice(_ from: Int, _ to: Int) -> String {
                            let lower = max(0, min(from, units.count))
                            let upper = max(lower, min(to, units.count))
                            return String(decoding: units[lower..<upper], as: UTF16.self)
                        }
                        var found = try runMatcher(args.argument(1), [.string(string)], context)
                        if found == nil {
                            parts = [string]
                        } else {
                            var start = 0
                            var count = 0.0
                            while let object = found, limit == nil || count < limit! {
                                try context.evaluator.tick()
                                let record = MatchRecord(object)
                                parts.append(slice(start, record.start))
                                start = record.end
                                found = try runMatcher(record.next, [], context)
                                count += 1
                            }
                            if limit == nil || count < limit! { parts.append(slice(start, units.count)) }
                        }
                    }
                }
                return .array(JArray(parts.map { .string($0) }))
            },
            define("base64encode", "<s-:s>", arity: 1) { _, args in
                guard let string = args.string(0) else { return nil }
                let bytes = string.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
                return .string(base64Encode(bytes))
            },
            define("base64decode", "<s-:s>", arity: 1) { _, args in
                guard let string = args.string(0) else { return nil }
                let bytes = base64Decode(string)
                var result = ""
                result.unicodeScalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
                return .string(result)
            },
            define("encodeUrlComponent", "<s-:s>", arity: 1) { _, args in
                args.string(0).map { .string(percentEncode($0, keep: unreservedComponent)) }
            },
            define("encodeUrl", "<s-:s>", arity: 1) { _, args in
                args.string(0).map { .string(percentEncode($0, keep: unreservedURI)) }
            },
            define("decodeUrlComponent", "<s-:s>", arity: 1) { _, args in
                guard let string = args.string(0) else { return nil }
                guard let decoded = percentDecode(string, reserved: []) else {
                    throw EvalError(
                        code: "D3140", value: .string(string), extra: ["functionName": "decodeUrlComponent"])
                }
                return .string(decoded)
            },
            define("decodeUrl", "<s-:s>", arity: 1) { _, args in
                guard let string = args.string(0) else { return nil }
                guard let decoded = percentDecode(string, reserved: Set(";/?:@&=+$,#".utf8)) else {
                    throw EvalError(code: "D3140", value: .string(string), extra: ["functionName": "decodeUrl"])
                }
                return .string(decoded)
            },
        ]
    }

    /// `$n` references in a replacement string, as jsonata-js expands them.
    static func expandReplacement(_ template: String, _ record: MatchRecord) -> String {
        let chars = Array(template.unicodeScalars)
        var result = ""
        var position = 0
        func text(_ from: Int, _ to: Int) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: chars[from..<to])
            return String(view)
        }
        while position < chars.count {
            guard let dollar = chars[position...].firstIndex(of: "$") else { break }
            result += text(position, dollar)
            position = dollar + 1
            guard position < chars.count else {
                result += "$"
                break
            }
            let next = chars[position]
            if next == "$" {
                result += "$"
                position += 1
            } else if next == "0" {
                result += record.match
                position += 1
            } else {
                let groupCount = record.groups.count
                let maxDigits = groupCount == 0 ? 1 : Int(log10Floor(groupCount)) + 1
                func parse(_ digits: Int) -> Int? {
                    var end = position
                    while end < chars.count, end < position + digits, chars[end].properties.numericType != nil,
                        ("0"..."9").contains(chars[end])
                    {
                        end += 1
                    }
                    return end > position ? Int(text(position, end)) : nil
                }
                var index = parse(maxDigits)
                if maxDigits > 1, let found = index, found > groupCount { index = parse(maxDigits - 1) }
                if let index {
                    if groupCount > 0, index >= 1, index <= groupCount {
                        result += record.groups[index - 1]
                    }
                    position += String(index).count
                } else {
                    result += "$"
                }
            }
        }
        if position < chars.count { result += text(position, chars.count) }
        return result
    }

    private static func log10Floor(_ value: Int) -> Int {
        var value = value
        var result = 0
        while value >= 10 {
            value /= 10
            result += 1
        }
        return result
    }

    static let unreservedComponent: Set<UInt8> = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()".utf8)
    static let unreservedURI: Set<UInt8> = unreservedComponent.union(";,/?:@&=+$#".utf8)

    static func percentEncode(_ string: String, keep: Set<UInt8>) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in string.utf8 {
            if keep.contains(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `decodeURIComponent` / `decodeURI`: nil when an escape is malformed or not UTF-8.
    static func percentDecode(_ string: String, reserved: Set<UInt8>) -> String? {
        let bytes = Array(string.utf8)
        var out: [UInt8] = []
        var index = 0
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: return byte - 0x30
            case 0x41...0x46: return byte - 0x41 + 10
            case 0x61...0x66: return byte - 0x61 + 10
            default: return nil
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "%") else {
                out.append(byte)
                index += 1
                continue
            }
            guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            else { return nil }
            let decoded = high << 4 | low
            if decoded < 0x80 {
                if reserved.contains(decoded) {
                    out.append(contentsOf: bytes[index..<(index + 3)])
                } else {
                    out.append(decoded)
                }
                index += 3
                continue
            }
            // A multi-byte UTF-8 sequence: every byte must be escaped and valid.
            let length: Int
            switch decoded {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return nil
            }
            var sequence: [UInt8] = [decoded]
            var cursor = index + 3
            for _ in 1..<length {
                guard cursor + 2 < bytes.count, bytes[cursor] == UInt8(ascii: "%"),
                    let h = hexValue(bytes[cursor + 1]), let l = hexValue(bytes[cursor + 2])
                else { return nil }
                let continuation = h << 4 | l
                guard continuation & 0xC0 == 0x80 else { return nil }
                sequence.append(continuation)
                cursor += 3
            }
            guard String(validating: sequence, as: UTF8.self) != nil else { return nil }
            out.append(contentsOf: sequence)
            index = cursor
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func base64Encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index]
            let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
            let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Node's lenient base64 decoding: skips characters outside the alphabet, stops at `=`.
    static func base64Decode(_ string: String) -> [UInt8] {
        var values: [UInt8] = []
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(byte - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(byte - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "+"), UInt8(ascii: "-"): values.append(62)
            case UInt8(ascii: "/"), UInt8(ascii: "_"): values.append(63)
            case UInt8(ascii: "="): break
            default: continue
            }
            if byte == UInt8(ascii: "=") { break }
        }
        var out: [UInt8] = []
        var index = 0
        while index + 1 < values.count {
            out.append(values[index] << 2 | values[index + 1] >> 4)
            if index + 2 < values.count { out.append(values[index + 1] << 4 | values[index + 2] >> 2) }
            if index + 3 < values.count { out.append(values[index + 2] << 6 | values[index + 3]) }
            index += 4
        }
        return out
    }

    static var misc: [Definition] {
        [
            define("millis", "<:n>", arity: 0) { context, _ in
                .number(context.evaluator.millis)
            },
            define("error", "<s?:x>", arity: 1) { _, args in
                throw EvalError(code: "D3137", extra: ["message": args.string(0) ?? "$error() function evaluated"])
            },
            define("assert", "<bs?:x>", arity: 2) { _, args in
                if case .bool(true)? = args.argument(0) { return nil }
                throw EvalError(code: "D3141", extra: ["message": args.string(1) ?? "$assert() statement failed"])
            },
            define("clone", "<(oa)-:o>", arity: 1) { _, args in
                guard let value = args.argument(0) else { return nil }
                return try deepClone(value)
            },
            define("eval", "<sx?:x>", arity: 2) { context, args in
                guard let source = args.string(0) else { return nil }
                var input = context.input
                if let focus = args.argument(1) {
                    input = focus
                    if case .array(let array) = focus, !array.isSequence {
                        let wrapper = JArray.sequence([focus])
                        wrapper.outerWrapper = true
                        input = .array(wrapper)
                    }
                }
                let ast: Node
                do {
                    ast = try Parser.parse(source, maximumDepth: context.evaluator.maximumDepth)
                } catch let error as EvalError {
                    throw EvalError(code: "D3120", value: .string(error.publicError.message))
                }
                do {
                    return try context.evaluator.evaluate(ast, input, context.environment)
                } catch let error as EvalError {
                    if error.code == "U1001" { throw error }
                    throw EvalError(code: "D3121", value: .string(error.publicError.message))
                }
            },
        ]
    }

    /// `JSON.parse($string(x))`: a deep copy with numbers at 15 significant digits and
    /// functions as `""`.
    static func deepClone(_ value: Value) throws -> Value {
        switch value {
        case .number(let number):
            if !number.isFinite { throw EvalError(code: "D3001", value: value) }
            return .number(precision15(number))
        case .function: return .string("")
        case .array(let array):
            let source = array.outerWrapper && !array.isEmpty ? (array.items[0].arrayValue ?? array) : array
            return .array(JArray(try source.items.map(deepClone)))
        case .object(let object):
            let result = JObject()
            for (key, item) in object.entries {
                if case .function = item { continue }
                result[key] = try deepClone(item)
            }
            return .object(result)
        default:
            return value
        }
    }
}
