public import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime

extension RunConfiguration {
    /// Reads and checks a configuration file; `athena.setup` paths are read relative to its folder.
    /// - Parameter plugins: The function kinds and Glue engines `"handler"` and `"engine"` may name.
    /// - Throws: ``RunConfigurationError`` naming the file, line:column and JSON Pointer.
    public static func load(from url: URL, plugins: LocalPlugins = LocalPlugins()) throws(RunConfigurationError)
        -> RunConfiguration
    {
        let path = url.path(percentEncoded: false)
        let bytes: [UInt8]?
        do {
            bytes = try FileIO.contents(of: path)
        } catch {
            throw RunConfigurationError(
                path: path, pointer: .root, location: nil, message: "cannot read the file: \(error.reason)")
        }
        guard let bytes else {
            throw RunConfigurationError(path: path, pointer: .root, location: nil, message: "no such file")
        }
        return try parse(bytes, path: path, baseDirectory: url.deletingLastPathComponent(), plugins: plugins)
    }

    /// Parses configuration text.
    /// - Parameters:
    ///   - path: Names the file in errors.
    ///   - baseDirectory: Where relative `athena.setup` paths are read from.
    ///   - plugins: The function kinds and Glue engines `"handler"` and `"engine"` may name.
    public static func parse(
        _ bytes: [UInt8], path: String, baseDirectory: URL, plugins: LocalPlugins = LocalPlugins()
    ) throws(RunConfigurationError) -> RunConfiguration {
        let source = SourceFile(path: path, bytes: bytes)
        let document: JSONDocument
        do {
            document = try JSONReader.read(bytes)
        } catch {
            throw RunConfigurationError(
                path: path, pointer: .root, location: source.location(ofOffset: error.offset), message: error.message)
        }
        let reader = ConfigReader(path: path, source: source, sourceMap: document.sourceMap)
        return try ConfigParser(reader: reader, baseDirectory: baseDirectory, plugins: plugins).parse(document.value)
    }
}

/// The field-by-field reading of ``RunConfiguration``; the allowed keys of each object are listed
/// where it is read, so unknown ones get a "did you mean".
private struct ConfigParser {
    let reader: ConfigReader
    let baseDirectory: URL
    let plugins: LocalPlugins

