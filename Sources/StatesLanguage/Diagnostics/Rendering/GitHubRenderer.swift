import JSONCore

/// Renders diagnostics as GitHub Actions workflow commands, which the runner turns into
/// annotations on the pull request:
///
///     ::error file=Examples/x.json,line=12,col=15,title=ASL-E104::State "Load" has Next "Lod", …
///
/// Errors become `::error`, warnings `::warning`, notes `::notice`. In the message `%`, `\r` and
/// `\n` are written `%25`, `%0D`, `%0A`; in property values `,` and `:` are also escaped
/// (`%2C`, `%3A`), as the runner's command parser requires. Notes and the fix-it follow the
/// message on their own (escaped) lines. Control characters in the texts themselves (a decoded
/// `\n` or ESC in a state name) are first written as visible escapes by ``TerminalText``.
public struct GitHubRenderer: DiagnosticRenderer {
    public init() {}

    public func render(_ reports: [DiagnosticReport]) -> String {
        var output = ""
        for report in reports {
            for diagnostic in report.diagnostics {
                output += command(for: diagnostic, in: report.source) + "\n"
            }
        }
        return output
    }

    private func command(for diagnostic: Diagnostic, in source: SourceFile) -> String {
        var properties = ["file=" + Self.escapeProperty(TerminalText.escaped(source.path))]
        if let offset = diagnostic.offset {
            let location = source.location(ofOffset: offset)
            properties.append("line=\(location.line)")
            properties.append("col=\(location.column)")
        }
        properties.append("title=" + Self.escapeProperty(diagnostic.rule.rawValue))
        // Each piece is escaped before the pieces are joined, so only the renderer's own line
        // breaks become `%0A`: a `\n` inside a state name cannot end the command.
        var message = TerminalText.message(diagnostic.message)
        if let fixIt = diagnostic.fixIt { message += "\nfix-it: \(TerminalText.message(fixIt))" }
        for note in diagnostic.notes { message += "\nnote: \(TerminalText.message(note.message))" }
        return "::\(Self.command(for: diagnostic.severity)) \(properties.joined(separator: ","))::"
            + Self.escapeData(message)
    }

    private static func command(for severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
    }

    /// Escapes a command's message (`%`, `\r`, `\n`).
    static func escapeData(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": escaped += "%25"
            case "\r": escaped += "%0D"
            case "\n": escaped += "%0A"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Escapes a property value (the message escapes plus `:` and `,`).
    static func escapeProperty(_ text: String) -> String {
        var escaped = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": escaped += "%3A"
            case ",": escaped += "%2C"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
