/// An error while it travels up the evaluator: jsonata-js patches `position` and `token` on the
/// way out and fills the message from its catalog at the top (`populateMessage`), so this keeps
/// the raw inserts and `JSONataError` is made once, at the API boundary.
struct EvalError: Error, @unchecked Sendable {
    var code: String
    var position: Int?
    var token: String?
    /// The `value` insert; `hasValue` tells `undefined` from no insert at all.
    var value: Value?
    var hasValue: Bool
    var value2: Value?
    var index: Int?
    /// The other inserts some messages take (`exp`, `type`, `functionName`, `message`).
    var extra: [String: String] = [:]
    /// A message that is already final (errors from the picture formatters).
    var fixedMessage: String?

    init(
        code: String, position: Int? = nil, token: String? = nil, value: Value? = nil, hasValue: Bool? = nil,
        value2: Value? = nil, index: Int? = nil, extra: [String: String] = [:]
    ) {
        self.code = code
        self.position = position
        self.token = token
        self.value = value
        self.hasValue = hasValue ?? (value != nil)
        self.value2 = value2
        self.index = index
        self.extra = extra
    }

    init(_ error: JSONataError) {
        self.init(code: error.code, position: error.position, token: error.token)
        fixedMessage = error.message
    }

    /// The public error, message filled from the catalog as jsonata-js's `populateMessage` does:
    /// `{{x}}` inserts `JSON.stringify(x)`, `{{{x}}}` inserts `x` as is.
    var publicError: JSONataError {
        let message: String
        if let fixedMessage {
            message = fixedMessage
        } else if let template = errorCatalog[code] {
            message = fill(template)
        } else {
            message = "Error \(code)"
        }
        return JSONataError(
            code: code, message: message, position: position, token: token,
            value: value.flatMap { try? $0.toJSON() })
    }

    private func insert(_ name: String, raw: Bool) -> String {
        switch name {
        case "token": return token.map { raw ? $0 : jsonStringLiteral($0) } ?? "undefined"
        case "value": return raw ? (value.map { rawText($0) } ?? "undefined") : stringifyInsert(value)
        case "value2": return stringifyInsert(value2)
        case "index": return index.map(String.init) ?? "undefined"
        default:
            guard let text = extra[name] else { return "undefined" }
            return raw ? text : text
        }
    }

    private func rawText(_ value: Value) -> String {
        if case .string(let string) = value { return string }
        return stringifyInsert(value)
    }

    private func stringifyInsert(_ value: Value?) -> String {
        guard let value else { return "undefined" }
        if case .function = value { return "undefined" }
        return (try? stringify(value, pretty: false, precision15: false)) ?? "undefined"
    }

    private func fill(_ template: String) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            let triple = rest[open.upperBound...].hasPrefix("{")
            let nameStart = triple ? rest.index(after: open.upperBound) : open.upperBound
            guard let close = rest[nameStart...].range(of: triple ? "}}}" : "}}") else {
                result += rest[open.lowerBound...]
                return result
            }
            result += insert(String(rest[nameStart..<close.lowerBound]), raw: triple)
            rest = rest[close.upperBound...]
        }
        result += rest
        return result
    }
}

