public import JSONCore

/// `${Name}` placeholders as CloudFormation's and SAM's `DefinitionSubstitutions` write them.
///
/// AWS never sees these: the template tooling replaces them before CreateStateMachine. A
/// definition kept in a repository with placeholders must still validate in CI, so every
/// string may hold them; `asl validate --substitutions FILE` replaces them first and
/// `--no-placeholders` reports any that are left (ASL-E003).
///
///     Placeholders.names(in: "arn:aws:lambda:${AWS::Region}:${Account}:function:F")
///     // ["AWS::Region", "Account"]
///
/// A placeholder is `${` + a name of one or more characters other than `}` and whitespace + `}`;
/// `${!Literal}` is Fn::Sub's escape for a literal `${Literal}` and is not a placeholder.
public enum Placeholders {
    /// A placeholder found in a string: its name and its UTF-8 byte range in that string.
    public struct Occurrence: Sendable, Hashable {
        public var name: String
        public var range: Range<Int>
    }

    public static func occurrences(in text: String) -> [Occurrence] {
        let bytes = Array(text.utf8)
        var found: [Occurrence] = []
        var index = 0
        while index + 2 < bytes.count {
            guard bytes[index] == UInt8(ascii: "$"), bytes[index + 1] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            var end = index + 2
            while end < bytes.count, bytes[end] != UInt8(ascii: "}"), !isSpace(bytes[end]) { end += 1 }
            let nameRange = (index + 2)..<end
            if end < bytes.count, bytes[end] == UInt8(ascii: "}"), !nameRange.isEmpty,
                bytes[index + 2] != UInt8(ascii: "!")
            {
                found.append(
                    Occurrence(name: String(decoding: bytes[nameRange], as: UTF8.self), range: index..<(end + 1)))
                index = end + 1
            } else {
                index += 2
            }
        }
        return found
    }

    public static func names(in text: String) -> [String] { occurrences(in: text).map(\.name) }

    public static func contains(_ text: String) -> Bool { !occurrences(in: text).isEmpty }

    /// Whether the whole string is one placeholder, like `"${TimeoutSeconds}"`.
    public static func isPlaceholder(_ text: String) -> Bool {
        let found = occurrences(in: text)
        return found.count == 1 && found[0].range == 0..<text.utf8.count
    }

    /// Replaces placeholders with the values given, in every string of `value` (keys too).
    ///
    /// A string that is exactly one placeholder takes the substituted JSON value itself, so
    /// `"Seconds": "${Wait}"` with `{"Wait": 30}` becomes `"Seconds": 30`, as CloudFormation's
    /// textual substitution of an unquoted `${Wait}` would give. Elsewhere a string value is
    /// inserted as is and any other value as its compact JSON text. Unknown names are left.
    public static func substitute(_ substitutions: [String: JSON], in value: JSON) -> JSON {
        guard !substitutions.isEmpty else { return value }
        switch value {
        case .string(let text):
            return substituteString(text, substitutions)
        case .array(let elements):
            return .array(elements.map { substitute(substitutions, in: $0) })
        case .object(let object):
            var result = JSONObject()
            for (key, member) in object {
                let newKey = substituteString(key, substitutions).stringValue ?? key
                result[newKey] = substitute(substitutions, in: member)
            }
            return .object(result)
        default:
            return value
        }
    }

    private static func substituteString(_ text: String, _ substitutions: [String: JSON]) -> JSON {
        let found = occurrences(in: text)
        guard !found.isEmpty else { return .string(text) }
        if found.count == 1, found[0].range == 0..<text.utf8.count, let whole = substitutions[found[0].name] {
            return whole
        }
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        var cursor = 0
        for occurrence in found {
            guard let replacement = substitutions[occurrence.name] else { continue }
            result += bytes[cursor..<occurrence.range.lowerBound]
            switch replacement {
            case .string(let string): result += Array(string.utf8)
            default: result += Array(JSONWriter.compact(replacement).utf8)
            }
            cursor = occurrence.range.upperBound
        }
        result += bytes[cursor...]
        return .string(String(decoding: result, as: UTF8.self))
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
