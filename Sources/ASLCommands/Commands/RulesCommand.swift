import JSONCore
import StatesLanguage

/// `asl rules`: every validation rule with its id, default severity and summary, from
/// ``RuleRegistry/all``.
///
///     ASL-E104  error    Next, Default and Catch targets name a state in the same scope
enum RulesCommand: ASLCommand {
    static var spec: CommandSpec {
        CommandSpec(
            name: "rules",
            summary: "List every validation rule with its id, severity and summary.",
            discussion: nil,
            positionals: nil,
            options: [
                .value(
                    "format", valueName: "format", choices: ["text", "json"],
                    help: "text (default) or json, on standard output.")
            ]
        )
    }

    static func run(_ arguments: ParsedArguments, in context: CommandContext) async -> ExitCode {
        let rules = RuleRegistry.all.sorted { $0.id < $1.id }
        if arguments.value("format") == "json" {
            let list: [JSON] = rules.map { rule in
                [
                    "id": .string(rule.id.rawValue), "severity": .string(rule.severity.rawValue),
                    "summary": .string(rule.summary), "source": .string(rule.source),
                ]
            }
            context.io.writeOutput(JSONWriter.pretty(.array(list)) + "\n")
            return .success
        }
        let idWidth = rules.map { $0.id.rawValue.count }.max() ?? 0
        var text = ""
        for rule in rules {
            text += pad(rule.id.rawValue, to: idWidth) + "  " + pad(rule.severity.rawValue, to: 7) + "  "
            text += rule.summary + "\n"
        }
        context.io.writeOutput(text)
        return .success
    }

    private static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
