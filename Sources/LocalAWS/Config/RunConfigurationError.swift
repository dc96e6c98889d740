public import JSONCore

/// A configuration file that cannot be used, located like a compiler error:
///
///     Examples/clickstream/asl.config.json:9:7: error: unknown field 'recordCont' in function
///     'clickstream-simulator' (did you mean 'recordCount'?)
///       at /functions/clickstream-simulator/recordCont
public struct RunConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as named to the loader.
    public let path: String
    /// The JSON Pointer of the offending value or key.
    public let pointer: JSONPointer
    /// 1-based line and column, when known.
    public let location: SourceLocation?
    public let message: String

    public init(path: String, pointer: JSONPointer, location: SourceLocation?, message: String) {
        self.path = path
        self.pointer = pointer
        self.location = location
        self.message = message
    }

    public var description: String {
        let place = location.map { "\(path):\($0.line):\($0.column)" } ?? path
        return "\(place): error: \(message)\n  at \(pointer.isRoot ? "/" : pointer.description)"
    }
}
