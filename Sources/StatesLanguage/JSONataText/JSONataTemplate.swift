public import JSONCore

/// A compiled JSONata-mode value (`Arguments`, `Output`, `Assign`, …): JSON in which any string
/// written `{% … %}` is an expression.
///
///     {"total": "{% $sum($states.input.prices) %}", "tag": "x"}
///     → .object([Field(key: "total", value: .expression(…)), Field(key: "tag", value: .literal("x"))])
public indirect enum JSONataTemplate: Sendable, Hashable {
    /// A value with no expressions inside, copied as is.
    case literal(JSON)
    /// An object with at least one expression below it, fields in written order.
    case object([JSONataTemplate.Field])
    /// An array with at least one expression below it.
    case array([JSONataTemplate])
    /// A `{% … %}` string.
    case expression(JSONataExpression)

    /// One member of a compiled object.
    public struct Field: Sendable, Hashable {
        public let key: String
        public let value: JSONataTemplate

        public init(key: String, value: JSONataTemplate) {
            self.key = key
            self.value = value
        }
    }

    /// Compiles a JSONata-mode value; bad expression text becomes ASL-E303 at the string's pointer
    /// and the string is kept as a literal so compilation goes on.
    public static func compile(_ json: JSON, at pointer: JSONPointer) -> (
        template: JSONataTemplate, diagnostics: [Diagnostic]
    ) {
        var diagnostics: [Diagnostic] = []
        let template = compileValue(json, at: pointer, into: &diagnostics)
        return (template, diagnostics)
    }

    private static func compileValue(_ json: JSON, at pointer: JSONPointer, into diagnostics: inout [Diagnostic])
        -> JSONataTemplate
    {
        switch json {
        case .string(let text):
            guard JSONataExpression.isExpression(text) else { return .literal(json) }
            do {
                let expression = try JSONataExpression.parse(text)
                diagnostics += JSONataReferenceCheck.diagnostics(
                    for: expression, field: pointer.lastToken ?? "", text: text, at: pointer)
                return .expression(expression)
            } catch {
                diagnostics.append(.invalidJSONata(field: pointer.lastToken ?? "", error: error, at: pointer))
                return .literal(json)
            }
        case .object(let object):
            var fields: [Field] = []
            var isDynamic = false
            for (key, value) in object {
                let nested = compileValue(value, at: pointer / key, into: &diagnostics)
                if case .literal = nested {} else { isDynamic = true }
                fields.append(Field(key: key, value: nested))
            }
            return isDynamic ? .object(fields) : .literal(json)
        case .array(let elements):
            var compiled: [JSONataTemplate] = []
            var isDynamic = false
            for (index, element) in elements.enumerated() {
                let nested = compileValue(element, at: pointer / index, into: &diagnostics)
                if case .literal = nested {} else { isDynamic = true }
                compiled.append(nested)
            }
            return isDynamic ? .array(compiled) : .literal(json)
        default:
            return .literal(json)
        }
    }
}
