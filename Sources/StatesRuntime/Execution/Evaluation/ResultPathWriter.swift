public import JSONCore
public import StatesLanguage

/// Places a state's result into its input at a `ResultPath`, as AWS does.
///
///     input {"a": 1}            ResultPath $             result "r"  →  "r"
///     input {"a": 1}            ResultPath $.b           result "r"  →  {"a": 1, "b": "r"}
///     input {"a": 1}            ResultPath $.x.y.z       result "r"  →  {"a": 1, "x": {"y": {"z": "r"}}}
///     input {"a": {"k": 0}}     ResultPath $.a.b         result "r"  →  {"a": {"k": 0, "b": "r"}}
///     input {"a": 1}            ResultPath $.a           result "r"  →  {"a": "r"}      (replaced)
///     input "text"              ResultPath $.b           → States.ReferencePathConflict
///                               "Unable to apply ReferencePath $.b to input \"text\""
///     input {"a": 1}            ResultPath $.a.b         → States.ReferencePathConflict
///                               "Unable to apply step \"a\" to input {\"a\":1}"
///     input {"l": [1, 2]}       ResultPath $.l[1]        result "r"  →  {"l": [1, "r"]}
///
/// Missing intermediate members are created as empty objects (AWS developer guide, "ResultPath":
/// "If the path doesn't exist, it is created"); a member is added at the end of its object or
/// replaced where it stands. The document is mutated in place: objects along the path are taken
/// out of their parent while they change, so copy-on-write copies nothing that is not shared
/// elsewhere. On failure the document is left unchanged.
///
/// Sources: error name and texts observed on AWS (see SPEC-NOTES.md §5.3, "ResultPath").
public enum ResultPathWriter {
    /// Assigns `value` at `path` inside `document`.
    ///
    /// - Parameters:
    ///   - value: The state's result (after `ResultSelector`).
    ///   - path: A reference path rooted at `$` (the parser guarantees this for `ResultPath`).
    ///   - document: The state's raw input; becomes its output.
    /// - Throws: `States.ReferencePathConflict` when a step meets a value that is not an object
    ///   (or, for an index step, not an array holding that index).
    /// - Complexity: O(depth × members per object on the path).
    public static func assign(_ value: JSON, at path: Path, into document: inout JSON) throws(StatesError) {
        guard path.root == .input, path.isReferencePath else {
            throw StatesError(.runtime, "ResultPath '\(path.source)' is not a reference path on the state input")
        }
        if path.segments.isEmpty {
            document = value
            return
        }
        if let failure = conflict(path.segments[...], in: document) {
            switch failure {
            case .root:
                throw EvaluationFailure.resultPathConflict(path: path, input: document)
            case .step(let step):
                throw EvaluationFailure.referencePathStep(step, input: document)
            }
        }
        write(value, path.segments[...], into: &document)
    }

    enum Conflict: Equatable {
        /// The document itself cannot hold the first step.
        case root
        /// The member or index named cannot be descended into.
        case step(String)
    }

    /// The first step that cannot be applied, without changing anything.
    static func conflict(_ segments: ArraySlice<PathSegment>, in document: JSON) -> Conflict? {
        // `nil` stands for an object the write will create.
        var current: JSON? = document
        var isRoot = true
        for offset in segments.indices {
            let isLast = offset == segments.index(before: segments.endIndex)
            let nextIsIndex: Bool
            if isLast {
                nextIsIndex = false
            } else if case .index = segments[segments.index(after: offset)] {
                nextIsIndex = true
            } else {
                nextIsIndex = false
            }
            /// Whether `value` can take the next step.
            func canDescend(into value: JSON) -> Bool {
                switch value {
                case .object: !nextIsIndex
                case .array: nextIsIndex
                default: false
                }
            }
            switch segments[offset] {
            case .name(let key):
                switch current {
                case nil:
                    if !isLast && nextIsIndex { return .step(key) }
                case .object(let object)?:
                    if isLast { return nil }
                    if let next = object[key] {
                        guard canDescend(into: next) else { return .step(key) }
                        current = next
                    } else {
                        if nextIsIndex { return .step(key) }
                        current = nil
                    }
                case _?:
                    return isRoot ? .root : .step(key)
                }
            case .index(let index):
                guard case .array(let elements)? = current else { return isRoot ? .root : .step(String(index)) }
                let effective = index < 0 ? elements.count + index : index
                guard elements.indices.contains(effective) else { return .step(String(index)) }
                if isLast { return nil }
                guard canDescend(into: elements[effective]) else { return .step(String(index)) }
                current = elements[effective]
            default:
                return .step(JavaText.fragment(segments[offset]))
            }
            isRoot = false
        }
        return nil
    }

    /// Writes `value` at the (already checked) path, creating missing objects.
    static func write(_ value: JSON, _ segments: ArraySlice<PathSegment>, into node: inout JSON) {
        guard let first = segments.first else {
            node = value
            return
        }
        let rest = segments.dropFirst()
        switch (first, node) {
        case (.name(let key), .object(var object)):
            node = .null  // release the parent's reference so `object` is unique
            if rest.isEmpty {
                object[key] = value
            } else {
                var child = object[key] ?? .object(JSONObject())
                object[key] = .null  // release the object's reference so `child` is unique
                write(value, rest, into: &child)
                object[key] = child
            }
            node = .object(object)
        case (.index(let index), .array(var elements)):
            node = .null
            let effective = index < 0 ? elements.count + index : index
            if elements.indices.contains(effective) {
                if rest.isEmpty {
                    elements[effective] = value
                } else {
                    var child = elements[effective]
                    elements[effective] = .null
                    write(value, rest, into: &child)
                    elements[effective] = child
                }
            }
            node = .array(elements)
        default:
            return
        }
    }
}
