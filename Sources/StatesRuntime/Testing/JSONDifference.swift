public import JSONCore

/// The first place two JSON values differ, as a JSON path (`$.orders[2].total`).
public struct JSONDifference: Sendable, Hashable {
    public var path: String
    /// `nil`: absent on that side.
    public var expected: JSON?
    public var actual: JSON?

    /// The first difference between `expected` and `actual`, or `nil` when they are equal.
    /// Objects compare by key (order ignored: expected's keys first, then keys only `actual` has);
    /// arrays element by element, then by length; numbers by value (`1` equals `1.0`).
    /// With `subset`, keys `actual` has beyond `expected`'s are allowed at every object level;
    /// arrays still compare exactly.
    public static func first(expected: JSON, actual: JSON, subset: Bool = false) -> JSONDifference? {
        first(expected, actual, subset: subset, path: "$")
    }

    private static func first(_ expected: JSON, _ actual: JSON, subset: Bool, path: String) -> JSONDifference? {
        switch (expected, actual) {
        case (.object(let left), .object(let right)):
            for (key, value) in left {
                let childPath = appending(key, to: path)
                guard let other = right[key] else {
                    return JSONDifference(path: childPath, expected: value, actual: nil)
                }
                if let difference = first(value, other, subset: subset, path: childPath) { return difference }
            }
            if !subset {
                for (key, value) in right where left[key] == nil {
                    return JSONDifference(path: appending(key, to: path), expected: nil, actual: value)
                }
            }
            return nil
        case (.array(let left), .array(let right)):
            for index in 0..<min(left.count, right.count) {
                if let difference = first(left[index], right[index], subset: false, path: "\(path)[\(index)]") {
                    return difference
                }
            }
            if left.count > right.count {
                return JSONDifference(path: "\(path)[\(right.count)]", expected: left[right.count], actual: nil)
            }
            if right.count > left.count {
                return JSONDifference(path: "\(path)[\(left.count)]", expected: nil, actual: right[left.count])
            }
            return nil
        default:
            return expected == actual ? nil : JSONDifference(path: path, expected: expected, actual: actual)
        }
    }

    /// `$.name` for plain names, `$['odd key']` otherwise.
    static func appending(_ key: String, to path: String) -> String {
        let plain =
            !key.isEmpty
            && key.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0))
            }
            && !(key.unicodeScalars.first.map { ("0"..."9").contains($0) } ?? true)
        if plain { return "\(path).\(key)" }
        var escaped = ""
        for character in key {
            switch character {
            case "'": escaped += "\\'"
            case "\\": escaped += "\\\\"
            default: escaped.append(character)
            }
        }
        return "\(path)['\(escaped)']"
    }
}
