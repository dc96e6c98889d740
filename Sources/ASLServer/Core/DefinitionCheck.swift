internal import JSONCore
internal import StatesLanguage
internal import StatesRuntime

/// Our validator behind CreateStateMachine, UpdateStateMachine and
/// ValidateStateMachineDefinition, with its findings in AWS's words.
///
///     Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'
///
/// Each diagnostic becomes `CODE: message at /location`, several joined with `, `; the codes are
/// AWS's (`ValidateStateMachineDefinitionDiagnostic`): INVALID_JSON_DESCRIPTION,
/// MISSING_TRANSITION_TARGET, MISSING_END_STATE, UNREACHABLE_STATE, DUPLICATE_STATE_NAME,
/// INVALID_RESOURCE, INVALID_JSONATA_EXPRESSION, UNSUPPORTED_JSONATA_EXPRESSION and
/// SCHEMA_VALIDATION_FAILED for the rest (SPEC-NOTES.md §18.2).
struct DefinitionCheck: Sendable {
    /// The parsed machine, resolved, when the definition has no errors.
    var machine: ResolvedStateMachine?
    var diagnostics: [Diagnostic]

    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    init(definition: String, express: Bool) {
        var options = AnalysisOptions()
        options.validation.isExpress = express
        let result = DefinitionAnalyzer.analyze(
            SourceFile(path: "definition", bytes: Array(definition.utf8)), options: options)
        diagnostics = result.diagnostics
        if !result.hasErrors, let parsed = result.machine {
            machine = try? ResolvedStateMachine(parsed)
        } else {
            machine = nil
        }
    }

    /// AWS's diagnostic code for `rule`.
    static func awsCode(_ diagnostic: Diagnostic) -> String {
        switch diagnostic.rule.rawValue {
        case "ASL-E001": "INVALID_JSON_DESCRIPTION"
        case "ASL-E104": "MISSING_TRANSITION_TARGET"
        case "ASL-E200": "UNREACHABLE_STATE"
        case "ASL-E201": "MISSING_END_STATE"
        case "ASL-E203": "DUPLICATE_STATE_NAME"
        case "ASL-E212": "INVALID_RESOURCE"
        case "ASL-E303": "INVALID_JSONATA_EXPRESSION"
        case "ASL-E305": "UNSUPPORTED_JSONATA_EXPRESSION"
        default:
            // A warning has no AWS code (AWS does not warn about it): our rule id says which.
            diagnostic.severity == .error ? "SCHEMA_VALIDATION_FAILED" : diagnostic.rule.rawValue
        }
    }

    /// The diagnostic's message in AWS's words where AWS's are recorded; ours otherwise.
    /// Recorded: a missing top-level field, `These fields are required: [States]`
    /// (LocalStack `v2/test_sfn_api.snapshot.json`, `test_create_delete_invalid_sm`).
    static func message(_ diagnostic: Diagnostic) -> String {
        let text = diagnostic.message
        if let range = text.range(of: "; these fields are required: [") {
            return "These fields are required: [" + text[range.upperBound...]
        }
        return text
    }

    /// The JSON Pointer of the diagnostic as AWS writes a location (`/` for the root).
    static func location(_ diagnostic: Diagnostic) -> String {
        let text = diagnostic.pointer.description
        return text.isEmpty ? "/" : text
    }

    /// `InvalidDefinition` listing every error, or `nil` when there is none.
    var refusal: ServiceError? {
        let errors = errors
        guard !errors.isEmpty else {
            // Accepted by the rules but not resolvable: cannot happen for a validated machine.
            return machine == nil
                ? .invalidDefinition("SCHEMA_VALIDATION_FAILED: The definition cannot be run at /") : nil
        }
        let parts = errors.map { "\(Self.awsCode($0)): \(Self.message($0)) at \(Self.location($0))" }
        return .invalidDefinition(parts.joined(separator: ", "))
    }

    /// The ValidateStateMachineDefinition response: `result` FAIL when any error is found,
    /// diagnostics at or above `minimumSeverity`, at most `maxResults` of them.
    func validationResponse(minimumSeverity: Severity, maxResults: Int) -> JSON {
        let shown = diagnostics.filter { $0.severity <= minimumSeverity && $0.severity != .note }
        var list: [JSON] = []
        for diagnostic in shown.prefix(maxResults) {
            var entry = JSONObject()
            entry["severity"] = .string(diagnostic.severity == .error ? "ERROR" : "WARNING")
            entry["code"] = .string(Self.awsCode(diagnostic))
            entry["message"] = .string(Self.message(diagnostic))
            entry["location"] = .string(Self.location(diagnostic))
            list.append(.object(entry))
        }
        var response = JSONObject()
        response["result"] = .string(errors.isEmpty ? "OK" : "FAIL")
        response["diagnostics"] = .array(list)
        response["truncated"] = .bool(shown.count > maxResults)
        return .object(response)
    }
}
