public import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime

extension ClickstreamConfig {
    /// Reads and checks a configuration file; `athena.setup` paths are read relative to its folder.
    /// - Throws: ``ClickstreamConfigError`` naming the file, line:column and JSON Pointer.
    public static func load(from url: URL) throws(ClickstreamConfigError) -> ClickstreamConfig {
        let path = url.path(percentEncoded: false)
        let bytes: [UInt8]?
        do {
            bytes = try FileIO.contents(of: path)
        } catch {
            throw ClickstreamConfigError(
                path: path, pointer: .root, location: nil, message: "cannot read the file: \(error.reason)")
        }
        guard let bytes else {
            throw ClickstreamConfigError(path: path, pointer: .root, location: nil, message: "no such file")
        }
        return try parse(bytes, path: path, baseDirectory: url.deletingLastPathComponent())
    }

    /// Parses configuration text.
    /// - Parameters:
    ///   - path: Names the file in errors.
    ///   - baseDirectory: Where relative `athena.setup` paths are read from.
    public static func parse(_ bytes: [UInt8], path: String, baseDirectory: URL) throws(ClickstreamConfigError)
        -> ClickstreamConfig
    {
        let source = SourceFile(path: path, bytes: bytes)
        let document: JSONDocument
        do {
            document = try JSONReader.read(bytes)
        } catch {
            throw ClickstreamConfigError(
                path: path, pointer: .root, location: source.location(ofOffset: error.offset), message: error.message)
        }
        let reader = ConfigReader(path: path, source: source, sourceMap: document.sourceMap)
        return try ConfigParser(reader: reader, baseDirectory: baseDirectory).parse(document.value)
    }
}

/// The field-by-field reading of ``ClickstreamConfig``; the allowed keys of each object are listed
/// where it is read, so unknown ones get a "did you mean".
private struct ConfigParser {
    let reader: ConfigReader
    let baseDirectory: URL

