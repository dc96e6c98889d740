import JSONCore

/// ASL-E215: with ``ValidationOptions/isExpress``, a feature EXPRESS state machines do not
/// support: `.sync` and `.waitForTaskToken` integrations, activities, and Distributed Map.
///
/// Source: AWS developer guide, "Choosing workflow type" and "Discover service integration
/// patterns" (Express supports only Request Response); observed AWS texts `Express state
/// machine does not support '.waitForTaskToken' service integration` and `The field 'Mode'
/// with value 'DISTRIBUTED' is not supported inside 'EXPRESS' state machines`.
enum ExpressRestrictions: ValidationRule {
    static let description = RuleDescription(
        id: "ASL-E215", severity: .error,
        summary: "EXPRESS machines: no .sync/.waitForTaskToken integrations, activities or Distributed Map",
        source: "AWS developer guide, \"Choosing workflow type in Step Functions\"")
    static let targets: [RuleTarget] = [.state(.task), .state(.map)]

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard context.options.isExpress else { return }
        switch state {
        case .task(let task):
            switch context.resource(of: state)?.kind {
            case .activity:
                diagnostics.append(diagnostic(activityMessage(state.name), at: task.resourcePointer))
            case .optimized(_, _, let pattern), .sdk(_, _, let pattern):
                let base: String
                switch pattern {
                case .sync, .sync2: base = ".sync"
                case .waitForTaskToken: base = ".waitForTaskToken"
                case .requestResponse, .unknown: return
                }
                diagnostics.append(
                    diagnostic(
                        patternMessage(state.name, pattern: base), at: task.resourcePointer,
                        fixIt:
                            "remove \(DiagnosticText.quoted(pattern.suffix)), or create the state machine as STANDARD"))
            default:
                break
            }
        case .map(let map) where map.processorMode == .distributed:
            let processor = map.usesLegacyIterator ? "Iterator" : "ItemProcessor"
            diagnostics.append(
                diagnostic(
                    distributedMessage(state.name), at: state.pointer / processor / "ProcessorConfig" / "Mode"))
        default:
            break
        }
    }
}

extension ExpressRestrictions {
    fileprivate static func patternMessage(_ state: String, pattern: String) -> String {
        "Express state machine does not support '\(pattern)' service integration (state \(DiagnosticText.quoted(state)))"
    }

    fileprivate static func activityMessage(_ state: String) -> String {
        "Express state machine does not support activities (state \(DiagnosticText.quoted(state)))"
    }

    fileprivate static func distributedMessage(_ state: String) -> String {
        "The field 'Mode' with value 'DISTRIBUTED' is not supported inside 'EXPRESS' state machines "
            + "(Map state \(DiagnosticText.quoted(state)))"
    }
}
