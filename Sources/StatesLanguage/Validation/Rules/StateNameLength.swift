import JSONCore

/// ASL-E202: a state name that is empty or longer than 80 characters.
///
/// Source: ASL spec ("State names MUST … be no more than 80 Unicode characters"); AWS API
/// reference, StateExitedEventDetails `name` length 1–80; AWS diagnostic INVALID_STATE_NAME.
///
/// Rationale: the spec counts Unicode characters, while AWS is a Java service whose
/// `String.length()` counts UTF-16 units. This rule errs only when the name has more than 80
/// Unicode scalars (too long under either count); a name over 80 UTF-16 units but within 80
/// scalars gets ASL-W209 instead. The forbidden-character list of the API reference applies to
/// machine and execution names, not to state names (definitions use spaces freely), so it is
/// not checked.
enum StateNameLength: ValidationRule {
    static let maximumLength = 80

    static let description = RuleDescription(
        id: "ASL-E202", severity: .error,
        summary: "State names must be 1 to 80 characters long",
        source: "ASL spec, \"States\"; AWS INVALID_STATE_NAME")
    static let targets: [RuleTarget] = RuleTarget.allStates

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        let name = state.name
        if name.isEmpty {
            diagnostics.append(
                diagnostic(emptyMessage(), at: state.pointer, anchor: .key, fixIt: "give the state a name"))
        } else if name.unicodeScalars.count > maximumLength {
            diagnostics.append(
                diagnostic(
                    tooLongMessage(name, length: name.unicodeScalars.count), at: state.pointer, anchor: .key,
                    fixIt: "shorten the name to at most \(maximumLength) characters"))
        }
    }
}

extension StateNameLength {
    fileprivate static func emptyMessage() -> String {
        "A state name must not be empty"
    }

    fileprivate static func tooLongMessage(_ name: String, length: Int) -> String {
        "State name \(DiagnosticText.quoted(name)) is \(length) characters long; AWS allows at most \(maximumLength)"
    }
}
