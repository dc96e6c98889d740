import JSONCore

/// Renders diagnostics the way swiftc does, for people reading a terminal or a log.
///
///     Examples/x.json:12:15: error[ASL-E104]: State "Load" has Next "Lod", which is not a state in this scope
///       at /States/Load/Next
///     12 |     "Next": "Lod"
///        |             ^ use "Load"
///     Examples/x.json:4:5: note: "Load" is defined here
///
/// The caret sits under the diagnostic's column as a terminal shows it: tabs are kept, wide
/// characters (CJK, emoji) count two cells, combining marks none. A diagnostic without an offset
/// prints `path: error[ID]: message`. Colour (ANSI bold, red for errors, yellow for warnings) is
/// added only when ``usesColor`` is set; the caller decides (a TTY, `NO_COLOR` unset). Text from
/// the definition (messages, pointers, paths, source lines) goes through ``TerminalText`` so its
/// control characters are shown escaped, never sent to the terminal.
public struct TextRenderer: DiagnosticRenderer {
    /// Print the source line and a caret under each located diagnostic.
    public var showsExcerpt: Bool
    /// Wrap severities, locations and carets in ANSI escape sequences.
    public var usesColor: Bool
    /// Longer source lines (a minified definition is one line) are cut to this many characters
    /// around the caret, with `…` marking the cuts.
    public var maximumExcerptWidth: Int

    public init(showsExcerpt: Bool = true, usesColor: Bool = false, maximumExcerptWidth: Int = 120) {
        self.showsExcerpt = showsExcerpt
        self.usesColor = usesColor
        self.maximumExcerptWidth = maximumExcerptWidth
    }

    public func render(_ reports: [DiagnosticReport]) -> String {
        var output = ""
        for report in reports {
            for diagnostic in report.diagnostics {
                render(diagnostic, in: report.source, into: &output)
            }
        }
        return output
    }

    private func render(_ diagnostic: Diagnostic, in source: SourceFile, into output: inout String) {
        let location = diagnostic.offset.map { source.location(ofOffset: $0) }
        let path = TerminalText.escaped(source.path)
        let fixIt = diagnostic.fixIt.map(TerminalText.message)
        output += style(.bold, Self.locationPrefix(path, location))
        output += " "
        output += style(Self.color(of: diagnostic.severity), "\(diagnostic.severity.rawValue)[\(diagnostic.rule)]:")
        output += " "
        output += style(.bold, TerminalText.message(diagnostic.message))
        output += "\n"
        if !diagnostic.pointer.isRoot {
            output += "  at \(TerminalText.message(diagnostic.pointer.description))\n"
        }
        // A source of no bytes (a file refused from its size, never read) has nothing to show.
        if showsExcerpt, let location, !source.bytes.isEmpty {
            output += excerpt(at: location, in: source, label: fixIt, severity: diagnostic.severity)
        } else if let fixIt {
            output += "  fix-it: \(fixIt)\n"
        }
        for note in diagnostic.notes {
            let noteLocation = note.offset.map { source.location(ofOffset: $0) }
            if let noteLocation {
                output += style(.bold, Self.locationPrefix(path, noteLocation)) + " "
            }
            output += style(.bold, "note:") + " \(TerminalText.message(note.message))\n"
        }
    }

    /// `path:line:column:` or, without a location, `path:`.
    private static func locationPrefix(_ path: String, _ location: SourceLocation?) -> String {
        guard let location else { return "\(path):" }
        return "\(path):\(location.line):\(location.column):"
    }

    private func excerpt(at location: SourceLocation, in source: SourceFile, label: String?, severity: Severity)
        -> String
    {
        let lineNumber = String(location.line)
        let gutter = String(repeating: " ", count: lineNumber.count)
        // Control characters in the source (raw ESC or BEL bytes) are shown escaped, in the line
        // and in the prefix the caret is measured from, so the caret still lines up.
        // Only the bytes near the caret are decoded: windowing a whole minified line for each
        // diagnostic made `asl validate` quadratic (1,500 warnings on one 650 KB line took 100 s).
        let piece = source.lineExcerpt(
            line: location.line, column: location.column, radius: Self.excerptRadius(width: maximumExcerptWidth))
        let (shownLine, shownPrefix) = Self.window(
            line: TerminalText.escaped(piece.text, keepingTabs: true),
            prefix: TerminalText.escaped(piece.prefix, keepingTabs: true),
            width: maximumExcerptWidth, cutBefore: piece.cutBefore, cutAfter: piece.cutAfter)
        var caret = "^"
        if let label { caret += " \(label)" }
        return "\(lineNumber) |" + (shownLine.isEmpty ? "" : " \(shownLine)") + "\n"
            + "\(gutter) | \(Self.caretPadding(shownPrefix))\(style(Self.color(of: severity), caret))\n"
    }

    /// Bytes of a source line decoded either side of the caret: eight per character shown
    /// covers any UTF-8 text and leaves room for the window to centre the caret.
    static func excerptRadius(width: Int) -> Int { max(width, 1) * 8 }

    /// The part of a long line to show around the caret, with `…` where text was cut, and the
    /// shown text before the caret. Lines up to `width` characters are shown whole.
    /// `cutBefore`/`cutAfter` say that `line` is itself a piece of a longer line, so that side
    /// gets its `…` even when nothing more is cut here.
    static func window(
        line: String, prefix: String, width: Int, cutBefore: Bool = false, cutAfter: Bool = false
    ) -> (line: String, prefix: String) {
        let characters = Array(line)
        guard characters.count > width || cutBefore || cutAfter, width > 0 else { return (line, prefix) }
        let caret = min(Array(prefix).count, characters.count)
        let start = max(0, min(caret - width / 3, characters.count - width))
        let end = min(characters.count, start + width)
        let lead = start > 0 || cutBefore ? "…" : ""
        let shown = lead + String(characters[start..<end]) + (end < characters.count || cutAfter ? "…" : "")
        return (shown, lead + String(characters[start..<max(start, min(caret, end))]))
    }

    /// Blank space as wide on a terminal as `prefix`, keeping its tabs so the caret lines up.
    static func caretPadding(_ prefix: String) -> String {
        var padding = ""
        for character in prefix {
            if character == "\t" {
                padding += "\t"
            } else {
                padding += String(repeating: " ", count: displayWidth(of: character))
            }
        }
        return padding
    }

    /// Terminal cells a character takes: 2 for East Asian wide and emoji-presentation
    /// characters, 0 for a lone control or zero-width character, else 1.
    static func displayWidth(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) || value == 0x200B { return 0 }
        if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if scalar.properties.isEmojiPresentation { return 2 }
        let wideRanges: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD,
        ]
        return wideRanges.contains { $0.contains(value) } ? 2 : 1
    }

    private enum Style: String {
        case bold = "\u{1B}[1m"
        case red = "\u{1B}[1;31m"
        case yellow = "\u{1B}[1;33m"
        case cyan = "\u{1B}[1;36m"
    }

    private static func color(of severity: Severity) -> Style {
        switch severity {
        case .error: .red
        case .warning: .yellow
        case .note: .cyan
        }
    }

    private func style(_ style: Style, _ text: String) -> String {
        usesColor ? style.rawValue + text + "\u{1B}[0m" : text
    }
}
