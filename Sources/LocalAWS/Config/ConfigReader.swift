import JSONCore
import StatesLanguage

/// Reads typed values out of a configuration document, failing with located errors.
struct ConfigReader {
    let path: String
    let source: SourceFile
    let sourceMap: SourceMap

    /// An error at the value of `pointer` (or at its key, for unknown fields).
    func error(_ pointer: JSONPointer, _ message: String, atKey: Bool = false) -> RunConfigurationError {
        let offset =
            atKey
            ? (sourceMap.keyOffset(at: pointer) ?? sourceMap.nearestValueOffset(at: pointer))
            : sourceMap.nearestValueOffset(at: pointer)
        return RunConfigurationError(
            path: path, pointer: pointer, location: offset.map { source.location(ofOffset: $0) }, message: message)
    }

    /// The object at `pointer`, with every key among `allowed`.
    func object(_ value: JSON, at pointer: JSONPointer, allowed: [String], what: String) throws(RunConfigurationError)
        -> JSONObject
    {
        guard let object = value.objectValue else {
            throw error(pointer, "\(what) must be an object, not \(value.typeName)")
        }
        for key in object.keys where !allowed.contains(key) {
            throw error(
                pointer / key, "unknown field '\(key)' in \(what)\(NameSuggestion.didYouMean(key, in: allowed))",
                atKey: true)
        }
        return object
    }

    func string(_ object: JSONObject, _ key: String, at pointer: JSONPointer) throws(RunConfigurationError) -> String? {
        guard let value = object[key] else { return nil }
        guard let text = value.stringValue else {
            throw error(pointer / key, "'\(key)' must be a string, not \(value.typeName)")
        }
        return text
    }

    func requiredString(_ object: JSONObject, _ key: String, at pointer: JSONPointer, what: String)
        throws(RunConfigurationError) -> String
    {
        guard let text = try string(object, key, at: pointer) else {
            throw error(pointer, "\(what) needs the field '\(key)'")
        }
        return text
    }

    func integer(_ object: JSONObject, _ key: String, at pointer: JSONPointer, range: ClosedRange<Int>)
        throws(RunConfigurationError) -> Int?
    {
        guard let value = object[key] else { return nil }
        guard let number = value.numberValue?.integralValue, let int = Int(exactly: number), range.contains(int) else {
            throw error(
                pointer / key, "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return int
    }

    func number(_ object: JSONObject, _ key: String, at pointer: JSONPointer, range: ClosedRange<Double>)
        throws(RunConfigurationError) -> Double?
    {
        guard let value = object[key] else { return nil }
        guard let number = value.numberValue?.doubleValue, range.contains(number) else {
            throw error(pointer / key, "'\(key)' must be a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    func strings(_ object: JSONObject, _ key: String, at pointer: JSONPointer) throws(RunConfigurationError)
        -> [String]?
    {
        guard let value = object[key] else { return nil }
        guard let array = value.arrayValue else { throw error(pointer / key, "'\(key)' must be an array of strings") }
        var result: [String] = []
        for (index, item) in array.enumerated() {
            guard let text = item.stringValue else { throw error(pointer / key / index, "'\(key)' must hold strings") }
            result.append(text)
        }
        return result
    }

    func s3Location(_ object: JSONObject, _ key: String, at pointer: JSONPointer, what: String)
        throws(RunConfigurationError) -> S3Location
    {
        let text = try requiredString(object, key, at: pointer, what: what)
        do {
            return try S3Location(parsing: text).asPrefix
        } catch {
            throw self.error(pointer / key, error.message)
        }
    }
}
