public import JSONCore

/// What ``DefinitionAnalyzer/analyze(_:options:)`` does beyond the defaults.
public struct AnalysisOptions: Sendable {
    /// Values for `${Name}` placeholders, applied before parsing (`--substitutions FILE`).
    public var substitutions: [String: JSON]
    /// Report every placeholder left after substitution as an error (`--no-placeholders`).
    public var reportPlaceholders: Bool
    public var validation: ValidationOptions

    public init(
        substitutions: [String: JSON] = [:],
        reportPlaceholders: Bool = false,
        validation: ValidationOptions = ValidationOptions()
    ) {
        self.substitutions = substitutions
        self.reportPlaceholders = reportPlaceholders
        self.validation = validation
    }
}

/// The outcome of analysing one definition file.
public struct AnalysisResult: Sendable {
    /// Every problem found, located against the source and sorted by position.
    public var diagnostics: [Diagnostic]
    /// The parsed graph, when the file was a JSON object with a usable `States` object. A
    /// machine whose diagnostics include errors must not be executed.
    public var machine: StateMachine?
    /// The document after substitutions, with its source map.
    public var document: JSONDocument?

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reads, substitutes, parses and validates a definition: the one call `asl validate` and
/// embedders need.
///
///     let file = SourceFile(path: "machine.asl.json", bytes: bytes)
///     let result = DefinitionAnalyzer.analyze(file)
///     for diagnostic in result.diagnostics { … }     // located, sorted
///     if !result.hasErrors, let machine = result.machine { … }
public enum DefinitionAnalyzer {
    /// AWS's quota on a definition's size (developer guide, "Service quotas": 1 MB).
    public static let maximumDefinitionBytes = 1_048_576

    /// ASL-E002 for a definition of `byteCount` bytes, or `nil` when AWS accepts that size: lets
    /// a caller refuse an oversized file from its size alone, without reading it.
    public static func sizeDiagnostic(byteCount: Int) -> Diagnostic? {
        byteCount > maximumDefinitionBytes ? .definitionTooLarge(byteCount: byteCount) : nil
    }

    public static func analyze(_ source: SourceFile, options: AnalysisOptions = AnalysisOptions()) -> AnalysisResult {
        var diagnostics: [Diagnostic] = []
        if source.bytes.count > maximumDefinitionBytes {
            diagnostics.append(.definitionTooLarge(byteCount: source.bytes.count))
        }
        let document: JSONDocument
        do {
            document = try read(source.bytes, diagnostics: &diagnostics)
        } catch {
            diagnostics.append(.syntaxError(error))
            return AnalysisResult(diagnostics: diagnostics, machine: nil, document: nil)
        }
        var value = document.value
        if !options.substitutions.isEmpty {
            value = Placeholders.substitute(options.substitutions, in: value)
        }
        if options.reportPlaceholders {
            reportPlaceholders(in: value, at: .root, into: &diagnostics)
        }
        let parsed = DefinitionParser.parse(value)
        diagnostics += parsed.diagnostics
        if let machine = parsed.machine {
            diagnostics += Validator.validate(machine, options: options.validation)
        }
        let located = diagnostics.map { $0.located(with: document.sourceMap, source: source.bytes) }
        return AnalysisResult(
            diagnostics: sorted(located),
            machine: parsed.machine,
            document: JSONDocument(value: value, sourceMap: document.sourceMap)
        )
    }

    /// Reads strictly, except that a repeated key is reported (ASL-W001) and its last value
    /// kept, as AWS's Jackson-based reader does.
    private static func read(_ bytes: [UInt8], diagnostics: inout [Diagnostic]) throws(JSONSyntaxError) -> JSONDocument
    {
        do {
            return try JSONReader.read(bytes)
        } catch {
            guard case .duplicateKey(let key) = error.kind else { throw error }
            let document = try JSONReader.read(bytes, options: .init(duplicateKeys: .keepLast))
            diagnostics.append(.duplicateKey(key, offset: error.offset))
            return document
        }
    }

