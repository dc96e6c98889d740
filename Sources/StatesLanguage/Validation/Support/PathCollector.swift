import JSONCore

/// Every JSONPath `Path` a state reads that starts at a variable (`$name`), with the field it is
/// written in: I/O paths, `"key.$"` values of templates (intrinsic arguments included), Choice
/// variables and operands, `…Path` fields. JSONata expressions are not looked into.
///
/// Only variable paths are kept because only ``UnassignedVariable`` asks; the others (almost
/// all of them) are looked at and dropped without being stored.
struct PathCollector {
    struct Use {
        var path: Path
        /// Field name for messages (`Parameters`, `Variable`, `SecondsPath`, …).
        var field: String
    }

    private(set) var uses: [Use] = []

    init(_ state: State) {
        if let io = state.ioForValidation {
            add(io.inputPath, "InputPath")
            add(io.outputPath, "OutputPath")
            add(io.parameters, "Parameters")
            if let selector = io.resultSelector { add(selector, "ResultSelector") }
        }
        add(state.assign, "Assign")
        for catcher in state.handlersForValidation?.catchers ?? [] { add(catcher.assign, "Catch Assign") }
        switch state {
        case .task(let task):
            add(task.timeoutSeconds, "TimeoutSecondsPath")
            add(task.heartbeatSeconds, "HeartbeatSecondsPath")
            add(task.credentials, "Credentials")
        case .wait(let wait):
            switch wait.duration {
            case .seconds(.path(let path)): record(path, "SecondsPath")
            case .timestamp(.path(let path)): record(path, "TimestampPath")
            default: break
            }
        case .fail(let fail):
            if case .path(let path) = fail.error { record(path, "ErrorPath") }
            if case .path(let path) = fail.cause { record(path, "CausePath") }
        case .map(let map):
            if case .path(let path) = map.items { record(path, "ItemsPath") }
            add(map.itemSelector, "ItemSelector")
            add(map.maxConcurrency, "MaxConcurrencyPath")
            add(map.toleratedFailureCount, "ToleratedFailureCountPath")
            if case .path(let path) = map.toleratedFailurePercentage {
                record(path, "ToleratedFailurePercentagePath")
            }
        case .choice(let choice):
            for branch in choice.choices {
                add(branch.assign, "Choices Assign")
                var stack = [branch.rule]
                while let rule = stack.popLast() {
                    switch rule.kind {
                    case .comparison(let comparison):
                        record(comparison.variable, "Variable")
                        if case .path(let path) = comparison.operand {
                            record(path, comparison.comparisonOperator.rawValue)
                        }
                    case .and(let rules), .or(let rules): stack.append(contentsOf: rules)
                    case .not(let inner): stack.append(inner)
                    case .condition: break
                    }
                }
            }
        default:
            break
        }
    }

    private mutating func record(_ path: Path, _ field: String) {
        if case .variable = path.root { uses.append(Use(path: path, field: field)) }
    }

    private mutating func add(_ value: PathOrNull?, _ field: String) {
        if case .path(let path) = value { record(path, field) }
    }

    private mutating func add(_ value: DynamicInteger?, _ field: String) {
        if case .path(let path) = value { record(path, field) }
    }

    private mutating func add(_ value: DynamicTemplate?, _ field: String) {
        if case .jsonPath(let template) = value { add(template, field) }
    }

    // The explicit stacks fix the order uses are found in (nested templates and calls after their
    // parent's own fields, last first), which decides the order of UnassignedVariable's diagnostics.

    private mutating func add(_ template: PayloadTemplate, _ field: String) {
        if case .literal = template { return }
        var stack = [template]
        while let template = stack.popLast() {
            switch template {
            case .literal: break
            case .array(let elements): stack.append(contentsOf: elements)
            case .object(let fields):
                for member in fields {
                    switch member.value {
                    case .template(let nested): stack.append(nested)
                    case .dynamic(.path(let path)): record(path, field)
                    case .dynamic(.intrinsic(let call)): add(call, field)
                    }
                }
            }
        }
    }

    private mutating func add(_ call: IntrinsicCall, _ field: String) {
        var calls = [call]
        while let call = calls.popLast() {
            for argument in call.arguments {
                switch argument {
                case .path(let path): record(path, field)
                case .call(let nested): calls.append(nested)
                default: break
                }
            }
        }
    }
}
