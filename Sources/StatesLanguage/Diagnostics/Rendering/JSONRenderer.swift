import JSONCore

/// Renders every file's diagnostics as one JSON document, for scripts.
///
///     {"version": 1,
///      "files": [{"path": "x.json",
///                 "diagnostics": [{"rule": "ASL-E104", "severity": "error", "message": "…",
///                                  "pointer": "/States/Load/Next", "line": 12, "column": 15,
///                                  "notes": [{"message": "…", "pointer": "/States/Load", "line": 4, "column": 5}],
///                                  "fixIt": "use \"Load\""}]}],
///      "summary": {"errors": 1, "warnings": 0, "notes": 0}}
///
/// Every diagnostic has every key: `line` and `column` (1-based, the column in UTF-8 bytes) are
/// `null` when the diagnostic has no offset, `fixIt` is `null` when there is none. Notes carry
/// `pointer`, `line` and `column` only when they have them. ``version`` changes if a key changes
/// meaning.
public struct JSONRenderer: DiagnosticRenderer {
    /// The format version written as `"version"`.
    public static let version = 1

    /// Indent the document (two spaces) instead of writing it on one line.
    public var pretty: Bool

    public init(pretty: Bool = true) {
        self.pretty = pretty
    }

    public func render(_ reports: [DiagnosticReport]) -> String {
        var counts = DiagnosticCounts()
        var files: [JSON] = []
        for report in reports {
            counts = counts + DiagnosticCounts(report.diagnostics)
            let diagnostics = report.diagnostics.map { Self.json(for: $0, in: report.source) }
            files.append(["path": .string(report.source.path), "diagnostics": .array(diagnostics)])
        }
        let document: JSON = [
            "version": JSON(integerLiteral: Self.version),
            "files": .array(files),
            "summary": [
                "errors": JSON(integerLiteral: counts.errors),
                "warnings": JSON(integerLiteral: counts.warnings),
                "notes": JSON(integerLiteral: counts.notes),
            ],
        ]
        return (pretty ? JSONWriter.pretty(document) : JSONWriter.compact(document)) + "\n"
    }

    static func json(for diagnostic: Diagnostic, in source: SourceFile) -> JSON {
        let location = diagnostic.offset.map { source.location(ofOffset: $0) }
        var object = JSONObject()
        object["rule"] = .string(diagnostic.rule.rawValue)
        object["severity"] = .string(diagnostic.severity.rawValue)
        object["message"] = .string(diagnostic.message)
        object["pointer"] = .string(diagnostic.pointer.description)
        object["line"] = location.map { .number(JSONNumber($0.line)) } ?? .null
        object["column"] = location.map { .number(JSONNumber($0.column)) } ?? .null
        object["notes"] = .array(diagnostic.notes.map { json(for: $0, in: source) })
        object["fixIt"] = diagnostic.fixIt.map { .string($0) } ?? .null
        return .object(object)
    }

    private static func json(for note: DiagnosticNote, in source: SourceFile) -> JSON {
        var object = JSONObject()
        object["message"] = .string(note.message)
        if let pointer = note.pointer { object["pointer"] = .string(pointer.description) }
        if let offset = note.offset {
            let location = source.location(ofOffset: offset)
            object["line"] = .number(JSONNumber(location.line))
            object["column"] = .number(JSONNumber(location.column))
        }
        return .object(object)
    }
}
