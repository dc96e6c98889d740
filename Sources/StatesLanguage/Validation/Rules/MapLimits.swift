import JSONCore

/// ASL-E207: Map numbers out of range, and a Distributed Map without `ExecutionType`.
///
/// Source: AWS developer guide, "Map workflow state" and "Using Map state in Distributed mode":
/// MaxConcurrency ≥ 0 (0 = no limit), ToleratedFailurePercentage 0–100, ToleratedFailureCount
/// ≥ 0, ItemBatcher MaxItemsPerBatch ≥ 1 and MaxInputBytesPerBatch up to 256 KiB (262144),
/// ReaderConfig MaxItems ≥ 0 (0 means no limit; AWS accepts 0, SPEC-NOTES §4);
/// `ProcessorConfig.ExecutionType` is required when `Mode` is `DISTRIBUTED` (developer guide;
/// the CDK documents the same requirement). Only literal values are checked: the `…Path` and
/// JSONata forms are evaluated at run time.
enum MapLimits: ValidationRule {
    static let maximumBatchBytes: Int64 = 262_144

    static let description = RuleDescription(
        id: "ASL-E207", severity: .error,
        summary: "Map limits out of range (MaxConcurrency, ToleratedFailure*, ItemBatcher, MaxItems) "
            + "or DISTRIBUTED without ExecutionType",
        source: "AWS developer guide, \"Map workflow state\", \"Using Map state in Distributed mode\"")
    static let targets: [RuleTarget] = [.state(.map)]

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard case .map(let map) = state else { return }
        let name = state.name
        let pointer = state.pointer
        if case .literal(let value) = map.maxConcurrency, value < 0 {
            diagnostics.append(
                diagnostic(
                    rangeMessage(
                        name, field: "MaxConcurrency", value: "\(value)", range: "0 or more (0 means no limit)"),
                    at: pointer / "MaxConcurrency"))
        }
        if case .literal(let value) = map.toleratedFailurePercentage, value < JSONNumber(0) || JSONNumber(100) < value {
            diagnostics.append(
                diagnostic(
                    rangeMessage(name, field: "ToleratedFailurePercentage", value: value.text, range: "0 to 100"),
                    at: pointer / "ToleratedFailurePercentage"))
        }
        if case .literal(let value) = map.toleratedFailureCount, value < 0 {
            diagnostics.append(
                diagnostic(
                    rangeMessage(name, field: "ToleratedFailureCount", value: "\(value)", range: "0 or more"),
                    at: pointer / "ToleratedFailureCount"))
        }
        if let batcher = map.itemBatcher {
            check(batcher.config, "MaxItemsPerBatch", in: name, at: batcher.pointer, range: 1...Int64.max, &diagnostics)
            check(
                batcher.config, "MaxInputBytesPerBatch", in: name, at: batcher.pointer, range: 1...maximumBatchBytes,
                &diagnostics)
        }
        if let reader = map.itemReader {
            check(
                reader.config, "MaxItems", in: name, at: reader.pointer / "ReaderConfig", range: 0...Int64.max,
                &diagnostics)
        }
        if map.processorMode == .distributed, map.executionType == nil {
            let processor = map.usesLegacyIterator ? "Iterator" : "ItemProcessor"
            diagnostics.append(
                diagnostic(
                    executionTypeMessage(name), at: pointer / processor / "ProcessorConfig",
                    fixIt: "add \"ExecutionType\": \"STANDARD\" (or \"EXPRESS\") to ProcessorConfig"))
        }
    }

    private static func check(
        _ config: JSONObject, _ field: String, in state: String, at pointer: JSONPointer, range: ClosedRange<Int64>,
        _ diagnostics: inout [Diagnostic]
    ) {
        guard let number = config[field]?.numberValue else { return }
        let low = JSONNumber(range.lowerBound)
        let high = JSONNumber(range.upperBound)
        guard number < low || high < number else { return }
        let text =
            range.upperBound == Int64.max ? "\(range.lowerBound) or more" : "\(range.lowerBound) to \(range.upperBound)"
        diagnostics.append(
            diagnostic(rangeMessage(state, field: field, value: number.text, range: text), at: pointer / field))
    }
}

extension MapLimits {
    fileprivate static func rangeMessage(_ state: String, field: String, value: String, range: String) -> String {
        "\(field) \(DiagnosticText.name(value)) of Map state \(DiagnosticText.quoted(state)) is out of range: it must be \(range)"
    }

    fileprivate static func executionTypeMessage(_ state: String) -> String {
        "Map state \(DiagnosticText.quoted(state)) runs in DISTRIBUTED mode, which requires ProcessorConfig.ExecutionType "
            + "(STANDARD or EXPRESS)"
    }
}
