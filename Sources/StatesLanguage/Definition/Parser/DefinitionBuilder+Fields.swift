import JSONCore

// Typed field readers. Each reads `object[key]`, reports a wrong JSON type (ASL-E105) at
// `pointer / key`, and returns `nil` when the field is absent, mistyped, or a lone `${Name}`
// placeholder (when placeholders are allowed).

extension DefinitionBuilder {
    // MARK: Placeholders

    /// Whether `json` stands for a value a deployment tool fills in (and placeholders are
    /// allowed): a string made of exactly one `${Name}` placeholder, or a CloudFormation intrinsic
    /// function object such as `{"Fn::GetAtt": ["Fn", "Arn"]}` or `{"Ref": "Timeout"}`.
    ///
    /// CloudFormation resolves intrinsics inside a `Definition` object before Step Functions sees
    /// it (AWS CloudFormation User Guide, `AWS::StepFunctions::StateMachine` `Definition`), so
    /// `"Resource": {"Fn::GetAtt": …}` in a definition taken from a template is no type error.
    func isPlaceholder(_ json: JSON) -> Bool {
        guard options.allowsPlaceholders else { return false }
        switch json {
        case .string(let text): return text.mayHoldPlaceholder && Placeholders.isPlaceholder(text)
        case .object(let object): return Self.isTemplateIntrinsic(object)
        default: return false
        }
    }

    /// `{"Ref": …}` or `{"Fn::<Name>": …}`: one member, named as a CloudFormation intrinsic.
    static func isTemplateIntrinsic(_ object: JSONObject) -> Bool {
        guard object.count == 1, let key = object.keys.first else { return false }
        return key == "Ref" || key.hasPrefix("Fn::")
    }

    func containsPlaceholder(_ text: String) -> Bool {
        options.allowsPlaceholders && text.mayHoldPlaceholder && Placeholders.contains(text)
    }

    /// Keeps diagnostics from the path/template compilers, except those about a string that
    /// holds a placeholder: its text is only known after substitution.
    mutating func keep(_ found: [Diagnostic]) {
        for diagnostic in found {
            if options.allowsPlaceholders, case .string(let text)? = document[diagnostic.pointer],
                Placeholders.contains(text)
            {
                continue
            }
            diagnostics.append(diagnostic)
        }
    }

    // MARK: Plain JSON types

    mutating func string(_ key: String, in object: JSONObject, at pointer: JSONPointer) -> String? {
        guard let value = object[key] else { return nil }
        if case .string(let text) = value { return text }
        if isPlaceholder(value) { return nil }
        diagnostics.append(ParserDiagnostics.wrongType(key, expected: "a string", actual: value, at: pointer / key))
        return nil
    }

    mutating func bool(_ key: String, in object: JSONObject, at pointer: JSONPointer) -> Bool? {
        guard let value = object[key] else { return nil }
        if case .bool(let flag) = value { return flag }
        if isPlaceholder(value) { return nil }
        diagnostics.append(ParserDiagnostics.wrongType(key, expected: "a boolean", actual: value, at: pointer / key))
        return nil
    }

    mutating func objectField(_ key: String, in object: JSONObject, at pointer: JSONPointer) -> JSONObject? {
        guard let value = object[key] else { return nil }
        if case .object(let nested) = value { return nested }
        if isPlaceholder(value) { return nil }
        diagnostics.append(ParserDiagnostics.wrongType(key, expected: "an object", actual: value, at: pointer / key))
        return nil
    }

    mutating func arrayField(_ key: String, in object: JSONObject, at pointer: JSONPointer) -> [JSON]? {
        guard let value = object[key] else { return nil }
        if case .array(let elements) = value { return elements }
        if isPlaceholder(value) { return nil }
        diagnostics.append(ParserDiagnostics.wrongType(key, expected: "an array", actual: value, at: pointer / key))
        return nil
    }

    mutating func integer(_ key: String, in object: JSONObject, at pointer: JSONPointer) -> Int64? {
        guard let value = object[key] else { return nil }
        return integerValue(value, field: key, at: pointer / key)
    }

    /// An integer: `1.5` is ASL-E105; `1.0`/`1e2` are accepted with an ASL-E105 warning (see SPEC-NOTES.md §2).
    mutating func integerValue(_ value: JSON, field: String, at pointerOfValue: @autoclosure () -> JSONPointer)
        -> Int64?
    {
        var pointer: JSONPointer { pointerOfValue() }
        guard case .number(let number) = value else {
            if !isPlaceholder(value) {
                diagnostics.append(
                    ParserDiagnostics.wrongType(field, expected: "an integer", actual: value, at: pointer))
            }
            return nil
        }
        if number.isInteger {
            if let exact = number.int64Value { return exact }
            diagnostics.append(ParserDiagnostics.integerOutOfRange(field, number: number, at: pointer))
            return nil
        }
        if let integral = number.integralValue {
            diagnostics.append(ParserDiagnostics.integralDecimal(field, number: number, value: integral, at: pointer))
            return integral
        }
        diagnostics.append(ParserDiagnostics.notAnInteger(field, number: number, at: pointer))
        return nil
    }

    mutating func number(_ key: String, in object: JSONObject, at pointer: JSONPointer) -> JSONNumber? {
        guard let value = object[key] else { return nil }
        return numberValue(value, field: key, at: pointer / key)
    }

    mutating func numberValue(_ value: JSON, field: String, at pointerOfValue: @autoclosure () -> JSONPointer)
        -> JSONNumber?
    {
        var pointer: JSONPointer { pointerOfValue() }
        if case .number(let number) = value { return number }
        if !isPlaceholder(value) {
            diagnostics.append(ParserDiagnostics.wrongType(field, expected: "a number", actual: value, at: pointer))
        }
        return nil
    }