    func parse(_ root: JSON) throws(RunConfigurationError) -> RunConfiguration {
        let pointer = JSONPointer.root
        let object = try reader.object(
            root, at: pointer,
            allowed: [
                "$comment", "dataDirectory", "seed", "region", "account", "streams", "functions", "glueJobs", "athena",
                "sns", "stateMachineName", "resources", "services",
            ],
            what: "the configuration")
        var config = RunConfiguration()
        if let directory = try reader.string(object, "dataDirectory", at: pointer) {
            guard !directory.isEmpty else {
                throw reader.error(pointer / "dataDirectory", "'dataDirectory' cannot be empty")
            }
            config.dataDirectory = directory
        }
        if let seed = object["seed"] {
            guard let number = seed.numberValue, number.isInteger, let value = UInt64(number.text) else {
                throw reader.error(pointer / "seed", "'seed' must be a whole number from 0 to 18446744073709551615")
            }
            config.seed = value
        }
        if let region = try reader.string(object, "region", at: pointer) {
            guard region.range(of: #"^[a-z]{2}(-[a-z]+)+-\d$"#, options: .regularExpression) != nil else {
                throw reader.error(pointer / "region", "'\(region)' is not a region name like 'us-east-1'")
            }
            config.region = region
        }
        if let account = try reader.string(object, "account", at: pointer) {
            guard account.count == 12, account.allSatisfy(\.isASCII), account.allSatisfy(\.isNumber) else {
                throw reader.error(pointer / "account", "'account' must be a 12-digit AWS account id")
            }
            config.account = account
        }
        config.streams = try streams(object["streams"], at: pointer / "streams")
        config.functions = try functions(object["functions"], at: pointer / "functions", streams: config.streams)
        config.glueJobs = try glueJobs(object["glueJobs"], at: pointer / "glueJobs")
        config.athena = try athena(object["athena"], at: pointer / "athena")
        config.topics = try topics(object["sns"], at: pointer / "sns")
        config.stateMachineName = try reader.string(object, "stateMachineName", at: pointer)
        for (resource, item) in try members(object["resources"], at: pointer / "resources", what: "'resources'") {
            let handler = try localHandler(item, at: pointer / "resources" / resource, what: "resource '\(resource)'")
            config.resources.append(ResourceHandlerConfig(resource: resource, handler: handler))
        }
        for (key, item) in try members(object["services"], at: pointer / "services", what: "'services'") {
            let at = pointer / "services" / key
            let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw reader.error(at, "a service key is 'service:action', e.g. 'sqs:sendMessage'", atKey: true)
            }
            let handler = try localHandler(item, at: at, what: "service '\(key)'")
            config.services.append(ServiceHandlerConfig(service: parts[0], action: parts[1], handler: handler))
        }
        return config
    }

    /// `{"command": [...]}`, `{"returns": value}` or `{"throws": {"error": …, "cause": …}}`.
    private func localHandler(_ item: JSON, at pointer: JSONPointer, what: String) throws(RunConfigurationError)
        -> LocalHandler
    {
        let forms = ["command", "returns", "throws"]
        let object = try reader.object(item, at: pointer, allowed: forms + ["environment"], what: what)
        if let command = object["command"] {
            var arguments: [String] = []
            if case .string(let line) = command {
                arguments = line.split(separator: " ").map(String.init)
            } else if case .array(let elements) = command {
                arguments = elements.compactMap(\.stringValue)
                guard arguments.count == elements.count else {
                    throw reader.error(pointer / "command", "every argument of 'command' must be a string")
                }
            }
            guard !arguments.isEmpty else {
                throw reader.error(pointer / "command", "'command' needs a program, e.g. [\"python3\", \"handler.py\"]")
            }
            var environment: [String: String] = [:]
            if let variables = object["environment"] {
                guard case .object(let members) = variables else {
                    throw reader.error(pointer / "environment", "'environment' must be an object of strings")
                }
                for (key, value) in members { environment[key] = value.stringValue ?? JSONWriter.compact(value) }
            }
            return .command(
                arguments: arguments, environment: environment,
                workingDirectory: baseDirectory.path(percentEncoded: false))
        }
        if let value = object["returns"] { return .returns(value) }
        if let failure = object["throws"] {
            let at = pointer / "throws"
            let details = try reader.object(failure, at: at, allowed: ["error", "cause"], what: "'throws'")
            guard let error = try reader.string(details, "error", at: at) else {
                throw reader.error(at, "'throws' needs \"error\": the error name Retry and Catch will see")
            }
            return .fails(error: error, cause: try reader.string(details, "cause", at: at))
        }
        throw reader.error(pointer, "\(what) needs one of \"command\", \"returns\" or \"throws\"")
    }

    private func members(_ value: JSON?, at pointer: JSONPointer, what: String) throws(RunConfigurationError)
        -> [(String, JSON)]
    {
        guard let value else { return [] }
        guard let object = value.objectValue else {
            throw reader.error(pointer, "\(what) must be an object keyed by name")
        }
        return object.map { ($0.key, $0.value) }
    }

    private func streams(_ value: JSON?, at pointer: JSONPointer) throws(RunConfigurationError) -> [StreamConfig] {
        var result: [StreamConfig] = []
        for (name, item) in try members(value, at: pointer, what: "'streams'") {
            let at = pointer / name
            if let problem = AWSNames.streamNameProblem(name) {
                throw reader.error(at, "invalid stream name '\(name)': \(problem)", atKey: true)
            }
            let object = try reader.object(item, at: at, allowed: ["shards"], what: "stream '\(name)'")
            let shards = try reader.integer(object, "shards", at: at, range: 1...LocalStream.maximumShardCount) ?? 1
            result.append(StreamConfig(name: name, shards: shards))
        }
        return result
    }

    private func functions(_ value: JSON?, at pointer: JSONPointer, streams: [StreamConfig])
        throws(RunConfigurationError)
        -> [FunctionConfig]
    {
        var result: [FunctionConfig] = []
        let handlers = plugins.functionKinds.map(\.name) + ["ingest"]
        for (name, item) in try members(value, at: pointer, what: "'functions'") {
            let at = pointer / name
            if let problem = AWSNames.functionNameProblem(name) {
                throw reader.error(at, "invalid function name '\(name)': \(problem)", atKey: true)
            }
            if let members = item.objectValue, members["handler"] == nil,
                members.keys.contains(where: { ["command", "returns", "throws"].contains($0) })
            {
                result.append(.local(name: name, handler: try localHandler(item, at: at, what: "function '\(name)'")))
                continue
            }
            guard let kind = item.objectValue?["handler"]?.stringValue else {
                let forms = ["handler", "command", "returns", "throws"]
                let written = item.objectValue?.keys ?? []
                let hint = written.lazy.map { NameSuggestion.didYouMean($0, in: forms) }.first { !$0.isEmpty } ?? ""
                throw reader.error(
                    written.count == 1 ? at / written[0] : at,
                    "function '\(name)' needs \"handler\" (one of \(handlers.map { "'\($0)'" }.joined(separator: ", "))), "
                        + "or \"command\", \"returns\" or \"throws\"" + hint
                )
            }
            let what = "function '\(name)'"
            switch kind {
            case "ingest":
                let object = try reader.object(
                    item, at: at, allowed: ["handler", "stream", "batchSize", "startingPosition", "rawBucket"],
                    what: what)
                var config = IngestFunctionConfig(
                    name: name, stream: try stream(object, at: at, what: what, streams: streams))
                config.batchSize = try reader.integer(object, "batchSize", at: at, range: 1...10_000) ?? 100
                if let position = try reader.string(object, "startingPosition", at: at) {
                    guard let parsed = StartingPosition(rawValue: position) else {
                        let names = StartingPosition.allCases.map(\.rawValue)
                        throw reader.error(
                            at / "startingPosition",
                            "'startingPosition' must be \(names.joined(separator: " or "))\(NameSuggestion.didYouMean(position, in: names))"
                        )
                    }
                    config.startingPosition = parsed
                }
                if let bucket = try reader.string(object, "rawBucket", at: at) {
                    if let problem = AWSNames.bucketNameProblem(bucket) {
                        throw reader.error(at / "rawBucket", problem)
                    }
                    config.rawBucket = bucket
                }
                result.append(.ingest(config))
            default:
                guard let registered = plugins.functionKind(kind) else {
                    throw reader.error(
                        at / "handler",
                        "unknown handler '\(kind)' for \(what): use \(Self.orList(handlers))"
                            + NameSuggestion.didYouMean(kind, in: handlers))
                }
                let object = try reader.object(item, at: at, allowed: ["handler"] + registered.fields, what: what)
                let fields = ConfigFields(
                    reader: reader, object: object, pointer: at, what: what, streams: streams.map(\.name))
                result.append(
                    .registered(
                        RegisteredFunctionConfig(name: name, kind: kind, settings: try registered.parse(fields))))
            }
        }
        return result
    }

    private func stream(_ object: JSONObject, at pointer: JSONPointer, what: String, streams: [StreamConfig])
        throws(RunConfigurationError) -> String
    {
        let name = try reader.requiredString(object, "stream", at: pointer, what: what)
        guard streams.contains(where: { $0.name == name }) else {
            let names = streams.map(\.name)
            throw reader.error(
                pointer / "stream",
                "no stream '\(name)' under 'streams'\(NameSuggestion.didYouMean(name, in: names))"
                    + (names.isEmpty ? "; declare it: \"streams\": {\"\(name)\": {\"shards\": 1}}" : ""))
        }
        return name
    }

    private func glueJobs(_ value: JSON?, at pointer: JSONPointer) throws(RunConfigurationError) -> [GlueJobConfig] {
        var result: [GlueJobConfig] = []
        for (name, item) in try members(value, at: pointer, what: "'glueJobs'") {
            let at = pointer / name
            if let problem = AWSNames.glueJobNameProblem(name) {
                throw reader.error(at, "invalid Glue job name '\(name)': \(problem)", atKey: true)
            }
            let what = "Glue job '\(name)'"
            guard let members = item.objectValue else {
                throw reader.error(at, "\(what) must be an object, not \(item.typeName)")
            }
            let engineName = try reader.string(members, "engine", at: at) ?? GlueJobConfig.defaultEngine
            let names = plugins.glueEngines.map(\.name)
            guard let engine = plugins.glueEngine(engineName) else {
                let known = names.isEmpty ? "no engine is registered" : "use \(Self.orList(names))"
                throw reader.error(
                    members["engine"] == nil ? at : at / "engine",
                    "unknown engine '\(engineName)' for \(what): \(known)\(NameSuggestion.didYouMean(engineName, in: names))"
                )
            }
            let object = try reader.object(
                item, at: at, allowed: ["engine", "input", "output"] + engine.fields, what: what)
            let locations = engine.requiresLocations
            var job = GlueJobConfig(
                name: name, engine: engineName,
                input: locations || object["input"] != nil
                    ? try reader.s3Location(object, "input", at: at, what: what) : nil,
                output: locations || object["output"] != nil
                    ? try reader.s3Location(object, "output", at: at, what: what) : nil)
            var fields = ConfigFields(reader: reader, object: object, pointer: at, what: what, streams: [])
            fields.baseDirectory = baseDirectory
            job.parameters = try engine.parse(fields)
            result.append(job)
        }
        return result
    }

    private func athena(_ value: JSON?, at pointer: JSONPointer) throws(RunConfigurationError) -> AthenaConfig {
        var config = AthenaConfig()
        guard let value else { return config }
        let object = try reader.object(
            value, at: pointer, allowed: ["workGroup", "outputLocation", "setup"], what: "'athena'")
        if let workGroup = try reader.string(object, "workGroup", at: pointer) { config.workGroup = workGroup }
        if object["outputLocation"] != nil {
            config.outputLocation = try reader.s3Location(object, "outputLocation", at: pointer, what: "'athena'")
                .description
        }
        for (index, file) in (try reader.strings(object, "setup", at: pointer) ?? []).enumerated() {
            let sql = try setupScript(file, at: pointer / "setup" / index)
            config.setup.append(AthenaConfig.SetupScript(source: file, sql: sql))
        }
        return config
    }

    /// An `athena.setup` file: a path relative to the configuration file's folder that stays in
    /// its tree (no absolute path, no `..`, no symbolic link on the way, read through
    /// ``DataDirectory``'s rule with the configuration's folder as the root), holding DDL that
    /// parses. Messages name the path, never what an unreadable file holds.
    private func setupScript(_ file: String, at pointer: JSONPointer) throws(RunConfigurationError) -> String {
        if file.hasPrefix("/") || file.hasPrefix("~") {
            throw reader.error(
                pointer,
                "'\(file)' is not inside the configuration's folder: setup files are read relative to the "
                    + "configuration file; write a relative path such as 'ddl/create_tables.sql'")
        }
        let segments = file.split(separator: "/", omittingEmptySubsequences: false)
        if file.isEmpty || segments.contains(where: { $0 == ".." || $0.isEmpty }) {
            throw reader.error(
                pointer,
                "'\(file)' leaves the configuration's folder or has an empty part: a setup file is a relative "
                    + "path below the configuration file's folder, without '..'")
        }
        let folder = DataDirectory(baseDirectory)
        let bytes: [UInt8]?
        do {
            bytes = try folder.contents(of: segments.filter { $0 != "." }.joined(separator: "/"))
        } catch {
            let reason =
                error.linkTarget != nil
                ? "it goes through a symbolic link; setup files are read only from the configuration's folder tree "
                    + "and links are not followed: copy the file into the folder" : error.reason
            throw reader.error(pointer, "cannot read the setup file '\(file)': \(reason)")
        }
        guard let bytes else {
            throw reader.error(pointer, "no such file: \(folder.absolutePath(file))")
        }
        guard let sql = String(validating: bytes, as: UTF8.self) else {
            throw reader.error(pointer, "the setup file '\(file)' is not UTF-8 text")
        }
        do {
            _ = try SQLParser.statements(sql)
        } catch {
            throw reader.error(pointer, "the setup file '\(file)' is not DDL this local Athena runs: \(error.message)")
        }
        return sql
    }

    private func topics(_ value: JSON?, at pointer: JSONPointer) throws(RunConfigurationError) -> [SNSTopic] {
        guard let value else { return [] }
        let object = try reader.object(value, at: pointer, allowed: ["topics"], what: "'sns'")
        var result: [SNSTopic] = []
        for (arn, item) in try members(object["topics"], at: pointer / "topics", what: "'topics'") {
            let at = pointer / "topics" / arn
            guard SNSTopic.isValidARN(arn) else {
                throw reader.error(
                    at, "'\(arn)' is not a topic ARN like arn:aws:sns:us-east-1:123456789012:name", atKey: true)
            }
            let what = "topic '\(arn)'"
            let topicObject = try reader.object(item, at: at, allowed: ["displayName", "subscriptions"], what: what)
            var topic = SNSTopic(arn: arn, displayName: try reader.string(topicObject, "displayName", at: at))
            if let list = topicObject["subscriptions"] {
                guard let array = list.arrayValue else {
                    throw reader.error(at / "subscriptions", "'subscriptions' must be an array")
                }
                for (index, entry) in array.enumerated() {
                    topic.subscriptions.append(try subscription(entry, at: at / "subscriptions" / index))
                }
            }
            result.append(topic)
        }
        return result
    }

    private func subscription(_ value: JSON, at pointer: JSONPointer) throws(RunConfigurationError) -> SNSSubscription {
        let object = try reader.object(value, at: pointer, allowed: ["protocol", "endpoint"], what: "a subscription")
        let name = try reader.requiredString(object, "protocol", at: pointer, what: "a subscription")
        let names = SNSSubscription.DeliveryProtocol.allCases.map(\.rawValue)
        guard let kind = SNSSubscription.DeliveryProtocol(rawValue: name) else {
            throw reader.error(
                pointer / "protocol",
                "unknown protocol '\(name)': use \(names.map { "'\($0)'" }.joined(separator: ", "))\(NameSuggestion.didYouMean(name, in: names))"
            )
        }
        let endpoint = try reader.string(object, "endpoint", at: pointer) ?? ""
        switch kind {
        case .stdout:
            guard endpoint.isEmpty else {
                throw reader.error(pointer / "endpoint", "a 'stdout' subscription has no endpoint")
            }
        case .email, .emailJSON:
            guard endpoint.split(separator: "@").count == 2, !endpoint.contains(" "), !endpoint.contains("\r"),
                !endpoint.contains("\n")
            else { throw reader.error(pointer / "endpoint", "'\(endpoint)' is not an email address") }
        case .file:
            do {
                _ = try SNSPublishHandler.fileInside(URL(filePath: "/"), endpoint)
            } catch {
                throw reader.error(pointer / "endpoint", error.description)
            }
        case .http:
            if case .failure(let problem) = HTTPPoster.endpoint(endpoint) {
                throw reader.error(pointer / "endpoint", problem.description)
            }
        }
        return SNSSubscription(kind, endpoint: endpoint)
    }

    /// `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`.
    static func orList(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        guard let last = quoted.last else { return "" }
        return quoted.count == 1 ? last : quoted.dropLast().joined(separator: ", ") + " or " + last
    }
}
