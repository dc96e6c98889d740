import JSONCore

/// ASL-E209: a field that must hold a reference path holds a path that can select several
/// nodes (wildcards, `..`, filters, slices, unions).
///
/// Fields: `ItemsPath`, Choice `Variable` and every `…Path` comparison operand, Wait
/// `SecondsPath`/`TimestampPath`, Task `TimeoutSecondsPath`/`HeartbeatSecondsPath`, Map
/// `MaxConcurrencyPath`, `ToleratedFailurePercentagePath`/`ToleratedFailureCountPath`,
/// ReaderConfig `MaxItemsPath` and ItemBatcher `MaxItemsPerBatchPath`/`MaxInputBytesPerBatchPath`.
///
/// Source: AWS developer guide, "Reference Paths"; statelint j2119 types these fields
/// `referencePath`. Rationale: any root is accepted (`$`, `$$` and `$name` all name one node),
/// since statelint and LocalStack allow context and variable paths in these fields.
enum ReferencePathRequired: ValidationRule {
    static let description = RuleDescription(
        id: "ASL-E209", severity: .error,
        summary: "Fields such as ItemsPath, Variable, SecondsPath and TimeoutSecondsPath need a reference path",
        source: "AWS developer guide, \"Reference Paths\"; statelint referencePath fields")
    static let targets: [RuleTarget] = [.state(.task), .state(.choice), .state(.wait), .state(.map)]

    /// A path field to check: its name, its path, and the pointer of the object holding it (the
    /// field's pointer is built only for a diagnostic).
    private struct Field {
        var name: String
        var path: Path
        var owner: JSONPointer
    }

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        let pointer = state.pointer
        var fields: [Field] = []
        func add(_ field: String, _ value: DynamicInteger?, at here: JSONPointer) {
            if case .path(let path) = value { fields.append(Field(name: field, path: path, owner: here)) }
        }
        switch state {
        case .task(let task):
            add("TimeoutSecondsPath", task.timeoutSeconds, at: pointer)
            add("HeartbeatSecondsPath", task.heartbeatSeconds, at: pointer)
        case .wait(let wait):
            switch wait.duration {
            case .seconds(.path(let path)): fields.append(Field(name: "SecondsPath", path: path, owner: pointer))
            case .timestamp(.path(let path)): fields.append(Field(name: "TimestampPath", path: path, owner: pointer))
            default: break
            }
        case .map(let map):
            if case .path(let path) = map.items { fields.append(Field(name: "ItemsPath", path: path, owner: pointer)) }
            add("MaxConcurrencyPath", map.maxConcurrency, at: pointer)
            add("ToleratedFailureCountPath", map.toleratedFailureCount, at: pointer)
            if case .path(let path) = map.toleratedFailurePercentage {
                fields.append(Field(name: "ToleratedFailurePercentagePath", path: path, owner: pointer))
            }
            if let reader = map.itemReader {
                addConfigured(["MaxItemsPath"], of: reader.config, at: reader.pointer / "ReaderConfig", into: &fields)
            }
            if let batcher = map.itemBatcher {
                addConfigured(
                    ["MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath"], of: batcher.config, at: batcher.pointer,
                    into: &fields)
            }
        case .choice(let choice):
            for branch in choice.choices { collect(branch.rule, into: &fields) }
        default:
            break
        }
        for field in fields where !field.path.isReferencePath {
            diagnostics.append(
                diagnostic(
                    message(state.name, field: field.name, path: field.path.source), at: field.owner / field.name))
        }
    }

    private static func addConfigured(
        _ keys: [String], of config: JSONObject, at owner: JSONPointer, into fields: inout [Field]
    ) {
        for key in keys {
            guard let text = config[key]?.stringValue, let path = try? Path.parse(text) else { continue }
            fields.append(Field(name: key, path: path, owner: owner))
        }
    }

    private static func collect(_ rule: ChoiceRule, into fields: inout [Field]) {
        var stack = [rule]
        while let rule = stack.popLast() {
            switch rule.kind {
            case .comparison(let comparison):
                fields.append(Field(name: "Variable", path: comparison.variable, owner: rule.pointer))
                if case .path(let path) = comparison.operand {
                    fields.append(Field(name: comparison.comparisonOperator.rawValue, path: path, owner: rule.pointer))
                }
            case .and(let rules), .or(let rules): stack.append(contentsOf: rules.reversed())
            case .not(let inner): stack.append(inner)
            case .condition: break
            }
        }
    }
}

extension ReferencePathRequired {
    fileprivate static func message(_ state: String, field: String, path: String) -> String {
        "\(field) \(DiagnosticText.quoted(path)) of state \(DiagnosticText.quoted(state)) must be a reference path, which selects a single node: "
            + "only .name, ['name'] and [index] steps (no *, .., filters, slices or unions)"
    }
}