/// jsonata-js 2.0.6's message catalog (`errorCodes` in `src/jsonata.js`), plus U1001 for the
/// evaluation limits (jsonata's test harness uses that code for depth and time limits).
let errorCatalog: [String: String] = [
    "S0101": "String literal must be terminated by a matching quote",
    "S0102": "Number out of range: {{token}}",
    "S0103": "Unsupported escape sequence: \\{{token}}",
    "S0104": "The escape sequence \\u must be followed by 4 hex digits",
    "S0105": "Quoted property name must be terminated with a backquote (`)",
    "S0106": "Comment has no closing tag",
    "S0201": "Syntax error: {{token}}",
    "S0202": "Expected {{value}}, got {{token}}",
    "S0203": "Expected {{value}} before end of expression",
    "S0204": "Unknown operator: {{token}}",
    "S0205": "Unexpected token: {{token}}",
    "S0206": "Unknown expression type: {{token}}",
    "S0207": "Unexpected end of expression",
    "S0208": "Parameter {{value}} of function definition must be a variable name (start with $)",
    "S0209": "A predicate cannot follow a grouping expression in a step",
    "S0210": "Each step can only have one grouping expression",
    "S0211": "The symbol {{token}} cannot be used as a unary operator",
    "S0212": "The left side of := must be a variable name (start with $)",
    "S0213": "The literal value {{value}} cannot be used as a step within a path expression",
    "S0214": "The right side of {{token}} must be a variable name (start with $)",
    "S0215": "A context variable binding must precede any predicates on a step",
    "S0216": "A context variable binding must precede the 'order-by' clause on a step",
    "S0217": "The object representing the 'parent' cannot be derived from this expression",
    "S0301": "Empty regular expressions are not allowed",
    "S0302": "No terminating / in regular expression",
    "S0402": "Choice groups containing parameterized types are not supported",
    "S0401": "Type parameters can only be applied to functions and arrays",
    "S0500": "Attempted to evaluate an expression containing syntax error(s)",
    "T0410": "Argument {{index}} of function {{token}} does not match function signature",
    "T0411": "Context value is not a compatible type with argument {{index}} of function {{token}}",
    "T0412": "Argument {{index}} of function {{token}} must be an array of {{type}}",
    "D1001": "Number out of range: {{value}}",
    "D1002": "Cannot negate a non-numeric value: {{value}}",
    "T1003": "Key in object structure must evaluate to a string; got: {{value}}",
    "D1004": "Regular expression matches zero length string",
    "T1005": "Attempted to invoke a non-function. Did you mean ${{{token}}}?",
    "T1006": "Attempted to invoke a non-function",
    "T1007": "Attempted to partially apply a non-function. Did you mean ${{{token}}}?",
    "T1008": "Attempted to partially apply a non-function",
    "D1009": "Multiple key definitions evaluate to same key: {{value}}",
    "T1010":
        "The matcher function argument passed to function {{token}} does not return the correct object structure",
    "T2001": "The left side of the {{token}} operator must evaluate to a number",
    "T2002": "The right side of the {{token}} operator must evaluate to a number",
    "T2003": "The left side of the range operator (..) must evaluate to an integer",
    "T2004": "The right side of the range operator (..) must evaluate to an integer",
    "T2006": "The right side of the function application operator ~> must be a function",
    "T2007": "Type mismatch when comparing values {{value}} and {{value2}} in order-by clause",
    "T2008": "The expressions within an order-by clause must evaluate to numeric or string values",
    "T2009": "The values {{value}} and {{value2}} either side of operator {{token}} must be of the same data type",
    "T2010": "The expressions either side of operator {{token}} must evaluate to numeric or string values",
    "T2011": "The insert/update clause of the transform expression must evaluate to an object: {{value}}",
    "T2012":
        "The delete clause of the transform expression must evaluate to a string or array of strings: {{value}}",
    "T2013":
        "The transform expression clones the input object using the $clone() function.  This has been overridden in the current scope by a non-function.",
    "D2014":
        "The size of the sequence allocated by the range operator (..) must not exceed 1e6.  Attempted to allocate {{value}}.",
    "D3001": "Attempting to invoke string function on Infinity or NaN",
    "D3010": "Second argument of replace function cannot be an empty string",
    "D3011": "Fourth argument of replace function must evaluate to a positive number",
    "D3012": "Attempted to replace a matched string with a non-string value",
    "D3020": "Third argument of split function must evaluate to a positive number",
    "D3030": "Unable to cast value to a number: {{value}}",
    "D3040": "Third argument of match function must evaluate to a positive number",
    "D3050": "The second argument of reduce function must be a function with at least two arguments",
    "D3060": "The sqrt function cannot be applied to a negative number: {{value}}",
    "D3061":
        "The power function has resulted in a value that cannot be represented as a JSON number: base={{value}}, exponent={{exp}}",
    "D3070":
        "The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function",
    "D3100": "The radix of the formatBase function must be between 2 and 36.  It was given {{value}}",
    "D3110": "The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given {{value}}",
    "D3120": "Syntax error in expression passed to function eval: {{value}}",
    "D3121": "Dynamic error evaluating the expression passed to function eval: {{value}}",
    "D3137": "{{{message}}}",
    "D3138": "The $single() function expected exactly 1 matching result.  Instead it matched more.",
    "D3139": "The $single() function expected exactly 1 matching result.  Instead it matched 0.",
    "D3140": "Malformed URL passed to ${{{functionName}}}(): {{value}}",
    "D3141": "{{{message}}}",
    "U1001": "{{{message}}}",
    "U1002": "The result of ${{{token}}}() would exceed the size limit (1e7): {{value}}",
]
