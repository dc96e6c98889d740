/// Text from a definition, an input or a task, made safe to print on a terminal or a CI log.
///
/// A state name or a cause can hold anything JSON can: `\u001b[2J` clears a terminal, BEL rings,
/// and a `\n` followed by `::warning file=…::` starts a line GitHub Actions reads as a workflow
/// command. Every text output (diagnostics, `asl run`'s progress and summaries) passes such text
/// through ``escaped(_:)``, which writes each control character as a visible escape, so the bytes
/// that reach the terminal are printable and never begin a line:
///
///     TerminalText.escaped("A\n::warning::x\u{1B}[2J")   // #"A\n::warning::x\u{1B}[2J"#, one line
///     TerminalText.name(String(repeating: "a", count: 500))  // the first 80 characters and "…"
///
/// Escaped: C0 controls and DEL (`\n`, `\r`, `\t` by those names, others as `\u{XX}`), C1
/// controls U+0080–U+009F (8-bit CSI among them), and the Unicode bidirectional controls
/// (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which reorder what a reader sees.
package enum TerminalText {
    /// Longest name echoed whole, the policy diagnostic messages follow (``DiagnosticText``).
    package static let maximumNameLength = DiagnosticText.maximumNameLength
    /// Longest message printed whole; a longer one keeps its start and end around `…`.
    package static let maximumMessageLength = 2_000

    /// `text` with every control character written as a visible escape.
    package static func escaped(_ text: String, keepingTabs: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingTabs: keepingTabs) }) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar, keepingTabs: keepingTabs) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }

    /// A name to echo inside a message: escaped, and cut to ``maximumNameLength`` Unicode
    /// scalars with `…` when longer.
    package static func name(_ text: String) -> String {
        capped(escaped(text), to: maximumNameLength)
    }

    /// A whole message: escaped, and when longer than ``maximumMessageLength`` characters, its
    /// start and end joined by `…`.
    package static func message(_ text: String) -> String {
        let escaped = escaped(text)
        guard escaped.count > maximumMessageLength else { return escaped }
        let half = maximumMessageLength / 2
        return String(escaped.prefix(half)) + "…" + String(escaped.suffix(half))
    }

    /// `text` cut to `limit` Unicode scalars, the last replaced by `…`, when longer.
    package static func capped(_ text: String, to limit: Int) -> String {
        DiagnosticText.capped(text, to: limit)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar, keepingTabs: Bool) -> Bool {
        switch scalar.value {
        case 0x09: !keepingTabs
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
