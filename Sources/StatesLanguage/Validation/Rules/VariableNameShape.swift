import JSONCore

/// ASL-W211: an `Assign` key that is not a plain identifier (a letter or `_`, then letters,
/// digits or `_`), starts with `$`, or is longer than 80 characters.
///
/// Source: AWS developer guide, "Passing data between states with variables": names are
/// written without `$` in `Assign` and read as `$name`. The identifier syntax and the
/// 80-character limit are believed, not confirmed (research notes §2.10), so this is a warning;
/// a name outside that syntax cannot be read back as `$name` in a JSONPath path anyway.
enum VariableNameShape: ValidationRule {
    static let maximumLength = 80

    static let description = RuleDescription(
        id: "ASL-W211", severity: .warning,
        summary: "An Assign variable name that is not an identifier, starts with $, or is over 80 characters",
        source: "AWS developer guide, \"Passing data between states with variables\"")
    static let targets: [RuleTarget] = RuleTarget.allStates

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for site in context.assignSites(of: state) {
            for key in site.object.keys {
                let name = site.variableName(fromKey: key)
                var pointer: JSONPointer { site.pointer / key }
                if name.utf8.first == UInt8(ascii: "$"), name.hasPrefix("$") {
                    diagnostics.append(
                        diagnostic(
                            dollarMessage(state.name, name: name), at: pointer, anchor: .key,
                            fixIt:
                                "write the name without \"$\": \(DiagnosticText.quoted(name.drop(while: { $0 == "$" })))"
                        ))
                } else if !isIdentifier(name) {
                    diagnostics.append(diagnostic(shapeMessage(state.name, name: name), at: pointer, anchor: .key))
                } else if name.utf8.count > maximumLength, name.unicodeScalars.count > maximumLength {
                    diagnostics.append(diagnostic(lengthMessage(state.name, name: name), at: pointer, anchor: .key))
                }
            }
        }
    }

    /// A letter or `_`, then letters, digits or `_` (Unicode letters and digits included).
    static func isIdentifier(_ name: String) -> Bool {
        if let ascii = asciiIdentifier(name) { return ascii }
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.dropFirst().allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// ``isIdentifier(_:)`` for an all-ASCII name, decided on its bytes (for ASCII, `isLetter` is
    /// A–Z and a–z and `isNumber` is 0–9); `nil` when the name holds other bytes.
    private static func asciiIdentifier(_ name: String) -> Bool? {
        var isIdentifier = !name.utf8.isEmpty
        for (offset, byte) in name.utf8.enumerated() {
            guard byte < 0x80 else { return nil }
            let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            if !(letter || byte == UInt8(ascii: "_") || (offset > 0 && digit)) { isIdentifier = false }
        }
        return isIdentifier
    }
}

extension VariableNameShape {
    fileprivate static func dollarMessage(_ state: String, name: String) -> String {
        "Variable \(DiagnosticText.quoted(name)) assigned in state \(DiagnosticText.quoted(state)) starts with \"$\"; Assign keys name the variable "
            + "without \"$\", and it is read as $name"
    }

    fileprivate static func shapeMessage(_ state: String, name: String) -> String {
        "Variable \(DiagnosticText.quoted(name)) assigned in state \(DiagnosticText.quoted(state)) is not an identifier (a letter or _, then letters, "
            + "digits or _), so it cannot be read back as $\(DiagnosticText.name(name))"
    }

    fileprivate static func lengthMessage(_ state: String, name: String) -> String {
        "Variable name \(DiagnosticText.quoted(name)) assigned in state \(DiagnosticText.quoted(state)) is longer than \(maximumLength) "
            + "characters, which AWS is believed to reject"
    }
}
