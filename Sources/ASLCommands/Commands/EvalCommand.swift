import Foundation
import JSONCore
import JSONata
import StatesLanguage

/// `asl eval EXPRESSION`: evaluates one JSONata expression as a JSONata state's field would.
///
/// What is bound (SPEC-NOTES 13.2): `$states.input` is the input (absent when no input is given);
/// the context `$` is undefined, as in a state, where AWS refuses top-level field references; the
/// `--bindings` object's members are variables (`{"x": 1}` binds `$x`); AWS's functions
/// (`$partition`, `$range`, `$hash`, `$random`, `$uuid`, `$parse`) are available and `$eval` is not;
/// `$now()`/`$millis()` read `--clock` and `$random()`/`$uuid()` draw from `--seed`.
///
/// Text form: the result as pretty JSON on standard output (nothing for undefined, with a note on
/// standard error). JSON form: exactly one object, `{"result": …}`, `{"undefined": true}` or
/// `{"error": {"code", "message", "position"}}`. Exit: 0 a result or undefined, 1 an error in the
/// expression (syntax or evaluation), 2 a usage problem.
enum EvalCommand: ASLCommand {
    static var spec: CommandSpec {
        CommandSpec(
            name: "eval",
            summary: "Evaluate a JSONata expression as a JSONata state would.",
            discussion: """
                $states.input is the input (--input, --input-file; undefined without one); the context $ is
                undefined, as in a state. --bindings binds variables ({"x": 1} gives $x). AWS's functions
                ($partition, $range, $hash, $random, $uuid, $parse) are available and $eval is not, as on AWS.
                Exit status: 0 for a result or undefined, 1 when the expression fails, 2 for a usage problem.
                """,
            positionals: PositionalSpec(
                name: "EXPRESSION", help: "The JSONata expression (without {% %}).", minimum: 1, maximum: 1),
            options: [
                .value("input", valueName: "JSON", help: "The state input ($states.input), as JSON text."),
                .value("input-file", valueName: "FILE", help: "A file holding the input; '-' reads standard input."),
                .value("bindings", valueName: "FILE", help: "A JSON object of variables ({\"x\": 1} binds $x)."),
                .value(
                    "format", valueName: "format", choices: ["text", "json"],
                    help: "text (default: pretty JSON) or json (one object: result, undefined or error)."),
                .value(
                    "clock", valueName: "ISO8601",
                    help: "The instant $now() and $millis() return (default: the current time)."),
                .value("seed", valueName: "N", help: "Seed of $random() and $uuid() (default: a random seed)."),
            ]
        )
    }

    /// Why the command stops before evaluating; its message is already printed.
    struct Stop: Error {}

    static func run(_ arguments: ParsedArguments, in context: CommandContext) async -> ExitCode {
        let options: Options
        do {
            options = try Options(arguments)
        } catch {
            return context.reportUsageError(error, spec: spec)
        }
        let input: JSON?
        let bindings: [String: JSON]
        do {
            input = try readInput(options, in: context)
            bindings = try readBindings(options.bindingsPath, in: context)
        } catch {
            return .usage
        }
        var variables = bindings
        var states = JSONObject()
        if let input { states["input"] = input }
        variables["states"] = .object(states)
        let environment = JSONata.EvaluationEnvironment(
            millis: options.millis, random: JSONata.SeededRandom(seed: options.seed),
            hostFunctions: AWSJSONataFunctions.hostFunctions(), deniedFunctions: AWSJSONataFunctions.denied)
        let outcome: Result<JSON?, JSONataError>
        do {
            let expression = try JSONata.Expression(parsing: options.expression)
            warnAboutAWSRefusals(expression.references(), in: context)
            outcome = .success(try expression.evaluate(input: nil, bindings: variables, environment: environment))
        } catch {
            outcome = .failure(error)
        }
        return report(outcome, json: options.json, in: context)
    }

    /// AWS refuses these in a state's field at creation (ASL-E305); evaluation goes on, as a note.
    private static func warnAboutAWSRefusals(_ references: JSONata.References, in context: CommandContext) {
        var seen: Set<String> = []
        for field in references.topLevelFields where seen.insert(field.name).inserted {
            context.io.writeError(
                "note: AWS refuses this in a state: Reference to '\(TerminalText.name(field.name))' at the top level "
                    + "is not supported. (read the input as $states.input.\(TerminalText.name(field.name)))\n")
        }
        if !references.rootReferences.isEmpty {
            context.io.writeError("note: AWS refuses this in a state: Reference to '$$' is not supported.\n")
        }
    }

