import JSONCore
import StatesLanguage
import StatesTestSupport

/// Hand-made sources and diagnostics shared by the renderer tests.
enum RenderingSamples {
    static let marked = MarkedText(
        """
        {
          "StartAt": "Load",
          "States": {
            2️⃣"Load": {
              "Type": "Pass",
              "Next": 1️⃣"Lod"
            }
          }
        }
        """)

    static let source = SourceFile(path: "Examples/x.json", text: marked.text)

    static func offset(_ marker: String) -> Int { marked.offset(of: marker) ?? -1 }

    static let unknownNext = Diagnostic(
        rule: "ASL-E104",
        severity: .error,
        message: #"State "Load" has Next "Lod", which is not a state in this scope (did you mean "Load"?)"#,
        pointer: ["States", "Load", "Next"],
        offset: offset("1️⃣"),
        notes: [noteAtLoad],
        fixIt: #"use "Load""#
    )

    static var noteAtLoad: DiagnosticNote {
        var note = DiagnosticNote(#""Load" is defined here"#, pointer: ["States", "Load"])
        note.offset = offset("2️⃣")
        return note
    }

    static let unlocatedWarning = Diagnostic(
        rule: "ASL-W201", severity: .warning, message: "Definition has no Comment", pointer: .root)
}
