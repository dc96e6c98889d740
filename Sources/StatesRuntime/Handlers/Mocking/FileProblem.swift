import JSONCore
import StatesLanguage

/// A problem in a JSON file a user wrote (a test file, a mock configuration file), at a byte
/// offset: the command line renders it `file:line:col: error: message`.
public struct FileProblem: Error, Sendable, Hashable {
    public var message: String
    /// Where in the file's bytes, when known.
    public var offset: Int?

    public init(_ message: String, offset: Int?) {
        self.message = message
        self.offset = offset
    }
}

/// Reads the fields of one JSON object of a document, with each problem placed at the value (or
/// key) it is about, and unknown fields refused with a "did you mean".
struct FieldReader {
    let map: SourceMap
    let pointer: JSONPointer
    let object: JSONObject
    /// What the object is, for messages ("a test case", "the expectation").
    let what: String

    /// - Throws: when `value` is not an object.
    init(_ value: JSON, at pointer: JSONPointer, map: SourceMap, what: String) throws(FileProblem) {
        guard let object = value.objectValue else {
            throw FileProblem(
                "\(what) must be an object, not \(value.typeName)", offset: map.nearestValueOffset(at: pointer))
        }
        self.map = map
        self.pointer = pointer
        self.object = object
        self.what = what
    }

    /// A problem at the value of `key` (or at the object when it has no such key).
    func problem(_ message: String, at key: String? = nil) -> FileProblem {
        guard let key else { return FileProblem(message, offset: map.nearestValueOffset(at: pointer)) }
        return FileProblem(message, offset: map.valueOffset(at: pointer / key) ?? map.nearestValueOffset(at: pointer))
    }

    /// A problem at the key `key` itself.
    func keyProblem(_ message: String, key: String) -> FileProblem {
        FileProblem(message, offset: map.keyOffset(at: pointer / key) ?? map.nearestValueOffset(at: pointer))
    }

    /// Refuses a field not in `known`, naming the nearest known one.
    func checkKnown(_ known: [String]) throws(FileProblem) {
        for key in object.keys where !known.contains(key) {
            let suggestion = NameSuggestion.nearest(key, in: known)
            throw keyProblem(
                "unknown field \"\(key)\" in \(what)" + NameSuggestion.didYouMean(suggestion)
                    + " (fields: \(known.joined(separator: ", ")))",
                key: key)
        }
    }

    func child(_ key: String, what: String) throws(FileProblem) -> FieldReader? {
        guard let value = object[key] else { return nil }
        return try FieldReader(value, at: pointer / key, map: map, what: what)
    }

    func string(_ key: String, required: Bool = false) throws(FileProblem) -> String? {
        guard let value = object[key] else {
            if required { throw problem("\(what) needs a \"\(key)\" field (a string)") }
            return nil
        }
        guard let text = value.stringValue else {
            throw problem("\"\(key)\" must be a string, not \(value.typeName)", at: key)
        }
        return text
    }

    func integer(_ key: String, minimum: Int) throws(FileProblem) -> Int? {
        guard let value = object[key] else { return nil }
        guard let number = value.numberValue?.integralValue, number >= Int64(minimum), number <= Int64(Int32.max) else {
            throw problem("\"\(key)\" must be a whole number of at least \(minimum)", at: key)
        }
        return Int(number)
    }

    func strings(_ key: String) throws(FileProblem) -> [String]? {
        guard let value = object[key] else { return nil }
        guard let array = value.arrayValue else {
            throw problem("\"\(key)\" must be an array of state names, not \(value.typeName)", at: key)
        }
        var names: [String] = []
        for (index, element) in array.enumerated() {
            guard let name = element.stringValue else {
                throw FileProblem(
                    "\"\(key)\" must hold state names (strings), not \(element.typeName)",
                    offset: map.valueOffset(at: pointer / key / index))
            }
            names.append(name)
        }
        return names
    }
}