    private static func report(_ outcome: Result<JSON?, JSONataError>, json: Bool, in context: CommandContext)
        -> ExitCode
    {
        switch outcome {
        case .success(let value?):
            context.io.writeOutput((json ? JSONWriter.compact(["result": value]) : JSONWriter.pretty(value)) + "\n")
            return .success
        case .success(nil):
            if json {
                context.io.writeOutput(JSONWriter.compact(["undefined": true]) + "\n")
            } else {
                context.io.writeError("note: the expression evaluated to undefined (no value)\n")
            }
            return .success
        case .failure(let error):
            if json {
                let code: JSON = error.code.isEmpty ? .null : .string(error.code)
                let position: JSON = error.position.map { .number(JSONNumber($0)) } ?? .null
                let body: JSON = ["code": code, "message": .string(error.message), "position": position]
                context.io.writeOutput(JSONWriter.compact(["error": body]) + "\n")
            } else {
                let code = error.code.isEmpty ? "" : "\(error.code): "
                let position = error.position.map { " (at position \($0))" } ?? ""
                context.writeErrorMessage("\(code)\(error.message)\(position)")
            }
            return .failure
        }
    }

    private static func readInput(_ options: Options, in context: CommandContext) throws(Stop) -> JSON? {
        switch options.input {
        case nil:
            return nil
        case .text(let text)?:
            return try parse(Array(text.utf8), origin: "--input", in: context)
        case .file(let path)?:
            let bytes: [UInt8]
            do {
                bytes = path == "-" ? try context.io.readStandardInput() : try context.io.readFile(path)
            } catch {
                context.writeErrorMessage(
                    "cannot read '\(TerminalText.escaped(path))': \(FileReadError.reason(of: error))")
                throw Stop()
            }
            return try parse(bytes, origin: path == "-" ? "standard input" : TerminalText.escaped(path), in: context)
        }
    }

    private static func readBindings(_ path: String?, in context: CommandContext) throws(Stop) -> [String: JSON] {
        guard let path else { return [:] }
        let bytes: [UInt8]
        do {
            bytes = try context.io.readFile(path)
        } catch {
            context.writeErrorMessage("cannot read '\(TerminalText.escaped(path))': \(FileReadError.reason(of: error))")
            throw Stop()
        }
        guard case .object(let object) = try parse(bytes, origin: TerminalText.escaped(path), in: context) else {
            context.writeErrorMessage(
                "the bindings in '\(TerminalText.escaped(path))' must be a JSON object of variables, such as {\"x\": 1}"
            )
            throw Stop()
        }
        var bindings: [String: JSON] = [:]
        for (key, value) in object {
            let name = key.hasPrefix("$") ? String(key.dropFirst()) : key
            guard !name.isEmpty, name != "states" else {
                context.writeErrorMessage(
                    "the bindings in '\(TerminalText.escaped(path))' name '\(TerminalText.name(key))', which is not "
                        + "a variable name ('states' is reserved); rename it")
                throw Stop()
            }
            bindings[name] = value
        }
        return bindings
    }

    private static func parse(_ bytes: [UInt8], origin: String, in context: CommandContext) throws(Stop) -> JSON {
        do {
            return try JSONReader.read(bytes, options: .init(recordsSourceMap: false)).value
        } catch {
            let location = SourceLineTable(bytes).location(ofOffset: error.offset)
            context.writeErrorMessage(
                "\(origin) is not valid JSON: \(error.message) (at \(location.line):\(location.column))")
            throw Stop()
        }
    }

    /// The command line as typed values.
    struct Options {
        enum Input {
            case text(String)
            case file(String)
        }

        var expression: String
        var input: Input?
        var bindingsPath: String?
        var json: Bool
        var millis: Double
        var seed: UInt64

        init(_ arguments: ParsedArguments) throws(UsageError) {
            guard let expression = arguments.positionals.first else {
                throw UsageError("missing argument 'EXPRESSION'")
            }
            self.expression = expression
            switch (arguments.value("input"), arguments.value("input-file")) {
            case (.some, .some):
                throw UsageError("--input and --input-file cannot be used together")
            case (.some(let text), nil):
                guard text.contains(where: { !$0.isWhitespace }) else {
                    throw UsageError("option '--input' is empty; give JSON text (for no input, leave the option out)")
                }
                input = .text(text)
            case (nil, .some(let file)):
                guard !file.isEmpty else { throw UsageError("option '--input-file' is empty; give a file path") }
                input = .file(file)
            case (nil, nil):
                input = nil
            }
            if let path = arguments.value("bindings") {
                guard !path.isEmpty else { throw UsageError("option '--bindings' is empty; give a file path") }
                bindingsPath = path
            }
            json = arguments.value("format") == "json"
            if let text = arguments.value("clock") {
                guard let instant = TimestampLiteral(text).instant else {
                    throw UsageError(
                        "invalid value '\(TerminalText.name(text))' for '--clock': use an ISO 8601 instant such as "
                            + "2024-01-01T00:00:00Z")
                }
                millis = Double(instant.epochSeconds) * 1000 + Double(instant.nanoseconds / 1_000_000)
            } else {
                millis = (Date().timeIntervalSince1970 * 1000).rounded(.down)
            }
            seed = try arguments.value("seed").map(RunOptions.seed) ?? UInt64.random(in: 0...UInt64.max)
        }
    }
}