    // MARK: Paths

    mutating func parsePath(_ text: String, field: String, at pointer: @autoclosure () -> JSONPointer) -> Path? {
        if containsPlaceholder(text) { return nil }
        do {
            let path = try Path.parse(text)
            let advisories = path.advisories
            if !advisories.isEmpty {
                diagnostics.append(contentsOf: Diagnostic.pathAdvisories(field: field, advisories, at: pointer()))
            }
            return path
        } catch {
            diagnostics.append(.invalidPath(field: field, text: text, error: error, at: pointer()))
            return nil
        }
    }

    /// A path field that takes no `null` (`ItemsPath`, `Variable`, `…Path` numbers).
    mutating func path(_ key: String, in object: JSONObject, at pointer: JSONPointer) -> Path? {
        guard let text = string(key, in: object, at: pointer) else { return nil }
        return parsePath(text, field: key, at: pointer / key)
    }

    /// `InputPath`, `OutputPath`, `ResultPath`: a path or `null`.
    mutating func pathOrNull(_ key: String, in object: JSONObject, at pointer: JSONPointer) -> PathOrNull? {
        guard let value = object[key] else { return nil }
        switch value {
        case .null: return .null
        case .string(let text): return parsePath(text, field: key, at: pointer / key).map(PathOrNull.path)
        default:
            diagnostics.append(
                ParserDiagnostics.wrongType(key, expected: "a path string or null", actual: value, at: pointer / key))
            return nil
        }
    }

    // MARK: Templates and JSONata

    mutating func payloadTemplate(_ json: JSON, at pointer: JSONPointer) -> PayloadTemplate {
        let compiled = PayloadTemplate.compile(json, at: pointer)
        keep(compiled.diagnostics)
        return compiled.template
    }

    mutating func jsonataTemplate(_ json: JSON, at pointer: JSONPointer) -> JSONataTemplate {
        let compiled = JSONataTemplate.compile(json, at: pointer)
        keep(compiled.diagnostics)
        return compiled.template
    }

    /// A template field in the state's language (`Parameters`/`Arguments`, `ItemSelector`, …).
    mutating func template(_ key: String, in object: JSONObject, at pointer: JSONPointer, language: QueryLanguage)
        -> DynamicTemplate?
    {
        guard let value = object[key], !isPlaceholder(value) else { return nil }
        switch language {
        case .jsonPath: return .jsonPath(payloadTemplate(value, at: pointer / key))
        case .jsonata: return .jsonata(jsonataTemplate(value, at: pointer / key))
        }
    }

    /// `Assign`: an object whose values are templates of the state's language.
    mutating func assign(in object: JSONObject, at pointer: JSONPointer, language: QueryLanguage) -> DynamicTemplate? {
        guard objectField("Assign", in: object, at: pointer) != nil else { return nil }
        return template("Assign", in: object, at: pointer, language: language)
    }

    mutating func jsonataExpression(_ text: String, field: String, at pointer: JSONPointer) -> JSONataExpression? {
        do {
            let expression = try JSONataExpression.parse(text)
            diagnostics += JSONataReferenceCheck.diagnostics(for: expression, field: field, text: text, at: pointer)
            return expression
        } catch {
            diagnostics.append(.invalidJSONata(field: field, error: error, at: pointer))
            return nil
        }
    }

    /// The common input/output fields in the state's language; a kind's builder then drops
    /// what the kind does not accept (already reported by ``checkFields``).
    mutating func inputOutput(_ context: StateContext) -> InputOutput {
        let object = context.object
        let pointer = context.pointer
        let has = FieldCatalog.inputOutputFields(for: context.kind, language: context.language)
        var io = InputOutput()
        if has.inputPath { io.inputPath = pathOrNull("InputPath", in: object, at: pointer) }
        if has.outputPath { io.outputPath = pathOrNull("OutputPath", in: object, at: pointer) }
        if has.resultPath { io.resultPath = pathOrNull("ResultPath", in: object, at: pointer) }
        if has.resultSelector, let value = object["ResultSelector"], !isPlaceholder(value) {
            io.resultSelector = payloadTemplate(value, at: pointer / "ResultSelector")
        }
        if context.kind != .map {
            if has.parameters {
                io.parameters = template("Parameters", in: object, at: pointer, language: .jsonPath)
            }
            if has.arguments { io.parameters = template("Arguments", in: object, at: pointer, language: .jsonata) }
        }
        if has.output, let value = object["Output"], !isPlaceholder(value) {
            io.output = jsonataTemplate(value, at: pointer / "Output")
        }
        return io
    }

    // MARK: Exclusive pairs

    /// ASL-E107 when both fields are present, pointing at the second's key.
    @discardableResult
    mutating func exclusive(_ first: String, _ second: String, in object: JSONObject, at pointer: JSONPointer)
        -> Bool
    {
        guard object[first] != nil, object[second] != nil else { return false }
        diagnostics.append(ParserDiagnostics.exclusiveFields(first, second, at: pointer / second))
        return true
    }
}

extension String {
    /// Whether the text has a `$` byte followed by `{`, which every `${Name}` placeholder starts
    /// with; when it has not, the text holds no placeholder and ``Placeholders`` need not look.
    var mayHoldPlaceholder: Bool {
        var afterDollar = false
        for byte in utf8 {
            if afterDollar && byte == UInt8(ascii: "{") { return true }
            afterDollar = byte == UInt8(ascii: "$")
        }
        return false
    }
}