    func parse(_ root: JSON) throws(ClickstreamConfigError) -> ClickstreamConfig {
        let pointer = JSONPointer.root
        let object = try reader.object(
            root, at: pointer,
            allowed: [
                "$comment", "dataDirectory", "seed", "region", "account", "streams", "functions", "glueJobs", "athena",
                "sns", "stateMachineName", "resources", "services",
            ],
            what: "the configuration")
        var config = ClickstreamConfig()
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
    private func localHandler(_ item: JSON, at pointer: JSONPointer, what: String) throws(ClickstreamConfigError)
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

    private func members(_ value: JSON?, at pointer: JSONPointer, what: String) throws(ClickstreamConfigError)
        -> [(String, JSON)]
    {
        guard let value else { return [] }
        guard let object = value.objectValue else {
            throw reader.error(pointer, "\(what) must be an object keyed by name")
        }
        return object.map { ($0.key, $0.value) }
    }

    private func streams(_ value: JSON?, at pointer: JSONPointer) throws(ClickstreamConfigError) -> [StreamConfig] {
        var result: [StreamConfig] = []
        for (name, item) in try members(value, at: pointer, what: "'streams'") {
            let at = pointer / name
            guard (1...128).contains(name.utf8.count),
                name.unicodeScalars.allSatisfy({
                    $0.isASCII
                        && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0))
                })
            else {
                throw reader.error(
                    at, "invalid stream name '\(name)': use 1 to 128 letters, digits, '_', '.' and '-'", atKey: true)
            }
            let object = try reader.object(item, at: at, allowed: ["shards"], what: "stream '\(name)'")
            let shards = try reader.integer(object, "shards", at: at, range: 1...LocalStream.maximumShardCount) ?? 1
            result.append(StreamConfig(name: name, shards: shards))
        }
        return result
    }

    private func functions(_ value: JSON?, at pointer: JSONPointer, streams: [StreamConfig])
        throws(ClickstreamConfigError)
        -> [FunctionConfig]
    {
        var result: [FunctionConfig] = []
        let handlers = ["simulator", "ingest"]
        for (name, item) in try members(value, at: pointer, what: "'functions'") {
            let at = pointer / name
            guard (1...64).contains(name.utf8.count),
                name.unicodeScalars.allSatisfy({
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
                })
            else {
                throw reader.error(
                    at, "invalid function name '\(name)': use 1 to 64 letters, digits, '-' and '_'", atKey: true)
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
            case "simulator":
                let object = try reader.object(
                    item, at: at, allowed: ["handler", "stream", "recordCount", "eventsPerSecond"], what: what)
                var config = SimulatorFunctionConfig(
                    name: name, stream: try stream(object, at: at, what: what, streams: streams))
                // No fixed ceiling: the simulator refuses, when it runs, a count the machine cannot hold.
                config.recordCount =
                    try reader.integer(object, "recordCount", at: at, range: 0...SimulatorFunctionConfig.largestCount)
                    ?? 20
                config.eventsPerSecond = try reader.number(object, "eventsPerSecond", at: at, range: 0.001...1000) ?? 1
                result.append(.simulator(config))
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
                    if let problem = S3Location.bucketProblem(bucket) { throw reader.error(at / "rawBucket", problem) }
                    config.rawBucket = bucket
                }
                result.append(.ingest(config))
            default:
                throw reader.error(
                    at / "handler",
                    "unknown handler '\(kind)' for \(what): use 'simulator' or 'ingest'\(NameSuggestion.didYouMean(kind, in: handlers))"
                )
            }
        }
        return result
    }

    private func stream(_ object: JSONObject, at pointer: JSONPointer, what: String, streams: [StreamConfig])
        throws(ClickstreamConfigError) -> String
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

    private func glueJobs(_ value: JSON?, at pointer: JSONPointer) throws(ClickstreamConfigError) -> [GlueJobConfig] {
        var result: [GlueJobConfig] = []
        for (name, item) in try members(value, at: pointer, what: "'glueJobs'") {
            let at = pointer / name
            let what = "Glue job '\(name)'"
            let object = try reader.object(
                item, at: at, allowed: ["input", "output", "partitionKeys", "compression", "rowGroupRows"], what: what)
            var job = GlueJobConfig(
                name: name, input: try reader.s3Location(object, "input", at: at, what: what),
                output: try reader.s3Location(object, "output", at: at, what: what))
            if let keys = try reader.strings(object, "partitionKeys", at: at) { job.partitionKeys = keys }
            if let compression = try reader.string(object, "compression", at: at) {
                guard GlueJobConfig.compressions.contains(compression) else {
                    throw reader.error(
                        at / "compression",
                        "'compression' must be \(GlueJobConfig.compressions.joined(separator: " or "))"
                            + NameSuggestion.didYouMean(compression, in: GlueJobConfig.compressions))
                }
                job.compression = compression
            }
            job.rowGroupRows = try reader.integer(object, "rowGroupRows", at: at, range: 1...100_000_000) ?? 100_000
            result.append(job)
        }
        return result
    }

    private func athena(_ value: JSON?, at pointer: JSONPointer) throws(ClickstreamConfigError) -> AthenaConfig {
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
            let url = file.hasPrefix("/") ? URL(filePath: file) : baseDirectory.appending(path: file)
            let bytes: [UInt8]?
            do {
                bytes = try FileIO.contents(of: url.path(percentEncoded: false))
            } catch {
                throw reader.error(
                    pointer / "setup" / index, "cannot read \(url.path(percentEncoded: false)): \(error.reason)")
            }
            guard let bytes else {
                throw reader.error(pointer / "setup" / index, "no such file: \(url.path(percentEncoded: false))")
            }
            config.setup.append(AthenaConfig.SetupScript(source: file, sql: String(decoding: bytes, as: UTF8.self)))
        }
        return config
    }

    private func topics(_ value: JSON?, at pointer: JSONPointer) throws(ClickstreamConfigError) -> [SNSTopic] {
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

    private func subscription(_ value: JSON, at pointer: JSONPointer) throws(ClickstreamConfigError) -> SNSSubscription
    {
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
}
