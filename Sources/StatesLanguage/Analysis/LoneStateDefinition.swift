import JSONCore

/// A definition that is one state rather than a machine (`{"Type": "Pass", …}`), as AWS's
/// TestState takes it without `stateName`: it is wrapped into a machine whose only state is that
/// one, named `StateName` (the name AWS gives it, observed in `$states.context.State.Name`), with
/// a `Succeed` state standing for each state its transitions name (AWS does not require them to
/// exist; SPEC-NOTES.md §15.1).
///
/// The wrapper is text around the file's own bytes; ``unwrapped(_:fileSize:)`` moves the
/// diagnostics of the wrapped text back onto the file's own lines and columns.
public enum LoneStateDefinition {
    /// The name the lone state runs under.
    public static let stateName = "StateName"

    /// The wrapper's text before the file's bytes.
    public static let prefix = Array(#"{"StartAt":"\#(stateName)","States":{"\#(stateName)":"#.utf8)

    /// Diagnostics of the wrapped text placed on the file's own bytes (`count` of them): an offset
    /// inside the wrapper's prefix becomes the state's first byte, one in the wrapper's suffix the
    /// file's last byte.
    public static func unwrapped(_ diagnostics: [Diagnostic], fileSize count: Int) -> [Diagnostic] {
        func shift(_ offset: Int?) -> Int? {
            offset.map { min(max($0 - prefix.count, 0), max(count - 1, 0)) }
        }
        return diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            diagnostic.offset = shift(diagnostic.offset)
            diagnostic.notes = diagnostic.notes.map { note in
                var note = note
                note.offset = shift(note.offset)
                return note
            }
            return diagnostic
        }
    }

    /// The machine around `bytes` when they hold one state; `nil` for anything else (a machine,
    /// or text that is not a JSON object: the analysis reports it as it is).
    public static func wrap(_ bytes: [UInt8]) -> [UInt8]? {
        guard let value = try? JSONReader.read(bytes, options: .init(duplicateKeys: .keepLast)).value,
            case .object(let state) = value, state["Type"] != nil, state["States"] == nil, state["StartAt"] == nil
        else { return nil }
        var targets: [String] = []
        func note(_ value: JSON?) {
            if case .string(let name) = value, name != stateName, !targets.contains(name) { targets.append(name) }
        }
        note(state["Next"])
        note(state["Default"])
        for rule in state["Choices"]?.arrayValue ?? [] { note(rule["Next"]) }
        for catcher in state["Catch"]?.arrayValue ?? [] { note(catcher["Next"]) }
        var text = prefix + bytes
        for target in targets {
            text += Array(",".utf8) + Array(JSONWriter.compact(.string(target)).utf8)
            text += Array(#":{"Type":"Succeed"}"#.utf8)
        }
        text += Array("}}".utf8)
        return text
    }
}
