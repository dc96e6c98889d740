import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Testing

@testable import LocalAWS

/// A function kind for the tests: `{"handler": "echo", "text": "…"}` answers `{"echo": text}`.
struct EchoFunctionKind: LambdaFunctionKind {
    var name: String { "echo" }
    var fields: [String] { ["text"] }

    func parse(_ fields: ConfigFields) throws(RunConfigurationError) -> JSON {
        let text = try fields.requiredString("text")
        guard !text.isEmpty else { throw fields.error("text", "'text' cannot be empty") }
        return ["text": .string(text)]
    }

    func makeHandler(for function: RegisteredFunctionConfig, services: LocalServices) throws(LocalServicesError)
        -> any TaskHandler
    {
        let text = function.settings["text"] ?? .null
        return ClosureTaskHandler { _ in ["echo": text] }
    }
}

/// A Glue engine for the tests: copies every input file to the output, reporting how many.
struct CopyEngine: GlueEngine {
    var name: String { "copy" }
    var fields: [String] { ["suffix"] }

    func parse(_ fields: ConfigFields) throws(RunConfigurationError) -> JSON {
        ["suffix": .string(try fields.string("suffix") ?? "")]
    }

    func run(_ job: GlueEngineJob) throws(ETLError) -> ETLReport {
        let files = try InputFiles.list(InputRoot.open(job.inputDirectory, within: job.dataDirectory))
        let suffix = job.parameters["suffix"]?.stringValue ?? ""
        for file in files {
            let target = job.outputDirectory.appending(path: file.relativePath + suffix).path(percentEncoded: false)
            guard
                FileManager.default.createFile(
                    atPath: target, contents: FileManager.default.contents(atPath: file.path))
            else { throw ETLError(.outputUnwritable, path: target, "cannot write \(target)") }
        }
        return ETLReport(filesRead: files.count, rowsWritten: files.count, outputFiles: files.map { $0.relativePath })
    }
}

@Suite struct PluginTests {
    static var plugins: LocalPlugins {
        var plugins = LocalPlugins()
        plugins.register(EchoFunctionKind())
        plugins.register(CopyEngine())
        return plugins
    }

    static func parse(_ text: String, plugins: LocalPlugins = Self.plugins) throws(RunConfigurationError)
        -> RunConfiguration
    {
        try RunConfiguration.parse(
            Array(text.utf8), path: "asl.config.json", baseDirectory: URL(filePath: "/nowhere"), plugins: plugins)
    }

    struct Mistake: Sendable, CustomTestStringConvertible {
        let text: String
        let pointer: String
        let message: String
        var withPlugins = true
        var testDescription: String { message }
    }

    static let mistakes: [Mistake] = [
        Mistake(
            text: #"{"functions": {"f": {"handler": "ecko", "text": "x"}}}"#, pointer: "/functions/f/handler",
            message: "unknown handler 'ecko' for function 'f': use 'echo' or 'ingest' (did you mean 'echo'?)"),
        Mistake(
            text: #"{"functions": {"f": {"handler": "simulator", "stream": "s"}}}"#, pointer: "/functions/f/handler",
            message: "unknown handler 'simulator' for function 'f': use 'ingest'", withPlugins: false),
        Mistake(
            text: #"{"functions": {"f": {"handler": "echo", "txt": "x"}}}"#, pointer: "/functions/f/txt",
            message: "unknown field 'txt' in function 'f' (did you mean 'text'?)"),
        Mistake(
            text: #"{"functions": {"f": {"handler": "echo", "text": ""}}}"#, pointer: "/functions/f/text",
            message: "'text' cannot be empty"),
        Mistake(
            text: #"{"glueJobs": {"j": {"engine": "cpy", "input": "s3://in-bucket/", "output": "s3://out-bucket/"}}}"#,
            pointer: "/glueJobs/j/engine",
            message: "unknown engine 'cpy' for Glue job 'j': use 'copy' (did you mean 'copy'?)"),
        Mistake(
            text: #"{"glueJobs": {"j": {"input": "s3://in-bucket/", "output": "s3://out-bucket/"}}}"#,
            pointer: "/glueJobs/j", message: "unknown engine 'native' for Glue job 'j': use 'copy'"),
        Mistake(
            text: #"{"glueJobs": {"j": {"input": "s3://in-bucket/", "output": "s3://out-bucket/"}}}"#,
            pointer: "/glueJobs/j", message: "unknown engine 'native' for Glue job 'j': no engine is registered",
            withPlugins: false),
        Mistake(
            text:
                #"{"glueJobs": {"j": {"engine": "copy", "input": "s3://in-bucket/", "output": "s3://out-bucket/", "sufix": "x"}}}"#,
            pointer: "/glueJobs/j/sufix", message: "unknown field 'sufix' in Glue job 'j' (did you mean 'suffix'?)"),
        Mistake(
            text: #"{"glueJobs": {"j": {"engine": 7, "input": "s3://in-bucket/", "output": "s3://out-bucket/"}}}"#,
            pointer: "/glueJobs/j/engine", message: "'engine' must be a string, not number"),
    ]

