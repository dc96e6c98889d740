public import JSONCore

/// A compiled payload template: `Parameters`, `ResultSelector`, `ItemSelector`, Pass `Parameters`.
///
/// In a JSONPath-mode template, a key ending in `.$` takes its value from a path or an
/// intrinsic call; every other key is copied as written, recursively. The suffix is removed
/// from the compiled key. Worked example:
///
///     {                                          .object([
///       "comment": "hi",                           Field(key: "comment", value: .template(.literal("hi"))),
///       "id.$": "$.order.id",                      Field(key: "id", value: .dynamic(.path($.order.id))),
///       "when.$": "$$.Execution.StartTime",        Field(key: "when", value: .dynamic(.path($$.Execution.StartTime))),
///       "msg.$": "States.Format('#{}', $.n)",      Field(key: "msg", value: .dynamic(.intrinsic(States.Format…))),
///       "items": [ { "x.$": "$.x" }, 3 ]           Field(key: "items", value: .template(.array([
///     }                                              .object([Field(key: "x", value: .dynamic(.path($.x)))]),
///                                                    .literal(3)])))
///                                                ])
///
/// A subtree with no `.$` key anywhere compiles to one `.literal` so the executor copies it.
/// Problems do not stop compilation: an invalid field becomes a diagnostic and is left out of
/// the template (a definition with errors is never executed).
public indirect enum PayloadTemplate: Sendable, Hashable {
    /// A value copied as is (no `.$` keys inside).
    case literal(JSON)
    /// An object with at least one dynamic field somewhere below it, fields in written order.
    case object([PayloadTemplate.Field])
    /// An array with at least one dynamic field somewhere below it.
    case array([PayloadTemplate])

    /// One member of a compiled object.
    public struct Field: Sendable, Hashable {
        /// The output key, without any `.$` suffix.
        public let key: String
        public let value: Value

        public init(key: String, value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// What a field produces.
    public enum Value: Sendable, Hashable {
        /// A nested template (or literal).
        case template(PayloadTemplate)
        /// A path or intrinsic call, from a `"key.$"` field.
        case dynamic(DynamicValue)
    }

    /// Compiles a template; problems become diagnostics at precise pointers (the `.$` key for a non-string value,
    /// the value for a bad path/intrinsic), leaving the invalid field out but keeping going.
    ///
    /// - Parameters:
    ///   - json: The template as written in the definition.
    ///   - pointer: Where `json` sits in the definition (e.g. `/States/Load/Parameters`).
    /// - Returns: The template and the diagnostics (ASL-E300, ASL-E301, ASL-E302), in document order.
    public static func compile(_ json: JSON, at pointer: JSONPointer) -> (
        template: PayloadTemplate, diagnostics: [Diagnostic]
    ) {
        var diagnostics: [Diagnostic] = []
        var trail: [String] = []
        let template = compileValue(json, at: pointer, trail: &trail, into: &diagnostics)
        return (template, diagnostics)
    }

    /// The key suffix that marks a dynamic field.
    static let dynamicSuffix = ".$"

    /// Compiles `json`, which sits at `pointer` followed by the tokens of `trail`.
    ///
    /// Rationale: the pointer of a member is only needed for a diagnostic, so it is built from
    /// `trail` then, rather than appended to for every member of every template.
    private static func compileValue(
        _ json: JSON, at pointer: JSONPointer, trail: inout [String], into diagnostics: inout [Diagnostic]
    ) -> PayloadTemplate {
        switch json {
        case .object(let object):
            var fields: [Field] = []
            var isDynamic = false
            for (key, value) in object {
                trail.append(key)
                defer { trail.removeLast() }
                if key.hasDynamicSuffix {
                    isDynamic = true
                    // `hasDynamicSuffix` holds, so the last two bytes are the `.$` characters.
                    let outputKey = String(Substring(key.utf8.dropLast(2)))
                    guard case .string(let text) = value else {
                        diagnostics.append(
                            .dynamicFieldNotString(
                                key: key, type: value.typeName, at: pointer.appending(JSONPointer(trail))))
                        continue
                    }
                    do {
                        let dynamic = try DynamicValue.parse(text)
                        fields.append(Field(key: outputKey, value: .dynamic(dynamic)))
                        let advisories = dynamic.advisories
                        if !advisories.isEmpty {
                            diagnostics.append(
                                contentsOf: Diagnostic.pathAdvisories(
                                    field: key, advisories, at: pointer.appending(JSONPointer(trail))))
                        }
                        if case .intrinsic = dynamic {
                            diagnostics.append(
                                contentsOf: Diagnostic.intrinsicArgumentProblems(
                                    field: key, text: text, at: pointer.appending(JSONPointer(trail))))
                        }
                    } catch {
                        diagnostics.append(
                            .invalidDynamicValue(
                                key: key, text: text, error: error, at: pointer.appending(JSONPointer(trail))))
                    }
                } else {
                    let nested = compileValue(value, at: pointer, trail: &trail, into: &diagnostics)
                    if case .literal = nested {} else { isDynamic = true }
                    fields.append(Field(key: key, value: .template(nested)))
                }
            }
            return isDynamic ? .object(fields) : .literal(json)
        case .array(let elements):
            var compiled: [PayloadTemplate] = []
            var isDynamic = false
            for (index, element) in elements.enumerated() {
                trail.append(String(index))
                let nested = compileValue(element, at: pointer, trail: &trail, into: &diagnostics)
                trail.removeLast()
                if case .literal = nested {} else { isDynamic = true }
                compiled.append(nested)
            }
            return isDynamic ? .array(compiled) : .literal(json)
        default:
            return .literal(json)
        }
    }
}

extension String {
    /// Whether this key ends in `.$` (a dynamic template field), as `hasSuffix(".$")` decides.
    ///
    /// Rationale: `hasSuffix` compares `Character`s; a last byte other than `$` already rules the
    /// suffix out (no other `Character` equals `$`), which answers almost every key cheaply.
    ///
    /// When the bytes end in `.$` after an ASCII byte (or nothing), the last two `Character`s are
    /// `.` and `$`: only a non-ASCII prepended scalar could join the `.` to what comes before.
    var hasDynamicSuffix: Bool {
        let bytes = utf8
        guard var index = bytes.indices.last, bytes[index] == UInt8(ascii: "$") else { return false }
        guard index != bytes.startIndex else { return false }
        index = bytes.index(before: index)
        guard bytes[index] == UInt8(ascii: ".") else { return false }
        guard index != bytes.startIndex else { return true }
        if bytes[bytes.index(before: index)] < 0x80 { return true }
        return hasSuffix(PayloadTemplate.dynamicSuffix)
    }
}
