import Foundation

/// A compiled regex literal (`/pattern/flags`), run with Foundation's `NSRegularExpression` (ICU).
///
/// JavaScript and ICU regex syntax agree on what JSONata expressions use (classes, groups,
/// quantifiers, lookahead, `\d\w\s\b`, `i` and `m` flags). Known differences, left as ICU has
/// them: `\d`, `\w` and `\s` also match non-ASCII digits, letters and spaces in ICU; without `m`,
/// ICU's `$` also matches before a final line terminator; `[^]` and an unescaped `]` first in a
/// class are not accepted by ICU. Indices are UTF-16 offsets, as JavaScript's are.
final class RegexProgram: @unchecked Sendable {
    let source: String
    let regex: NSRegularExpression

    init(pattern: String, flags: String, position: Int) throws {
        var options: NSRegularExpression.Options = []
        if flags.contains("i") { options.insert(.caseInsensitive) }
        if flags.contains("m") { options.insert(.anchorsMatchLines) }
        source = pattern
        do {
            regex = try NSRegularExpression(pattern: pattern, options: options)
        } catch {
            throw EvalError(code: "S0303", position: position, token: pattern)
        }
    }

    struct Match {
        var match: String
        var start: Int
        var end: Int
        var groups: [String]
    }

    /// The first match at or after UTF-16 offset `from`.
    func exec(_ string: NSString, from: Int) -> Match? {
        guard from <= string.length else { return nil }
        let range = NSRange(location: from, length: string.length - from)
        guard let result = regex.firstMatch(in: string as String, options: [], range: range) else { return nil }
        var groups: [String] = []
        if result.numberOfRanges > 1 {
            for index in 1..<result.numberOfRanges {
                let groupRange = result.range(at: index)
                groups.append(groupRange.location == NSNotFound ? "" : string.substring(with: groupRange))
            }
        }
        return Match(
            match: string.substring(with: result.range), start: result.range.location,
            end: result.range.location + result.range.length, groups: groups)
    }
}

extension Evaluator {
    static func regexMatch(_ program: RegexProgram, _ string: String, from: Int, position: Int) -> Value? {
        regexMatch(program, string as NSString, from: from, position: position)
    }

    static func regexMatch(_ program: RegexProgram, _ nsString: NSString, from: Int, position: Int) -> Value? {
        guard let match = program.exec(nsString, from: from) else { return nil }
        let object = JObject()
        object["match"] = .string(match.match)
        object["start"] = .number(Double(match.start))
        object["end"] = .number(Double(match.end))
        object["groups"] = .array(JArray(match.groups.map { .string($0) }))
        let end = match.end
        let next = NativeFunction(name: "next", arity: 0) { _, _ in
            if end >= nsString.length { return nil }
            let following = regexMatch(program, nsString, from: end, position: position)
            if case .object(let found)? = following, case .string(let text)? = found["match"], text.isEmpty {
                throw EvalError(code: "D1004", position: position, value: .string(program.source))
            }
            return following
        }
        object["next"] = .function(FunctionValue(kind: .native(next), signature: nil))
        return .object(object)
    }

}