    private static func reportPlaceholders(
        in value: JSON, at pointer: JSONPointer, into diagnostics: inout [Diagnostic]
    ) {
        switch value {
        case .string(let text):
            for name in Placeholders.names(in: text) {
                diagnostics.append(.unsubstitutedPlaceholder(name, at: pointer))
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                reportPlaceholders(in: element, at: pointer / index, into: &diagnostics)
            }
        case .object(let object):
            for (key, member) in object {
                reportPlaceholders(in: member, at: pointer / key, into: &diagnostics)
            }
        default:
            break
        }
    }

    /// Position first (unlocated last), then errors before warnings, then rule id.
    private static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            let left = lhs.element
            let right = rhs.element
            if left.offset != right.offset {
                return (left.offset ?? Int.max) < (right.offset ?? Int.max)
            }
            if left.severity != right.severity { return left.severity < right.severity }
            if left.rule != right.rule { return left.rule < right.rule }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}

extension RuleID {
    /// ASL-E001: the file is not valid JSON (RFC 8259). AWS: INVALID_JSON_DESCRIPTION.
    public static let jsonSyntax: RuleID = "ASL-E001"
    /// ASL-E002: the definition is larger than AWS's 1 MB quota.
    public static let definitionTooLarge: RuleID = "ASL-E002"
    /// ASL-E003: a `${Name}` placeholder is left where `--no-placeholders` asks for none.
    public static let unsubstitutedPlaceholder: RuleID = "ASL-E003"
    /// ASL-W001: an object repeats a key; the last value is kept.
    public static let duplicateKey: RuleID = "ASL-W001"
}

extension RuleDescription {
    /// The rules the analyzer itself applies before parsing.
    public static let analyzerRules: [RuleDescription] = [
        RuleDescription(
            id: .jsonSyntax, severity: .error, summary: "The definition is not valid JSON",
            source: "RFC 8259; AWS rejects it as INVALID_JSON_DESCRIPTION"),
        RuleDescription(
            id: .definitionTooLarge, severity: .error, summary: "The definition exceeds 1 MB",
            source: "AWS Step Functions developer guide, Service quotas: maximum definition size 1 MB"),
        RuleDescription(
            id: .unsubstitutedPlaceholder, severity: .error,
            summary: "A ${Name} placeholder is left unsubstituted (--no-placeholders)",
            source: "AWS CloudFormation AWS::StepFunctions::StateMachine DefinitionSubstitutions"),
        RuleDescription(
            id: .duplicateKey, severity: .warning, summary: "An object repeats a key; the last value wins",
            source: "RFC 8259 §4 (names SHOULD be unique); AWS's parser keeps the last value"),
    ]
}

extension Diagnostic {
    fileprivate static func syntaxError(_ error: JSONSyntaxError) -> Diagnostic {
        Diagnostic(
            rule: .jsonSyntax, severity: .error, message: "Invalid JSON: \(error.message)", pointer: .root,
            offset: error.offset)
    }

    fileprivate static func definitionTooLarge(byteCount: Int) -> Diagnostic {
        Diagnostic(
            rule: .definitionTooLarge, severity: .error,
            message:
                "The definition is \(byteCount) bytes; AWS accepts at most \(DefinitionAnalyzer.maximumDefinitionBytes) bytes (1 MB)",
            pointer: .root, offset: 0,
            fixIt: "move large constants (Result, Parameters) into the input or into S3")
    }

    fileprivate static func unsubstitutedPlaceholder(_ name: String, at pointer: JSONPointer) -> Diagnostic {
        Diagnostic(
            rule: .unsubstitutedPlaceholder, severity: .error,
            message: "Placeholder \"${\(DiagnosticText.name(name))}\" is not substituted",
            pointer: pointer, fixIt: "give \(DiagnosticText.quoted(name)) a value in the --substitutions file")
    }

    fileprivate static func duplicateKey(_ key: String, offset: Int) -> Diagnostic {
        Diagnostic(
            rule: .duplicateKey, severity: .warning,
            message:
                "Key \(DiagnosticText.quoted(key)) appears more than once in this object; AWS keeps only the last value",
            pointer: .root, offset: offset, fixIt: "remove or rename one of the \(DiagnosticText.quoted(key)) members")
    }
}
