public import Foundation
public import JSONCore
import StatesLanguage

/// One object of the configuration as a plug-in reads it (a function's or a Glue job's own
/// fields): typed getters that fail with located errors, like the rest of the parser.
///
///     let count = try fields.integer("recordCount", in: 0...100_000) ?? 20
///     let stream = try fields.stream("stream")      // must be declared under "streams"
public struct ConfigFields {
    let reader: ConfigReader
    /// The object (its keys are already checked against the plug-in's ``LambdaFunctionKind/fields``
    /// or ``GlueEngine/fields``).
    public let object: JSONObject
    /// Where the object is, e.g. `/functions/clickstream-simulator`.
    public let pointer: JSONPointer
    /// How messages name it, e.g. `function 'clickstream-simulator'`.
    public let what: String
    /// The streams the configuration declares.
    public let streams: [String]
    /// The configuration file's folder: where relative paths in the fields are read from.
    public var baseDirectory: URL?

    public func string(_ key: String) throws(RunConfigurationError) -> String? {
        try reader.string(object, key, at: pointer)
    }

    public func requiredString(_ key: String) throws(RunConfigurationError) -> String {
        try reader.requiredString(object, key, at: pointer, what: what)
    }

    public func integer(_ key: String, in range: ClosedRange<Int>) throws(RunConfigurationError) -> Int? {
        try reader.integer(object, key, at: pointer, range: range)
    }

    public func number(_ key: String, in range: ClosedRange<Double>) throws(RunConfigurationError) -> Double? {
        try reader.number(object, key, at: pointer, range: range)
    }

    public func strings(_ key: String) throws(RunConfigurationError) -> [String]? {
        try reader.strings(object, key, at: pointer)
    }

    /// The stream `key` names, which must be declared under `streams`.
    public func stream(_ key: String = "stream") throws(RunConfigurationError) -> String {
        let name = try requiredString(key)
        guard streams.contains(name) else {
            throw reader.error(
                pointer / key,
                "no stream '\(name)' under 'streams'\(NameSuggestion.didYouMean(name, in: streams))"
                    + (streams.isEmpty ? "; declare it: \"streams\": {\"\(name)\": {\"shards\": 1}}" : ""))
        }
        return name
    }

    /// An error located at the value of `key` (or at the object itself when `key` is `nil`).
    public func error(_ key: String?, _ message: String) -> RunConfigurationError {
        reader.error(key.map { pointer / $0 } ?? pointer, message)
    }

    /// An error located at the `index`-th element of the array `key`.
    public func error(_ key: String, index: Int, _ message: String) -> RunConfigurationError {
        reader.error(pointer / key / index, message)
    }
}
