import JSONCore

/// ASL-E213: an `ItemReader` Resource other than `s3:getObject`/`s3:listObjectsV2`, or a
/// `ResultWriter` Resource other than `s3:putObject`, under `arn:<partition>:states:::`.
///
/// Source: AWS developer guide, "ItemReader (Map)" and "ResultWriter (Map)"; AWS answers
/// other values with `The field 'Resource' does not match any of the allowed values`
/// (reported by an emulator that copies AWS's wording). `${…}` placeholders are skipped.
enum MapResource: ValidationRule {
    static let readerActions = ["s3:getObject", "s3:listObjectsV2"]
    static let writerActions = ["s3:putObject"]

    static let description = RuleDescription(
        id: "ASL-E213", severity: .error,
        summary: "ItemReader Resource must be s3:getObject or s3:listObjectsV2; ResultWriter s3:putObject",
        source: "AWS developer guide, \"ItemReader (Map)\", \"ResultWriter (Map)\"")
    static let targets: [RuleTarget] = [.state(.map)]

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard case .map(let map) = state else { return }
        for (field, component, allowed) in [
            ("ItemReader", map.itemReader, readerActions), ("ResultWriter", map.resultWriter, writerActions),
        ] {
            guard let component, let resource = component.resource, !resource.containsPlaceholder else { continue }
            if isAllowed(resource, actions: allowed) { continue }
            let suggestion = NameSuggestion.nearest(
                resource.split(separator: ":", omittingEmptySubsequences: false).suffix(2).joined(separator: ":"),
                in: allowed)
            diagnostics.append(
                diagnostic(
                    message(state.name, field: field, resource: resource, allowed: allowed),
                    at: component.pointer / "Resource",
                    fixIt: suggestion.map { "use \"arn:aws:states:::\($0)\"" }))
        }
    }

    /// `arn:<partition>:states:[<region>]:[<account>]:<service>:<action>` with one of `actions` and
    /// no pattern suffix (region and account are optional as for every integration ARN).
    static func isAllowed(_ resource: String, actions: [String]) -> Bool {
        guard case .optimized(let service, let action, .requestResponse) = TaskResource(resource).kind else {
            return false
        }
        return actions.contains("\(service):\(action)")
    }
}

extension MapResource {
    fileprivate static func message(_ state: String, field: String, resource: String, allowed: [String]) -> String {
        let list = allowed.map { "arn:aws:states:::\($0)" }.joined(separator: " or ")
        return
            "\(field) Resource \(DiagnosticText.quoted(resource)) of Map state \(DiagnosticText.quoted(state)) does not match any of the allowed "
            + "values: use \(list)"
    }
}
