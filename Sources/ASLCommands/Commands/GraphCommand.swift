import JSONCore
import StatesLanguage
import StatesRuntime

/// `asl graph DEFINITION`: the state graph in Graphviz DOT (default) or as a Mermaid flowchart,
/// optionally with the path one execution took (`--history FILE`, as `asl run --history`
/// writes it) or what tests covered (`--coverage FILE`, a coverage JSON file) drawn over it.
///
///     asl graph machine.asl.json | dot -Tsvg > machine.svg
///
/// Exit: 0 written, 2 a usage problem, an unreadable or invalid definition, history or coverage
/// file, or an output file that cannot be written. SPEC-NOTES.md §16.7.
enum GraphCommand: ASLCommand {
    static var spec: CommandSpec {
        CommandSpec(
            name: "graph",
            summary: "Draw a state machine as a Graphviz (DOT) or Mermaid graph.",
            discussion: """
                Parallel branches and Map processors are nested clusters, Choice edges carry their condition,
                Catch edges are dashed with their error names, retries are noted on their state. --history
                draws the path an execution took (blue; the state it failed in red); --coverage draws what
                tests never reached in grey dashes and shows how often each state and edge was taken.
                Render DOT with Graphviz: asl graph machine.json | dot -Tsvg > machine.svg
                """,
            positionals: PositionalSpec(
                name: "DEFINITION", help: "The state machine definition; '-' reads standard input.", minimum: 1,
                maximum: 1),
            options: [
                .value(
                    "format", valueName: "format", choices: ["dot", "mermaid"],
                    help: "dot (default: Graphviz) or mermaid (a flowchart for Markdown)."),
                .value(
                    "history", valueName: "FILE", help: "Highlight the path of the execution whose history is in FILE."),
                .value(
                    "coverage", valueName: "FILE", help: "Mark what the coverage JSON file FILE shows as not covered."),
                .value("output", valueName: "FILE", help: "Write the graph to FILE instead of standard output."),
            ]
        )
    }

    private struct Stop: Error {}

    static func run(_ arguments: ParsedArguments, in context: CommandContext) async -> ExitCode {
        guard let path = arguments.positionals.first else { return .usage }
        do {
            let resolved = try loadMachine(path, in: context)
            let graph = StateGraph(resolved)
            var overlay = GraphOverlay()
            if let historyPath = arguments.value("history") {
                let json = try readJSON(historyPath, what: "history", in: context)
                do throws(CoverageError) {
                    overlay = try GraphOverlay.history(json, graph: graph)
                } catch {
                    context.writeErrorMessage("\(TerminalText.escaped(historyPath)): \(error.message)")
                    throw Stop()
                }
            }
            if let coveragePath = arguments.value("coverage") {
                let json = try readJSON(coveragePath, what: "coverage", in: context)
                do throws(CoverageError) {
                    overlay.coverage = try CoverageReport(json: json, model: graph.model)
                } catch {
                    context.writeErrorMessage("\(TerminalText.escaped(coveragePath)): \(error.message)")
                    throw Stop()
                }
            }
            let text =
                arguments.value("format") == "mermaid" ? graph.mermaid(overlay: overlay) : graph.dot(overlay: overlay)
            guard let output = arguments.value("output") else {
                context.io.writeOutput(text)
                return .success
            }
            do {
                try context.io.writeFile(output, Array(text.utf8))
            } catch {
                context.writeErrorMessage(
                    "cannot write '\(TerminalText.escaped(output))': \(FileReadError.reason(of: error))")
                return .usage
            }
            return .success
        } catch {
            return .usage
        }
    }

    /// Reads and analyzes the definition; an invalid one is reported as `asl validate` reports it.
    private static func loadMachine(_ path: String, in context: CommandContext) throws(Stop) -> ResolvedStateMachine {
        let io = context.io
        let name = path == "-" ? "<stdin>" : path
        let bytes: [UInt8]
        do {
            bytes = path == "-" ? try io.readStandardInput() : try io.readFile(path)
        } catch {
            context.writeErrorMessage("cannot read '\(TerminalText.escaped(name))': \(FileReadError.reason(of: error))")
            throw Stop()
        }
        let source = SourceFile(path: name, bytes: bytes)
        let analysis = DefinitionAnalyzer.analyze(source)
        guard !analysis.hasErrors, let machine = analysis.machine, let resolved = try? ResolvedStateMachine(machine)
        else {
            let renderer = TextRenderer(showsExcerpt: true, usesColor: TerminalColor.isEnabled(for: io))
            let errors = analysis.diagnostics.filter { $0.severity == .error }
            io.writeError(renderer.render([DiagnosticReport(source: source, diagnostics: errors)]))
            context.writeErrorMessage("\(TerminalText.escaped(name)) is not a valid state machine; nothing was drawn")
            throw Stop()
        }
        return resolved
    }

    /// Reads a JSON file; a syntax error is reported with its line and column.
    private static func readJSON(_ path: String, what: String, in context: CommandContext) throws(Stop) -> JSON {
        let bytes: [UInt8]
        do {
            bytes = try context.io.readFile(path)
        } catch {
            context.writeErrorMessage(
                "cannot read \(what) file '\(TerminalText.escaped(path))': \(FileReadError.reason(of: error))")
            throw Stop()
        }
        do {
            return try JSONReader.read(bytes, options: .init(recordsSourceMap: false)).value
        } catch {
            let location = SourceLineTable(bytes).location(ofOffset: error.offset)
            context.writeErrorMessage("\(TerminalText.escaped(path)):\(location): \(error.message)")
            throw Stop()
        }
    }
}
