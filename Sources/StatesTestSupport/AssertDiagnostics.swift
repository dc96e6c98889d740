public import JSONCore
public import StatesLanguage
public import Testing

/// Runs an analysis over a marked source and checks that its diagnostics are exactly the expected
/// ones: same rules at the markers' byte offsets, and the severity and message where the spec
/// gives them. Every difference is recorded as an issue at the caller's location, naming the
/// marker (or line:column for an unexpected diagnostic).
///
///     assertDiagnostics(
///         #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": 1️⃣"B"}}}"#,
///         [DiagnosticSpec("1️⃣", rule: "ASL-E104", message: "not a state")],
///         analyze: { source in myAnalysis(source) })
///
/// - Parameters:
///   - markedSource: The definition with markers (see ``MarkedText``).
///   - expected: One spec per expected diagnostic, in any order.
///   - path: The file name the source gets.
///   - analyze: Produces located diagnostics for the stripped source.
@discardableResult
public func assertDiagnostics(
    _ markedSource: String,
    _ expected: [DiagnosticSpec],
    path: String = "test.asl.json",
    analyze: (SourceFile) -> [Diagnostic],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> [Diagnostic] {
    let marked = MarkedText(markedSource)
    let source = SourceFile(path: path, text: marked.text)
    let actual = analyze(source)
    for problem in DiagnosticComparison.problems(marked: marked, source: source, expected: expected, actual: actual) {
        Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
    }
    return actual
}

/// ``assertDiagnostics(_:_:path:analyze:sourceLocation:)`` over the full pipeline,
/// ``DefinitionAnalyzer/analyze(_:options:)``: reading, substitution, parsing and validation.
///
///     assertDiagnostics(
///         #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": 1️⃣"B"}}}"#,
///         [DiagnosticSpec("1️⃣", rule: "ASL-E104"), …])
@discardableResult
public func assertDiagnostics(
    _ markedSource: String,
    _ expected: [DiagnosticSpec],
    options: AnalysisOptions = AnalysisOptions(),
    path: String = "test.asl.json",
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> [Diagnostic] {
    assertDiagnostics(
        markedSource, expected, path: path,
        analyze: { DefinitionAnalyzer.analyze($0, options: options).diagnostics },
        sourceLocation: sourceLocation)
}

/// The comparison behind ``assertDiagnostics(_:_:path:analyze:sourceLocation:)``, returning its
/// findings as text so it can itself be tested.
public enum DiagnosticComparison {
    public static func problems(
        marked: MarkedText, source: SourceFile, expected: [DiagnosticSpec], actual: [Diagnostic]
    ) -> [String] {
        var problems: [String] = []
        for marker in marked.repeatedMarkers {
            problems.append("marker \(marker) appears more than once in the source")
        }
        var unmatched = actual
        for spec in expected {
            guard let offset = marked.offset(of: spec.marker) else {
                problems.append("marker \(spec.marker) does not occur in the source")
                continue
            }
            let candidates = unmatched.indices.filter {
                unmatched[$0].rule == spec.rule && unmatched[$0].offset == offset
            }
            guard
                let found = candidates.first(where: { spec.message?.matches(unmatched[$0].message) ?? true })
                    ?? candidates.first
            else {
                var text = "expected \(spec.rule) at \(spec.marker) (\(source.location(ofOffset: offset)))"
                let sameRule = unmatched.filter { $0.rule == spec.rule }
                if !sameRule.isEmpty {
                    text += "; \(spec.rule) was reported at "
                    text += sameRule.map { describePosition($0.offset, marked: marked, source: source) }
                        .joined(separator: ", ")
                }
                let here = unmatched.filter { $0.offset == offset }
                if !here.isEmpty {
                    text += "; at \(spec.marker) found " + here.map(\.rule.rawValue).joined(separator: ", ")
                }
                problems.append(text)
                continue
            }
            let diagnostic = unmatched.remove(at: found)
            if let severity = spec.severity, severity != diagnostic.severity {
                problems.append(
                    "\(spec.rule) at \(spec.marker): expected severity \(severity), got \(diagnostic.severity)")
            }
            if let message = spec.message, !message.matches(diagnostic.message) {
                problems.append(
                    "\(spec.rule) at \(spec.marker): expected \(message), got \"\(diagnostic.message)\"")
            }
        }
        for diagnostic in unmatched {
            problems.append(
                "unexpected \(diagnostic.rule) (\(diagnostic.severity.rawValue)) at "
                    + describePosition(diagnostic.offset, marked: marked, source: source)
                    + ": \(diagnostic.message)")
        }
        return problems
    }

    private static func describePosition(_ offset: Int?, marked: MarkedText, source: SourceFile) -> String {
        guard let offset else { return "no offset" }
        let location = source.location(ofOffset: offset)
        if let marker = marked.marker(at: offset) { return "\(marker) (\(location))" }
        return "\(location)"
    }
}