    @Test(arguments: mistakes)
    func unknownKindsAndFieldsAreLocatedWithADidYouMean(_ c: Mistake) {
        do {
            _ = try Self.parse(c.text, plugins: c.withPlugins ? Self.plugins : LocalPlugins())
            Issue.record("accepted \(c.text)")
        } catch {
            #expect(error.message == c.message)
            #expect(error.pointer.description == c.pointer)
            #expect(error.location != nil)
        }
    }

    @Test func registeredKindsAndEnginesServeTheRun() async throws {
        try await TemporaryDirectory.with { directory in
            let config = try Self.parse(
                #"""
                {"functions": {"greeter": {"handler": "echo", "text": "hi"}},
                 "glueJobs": {"job": {"engine": "copy", "input": "s3://in-bucket/", "output": "s3://out-bucket/",
                                      "suffix": ".bak"}}}
                """#)
            #expect(
                config.functions == [
                    .registered(RegisteredFunctionConfig(name: "greeter", kind: "echo", settings: ["text": "hi"]))
                ])
            #expect(config.glueJobs.first?.engine == "copy" && config.glueJobs.first?.parameters == ["suffix": ".bak"])
            let services = try LocalServices(config: config, dataDirectory: directory.url, plugins: Self.plugins)
            try services.store.put("1", at: S3Location(parsing: "s3://in-bucket/a.txt"))
            var registry = HandlerRegistry()
            try services.register(into: &registry)
            let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_704_456_000))
            func call(_ resource: String, _ parameters: JSON) async throws -> JSON {
                let arn = TaskResource(resource)
                let handler = try #require(registry.resolve(arn, parameters: parameters))
                return try await handler.handle(
                    TaskRequest(
                        resource: arn, stateName: "S", parameters: parameters,
                        context: ["Execution": ["Id": "e"], "State": ["Name": "S"]], clock: clock))
            }
            #expect(try await call("arn:aws:lambda:us-east-1:123456789012:function:greeter", [:]) == ["echo": "hi"])
            let run = try await call("arn:aws:states:::glue:startJobRun.sync", ["JobName": "job"])
            #expect(run["JobRunState"] == "SUCCEEDED" && run["LocalReport"]?["filesRead"] == 1)
            #expect(try services.store.read(S3Location(parsing: "s3://out-bucket/a.txt.bak")) == Array("1".utf8))
        }
    }

    @Test func servicesWithoutTheKindTheConfigurationNamesRefuseToRegister() async throws {
        try await TemporaryDirectory.with { directory in
            let config = try Self.parse(#"{"functions": {"greeter": {"handler": "echo", "text": "hi"}}}"#)
            let services = try LocalServices(config: config, dataDirectory: directory.url)
            var registry = HandlerRegistry()
            #expect {
                try services.register(into: &registry)
            } throws: { error in
                "\(error)" == "function 'greeter': no handler kind 'echo' is registered"
            }
        }
    }
}
