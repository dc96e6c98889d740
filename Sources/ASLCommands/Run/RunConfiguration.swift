import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime

/// The run configuration (`--config FILE`, or `asl.config.json` beside the definition): how the
/// resources of a definition are served locally, and the run's identity.
///
///     {
///       "stateMachineName": "orders",
///       "seed": 42,
///       "region": "us-east-1", "account": "123456789012",
///       "functions": {
///         "validate-order": {"command": ["python3", "lambdas/validate.py"]},
///         "charge-card":    {"returns": {"status": "ok"}},
///         "flaky":          {"throws": {"error": "Lambda.TooManyRequestsException", "cause": "slow down"}}
///       },
///       "resources": {"arn:aws:states:us-east-1:123456789012:activity:approve": {"returns": {"approved": true}}},
///       "services": {"sqs:sendMessage": {"returns": {"MessageId": "m-1"}}}
///     }
///
/// `functions` are Lambda functions (by name; callable by ARN or through `lambda:invoke`),
/// `resources` exact Task resources, `services` `arn:aws:states:::service:action` integrations.
/// Each handler is one of `command` (a program: JSON input on stdin, JSON output on stdout;
/// relative paths are relative to the configuration file), `returns` or `throws`.
struct RunConfiguration {
    var stateMachineName: String?
    var seed: UInt64?
    var region: String?
    var account: String?
    var functions: [(String, HandlerSpec)] = []
    var resources: [(String, HandlerSpec)] = []
    var services: [(String, HandlerSpec)] = []
    /// The configuration's other top-level members, for the handlers that ship with `asl`.
    var extensions = JSONObject()
    /// The file's directory: the base of relative paths.
    var directory: String

    enum HandlerSpec {
        case command([String], environment: [String: String])
        case returns(JSON)
        case fails(StatesError)
    }

    /// The top-level members this type reads itself.
    static let knownKeys: Set<String> = [
        "stateMachineName", "seed", "region", "account", "functions", "resources", "services",
    ]

    /// Reads a configuration; errors name the file and the JSON pointer of the problem.
    static func parse(_ bytes: [UInt8], path: String, directory: String) throws(ConfigurationError) -> RunConfiguration
    {
        let value: JSON
        do {
            value = try JSONReader.read(bytes).value
        } catch {
            throw ConfigurationError(path: path, pointer: "", message: "not valid JSON: \(error.message)")
        }
        guard case .object(let object) = value else {
            throw ConfigurationError(path: path, pointer: "", message: "the configuration must be a JSON object")
        }
        var configuration = RunConfiguration(directory: directory)
        for (key, member) in object {
            let pointer = "/" + key
            switch key {
            case "stateMachineName": configuration.stateMachineName = try string(member, path: path, pointer: pointer)
            case "region": configuration.region = try string(member, path: path, pointer: pointer)
            case "account": configuration.account = try string(member, path: path, pointer: pointer)
            case "seed":
                guard let seed = member.numberValue?.integralValue, seed >= 0 else {
                    throw ConfigurationError(path: path, pointer: pointer, message: "expected a non-negative integer")
                }
                configuration.seed = UInt64(seed)
            case "functions": configuration.functions = try handlers(member, path: path, pointer: pointer)
            case "resources": configuration.resources = try handlers(member, path: path, pointer: pointer)
            case "services": configuration.services = try handlers(member, path: path, pointer: pointer)
            default: configuration.extensions[key] = member
            }
        }
        return configuration
    }

    private static func string(_ value: JSON, path: String, pointer: String) throws(ConfigurationError) -> String {
        guard case .string(let text) = value else {
            throw ConfigurationError(
                path: path, pointer: pointer, message: "expected a string, found \(value.typeName)")
        }
        return text
    }

    private static func handlers(_ value: JSON, path: String, pointer: String) throws(ConfigurationError)
        -> [(String, HandlerSpec)]
    {
        guard case .object(let object) = value else {
            throw ConfigurationError(path: path, pointer: pointer, message: "expected an object of handlers")
        }
        var result: [(String, HandlerSpec)] = []
        for (name, spec) in object {
            result.append((name, try handler(spec, path: path, pointer: pointer + "/" + escape(name))))
        }
        return result
    }

    private static func handler(_ value: JSON, path: String, pointer: String) throws(ConfigurationError)
        -> HandlerSpec
    {
        guard case .object(let object) = value, object.count >= 1 else {
            throw ConfigurationError(
                path: path, pointer: pointer,
                message: "expected {\"command\": [...]}, {\"returns\": value} or {\"throws\": {\"error\": …}}")
        }
        if let command = object["command"] {
            var arguments: [String] = []
            if case .string(let line) = command {
                arguments = line.split(separator: " ").map(String.init)
            } else if case .array(let elements) = command {
                arguments = elements.compactMap(\.stringValue)
                guard arguments.count == elements.count else {
                    throw ConfigurationError(
                        path: path, pointer: pointer + "/command", message: "every argument must be a string")
                }
            }
            guard !arguments.isEmpty else {
                throw ConfigurationError(path: path, pointer: pointer + "/command", message: "the command is empty")
            }
            var environment: [String: String] = [:]
            if case .object(let variables) = object["environment"] {
                for (key, variable) in variables {
                    environment[key] = variable.stringValue ?? JSONWriter.compact(variable)
                }
            }
            return .command(arguments, environment: environment)
        }
        if let returns = object["returns"] { return .returns(returns) }
        if case .object(let failure) = object["throws"], let error = failure["error"]?.stringValue {
            return .fails(StatesError(StatesErrorName(error), failure["cause"]?.stringValue))
        }
        let suggestion =
            object.keys.first.map {
                Suggestions.didYouMean(Suggestions.nearest(to: $0, in: ["command", "returns", "throws"]))
            } ?? ""
        throw ConfigurationError(
            path: path, pointer: pointer,
            message: "a handler needs \"command\", \"returns\" or \"throws\" (with \"error\")" + suggestion)
    }

    private static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// Registers every handler this configuration names.
    func register(into registry: inout HandlerRegistry) {
        func make(_ spec: HandlerSpec) -> any TaskHandler {
            switch spec {
            case .command(let arguments, let environment):
                CommandTaskHandler(arguments, workingDirectory: directory, environment: environment)
            case .returns(let value): StaticTaskHandler(.returns(value))
            case .fails(let error): StaticTaskHandler(.fails(error))
            }
        }
        for (name, spec) in functions { registry.register(make(spec), lambdaFunction: name) }
        for (resource, spec) in resources { registry.register(make(spec), resource: resource) }
        for (key, spec) in services {
            let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count == 2 { registry.register(make(spec), service: parts[0], action: parts[1]) }
        }
    }
}

/// A problem in a configuration file, located by JSON pointer.
struct ConfigurationError: Error {
    var path: String
    var pointer: String
    var message: String

    var description: String {
        pointer.isEmpty ? "\(path): \(message)" : "\(path): at \(pointer): \(message)"
    }
}
