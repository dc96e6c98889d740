import JSONCore

/// The definition-time checks AWS makes on a compiled JSONata expression (SPEC-NOTES 13.2), all
/// measured on AWS by a third party (floci #2670, PR #2699 and its tests; SPEC-NOTES 13.3 §4.3):
/// a field read from the top-level context (`phone`: AWS evaluates with no context, so it can
/// only be a mistake for `$states.input.phone`), `$$`, and `$states.errorOutput` outside a
/// Catcher's `Output` or `Assign`. Each is ASL-E305, AWS's UNSUPPORTED_JSONATA_EXPRESSION.
enum JSONataReferenceCheck {
    static func diagnostics(for expression: JSONataExpression, field: String, text: String, at pointer: JSONPointer)
        -> [Diagnostic]
    {
        let references = expression.compiled.references()
        // Offsets in `source` become offsets in the field string, past `{%` and the leading blanks.
        let shift = leadingOffset(of: text)
        var diagnostics: [Diagnostic] = []
        var seen: Set<String> = []
        for reference in references.topLevelFields where seen.insert(reference.name).inserted {
            diagnostics.append(
                .unsupportedJSONata(
                    field: field, reason: "Reference to '\(reference.name)' at the top level is not supported.",
                    fixIt:
                        "read the state input as $states.input.\(reference.name), or a variable as $\(reference.name)",
                    offset: shift + reference.position, at: pointer))
        }
        if let position = references.rootReferences.first {
            diagnostics.append(
                .unsupportedJSONata(
                    field: field, reason: "Reference to '$$' is not supported.",
                    fixIt: "use $states.input for the input and $states.context for the context object",
                    offset: shift + position, at: pointer))
        }
        if !isCatcherOutputOrAssign(pointer),
            let errorOutput = references.statesFields.first(where: { $0.name == "errorOutput" })
        {
            diagnostics.append(
                .unsupportedJSONata(
                    field: field, reason: "Field '$states.errorOutput' does not exist.",
                    fixIt: "read $states.errorOutput only in a Catcher's Output or Assign",
                    offset: shift + errorOutput.position, at: pointer))
        }
        return diagnostics
    }

    /// Whether `pointer` is inside `…/Catch/<n>/Output` or `…/Catch/<n>/Assign` of a state.
    static func isCatcherOutputOrAssign(_ pointer: JSONPointer) -> Bool {
        let tokens = pointer.tokens
        for index in tokens.indices.dropLast(2) where tokens[index] == "Catch" && index >= 2 {
            let isStateField = tokens[index - 2] == "States"
            if isStateField, JSONPointer.arrayIndex(tokens[index + 1]) != nil,
                tokens[index + 2] == "Output" || tokens[index + 2] == "Assign"
            {
                return true
            }
        }
        return false
    }

    private static func leadingOffset(of text: String) -> Int {
        let bytes = Array(text.utf8)
        var index = 2
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return index
    }
}
