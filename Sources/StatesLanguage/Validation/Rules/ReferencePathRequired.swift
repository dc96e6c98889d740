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

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        let pointer = state.pointer
        var fields: [(field: String, path: Path, pointer: JSONPointer)] = []
        func add(_ field: String, _ value: DynamicInteger?, at here: JSONPointer) {
            if case .path(let path) = value { fields.append((field, path, here / field)) }
        }
        switch state {
        case .task(let task):
            add("TimeoutSecondsPath", task.timeoutSeconds, at: pointer)
            add("HeartbeatSecondsPath", task.heartbeatSeconds, at: pointer)
        case .wait(let wait):
            switch wait.duration {
            case .seconds(.path(let path)): fields.append(("SecondsPath", path, pointer / "SecondsPath"))
            case .timestamp(.path(let path)): fields.append(("TimestampPath", path, pointer / "TimestampPath"))
            default: break
            }
        case .map(let map):
            if case .path(let path) = map.items { fields.append(("ItemsPath", path, pointer / "ItemsPath")) }
            add("MaxConcurrencyPath", map.maxConcurrency, at: pointer)
            add("ToleratedFailureCountPath", map.toleratedFailureCount, at: pointer)
            if case .path(let path) = map.toleratedFailurePercentage {
                fields.append(("ToleratedFailurePercentagePath", path, pointer / "ToleratedFailurePercentagePath"))
            }
            for (component, keys) in [
                (map.itemReader, ["MaxItemsPath"]),
                (map.itemBatcher, ["MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath"]),
            ] {
                guard let component else { continue }
                let base = keys == ["MaxItemsPath"] ? component.pointer / "ReaderConfig" : component.pointer
                for key in keys {
                    guard let text = component.config[key]?.stringValue, let path = try? Path.parse(text) else {
                        continue
                    }
                    fields.append((key, path, base / key))
                }
            }
        case .choice(let choice):
            for branch in choice.choices { collect(branch.rule, into: &fields) }
        default:
            break
        }
        for (field, path, here) in fields where !path.isReferencePath {
            diagnostics.append(diagnostic(message(state.name, field: field, path: path.source), at: here))
        }
    }

    private static func collect(
        _ rule: ChoiceRule, into fields: inout [(field: String, path: Path, pointer: JSONPointer)]
    ) {
        var stack = [rule]
        while let rule = stack.popLast() {
            switch rule.kind {
            case .comparison(let comparison):
                fields.append(("Variable", comparison.variable, rule.pointer / "Variable"))
                if case .path(let path) = comparison.operand {
                    let name = comparison.comparisonOperator.rawValue
                    fields.append((name, path, rule.pointer / name))
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
        "\(field) \"\(path)\" of state \"\(state)\" must be a reference path, which selects a single node: "
            + "only .name, ['name'] and [index] steps (no *, .., filters, slices or unions)"
    }
}
