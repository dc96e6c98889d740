public import JSONCore

/// One source file and the diagnostics found in it, the unit every renderer consumes.
public struct DiagnosticReport: Sendable {
    public var source: SourceFile
    /// Located diagnostics (``Diagnostic/offset`` set where known), in the order to print them.
    public var diagnostics: [Diagnostic]

    public init(source: SourceFile, diagnostics: [Diagnostic]) {
        self.source = source
        self.diagnostics = diagnostics
    }
}

/// Turns diagnostics into text for people (``TextRenderer``) or tools (``JSONRenderer``,
/// ``SARIFRenderer``, ``GitHubRenderer``).
///
/// A renderer takes every file of a run at once so document formats (JSON, SARIF) can emit one
/// document for many files; line-oriented formats simply concatenate. Line:column is computed
/// here, from each diagnostic's byte offset and its file's line table, never earlier.
public protocol DiagnosticRenderer: Sendable {
    /// The rendered output for all `reports`, ending with a newline when it is not empty.
    func render(_ reports: [DiagnosticReport]) -> String
}

extension DiagnosticRenderer {
    /// Renders the diagnostics of a single file.
    public func render(_ diagnostics: [Diagnostic], in source: SourceFile) -> String {
        render([DiagnosticReport(source: source, diagnostics: diagnostics)])
    }
}

/// Counts of diagnostics by severity, for summaries.
public struct DiagnosticCounts: Sendable, Hashable, CustomStringConvertible {
    public var errors = 0
    public var warnings = 0
    public var notes = 0

    public init() {}

    public init<S: Sequence>(_ diagnostics: S) where S.Element == Diagnostic {
        for diagnostic in diagnostics { add(diagnostic.severity) }
    }

    public mutating func add(_ severity: Severity) {
        switch severity {
        case .error: errors += 1
        case .warning: warnings += 1
        case .note: notes += 1
        }
    }

    public static func + (lhs: DiagnosticCounts, rhs: DiagnosticCounts) -> DiagnosticCounts {
        var sum = lhs
        sum.errors += rhs.errors
        sum.warnings += rhs.warnings
        sum.notes += rhs.notes
        return sum
    }

    public var isEmpty: Bool { errors == 0 && warnings == 0 && notes == 0 }

    /// `2 errors, 1 warning`; zero counts are left out except that an empty set reads `no problems`.
    public var description: String {
        var parts: [String] = []
        if errors > 0 { parts.append(Self.plural(errors, "error")) }
        if warnings > 0 { parts.append(Self.plural(warnings, "warning")) }
        if notes > 0 { parts.append(Self.plural(notes, "note")) }
        return parts.isEmpty ? "no problems" : parts.joined(separator: ", ")
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}

extension SourceFile {
    /// The text of `line` before the 1-based UTF-8 `column`, invalid UTF-8 repaired.
    func linePrefix(line: Int, column: Int) -> String {
        let range = lineTable.lineRange(line, in: bytes)
        let end = min(range.upperBound, range.lowerBound + max(0, column - 1))
        return String(decoding: bytes[range.lowerBound..<end], as: UTF8.self)
    }

    /// The text of `line` within `radius` bytes either side of the 1-based UTF-8 `column`, both
    /// ends moved inward to the start of a UTF-8 sequence, the text before the column, and
    /// whether the line goes on before or after the piece. Invalid UTF-8 is repaired.
    ///
    ///     // a 650 KB minified line, caret at byte 300,000: about 2 × radius bytes are decoded
    func lineExcerpt(line: Int, column: Int, radius: Int)
        -> (text: String, prefix: String, cutBefore: Bool, cutAfter: Bool)
    {
        let range = lineTable.lineRange(line, in: bytes)
        let caret = min(range.upperBound, range.lowerBound + max(0, column - 1))
        let reach = max(0, radius)
        var start = caret - min(reach, caret - range.lowerBound)
        var end = caret + min(reach, range.upperBound - caret)
        while start < caret, start > range.lowerBound, bytes[start] & 0xC0 == 0x80 { start += 1 }
        while end > caret, end < range.upperBound, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return (
            String(decoding: bytes[start..<end], as: UTF8.self),
            String(decoding: bytes[start..<caret], as: UTF8.self),
            start > range.lowerBound, end < range.upperBound
        )
    }

    /// The 1-based column of `location` counted in UTF-16 code units, as SARIF's
    /// `utf16CodeUnits` column kind and most editors expect.
    func utf16Column(of location: SourceLocation) -> Int {
        linePrefix(line: location.line, column: location.column).utf16.count + 1
    }
}
