import JSONCore

// Map states, inline and distributed, with their sub-objects.
// Source: ASL specification, "Map State"; AWS developer guide, "Map workflow state",
// "ItemReader (Map)", "ItemBatcher (Map)", "ResultWriter (Map)", "ItemSelector (Map)".

extension DefinitionBuilder {
    mutating func buildMap(_ context: StateContext) -> MapState {
        let object = context.object
        let pointer = context.pointer
        let language = context.language
        let id = context.common.id
        // The processor's scope is built after this state's slot is reserved (depth-first IDs).
        let usesIterator = object["ItemProcessor"] == nil && object["Iterator"] != nil
        exclusive("ItemProcessor", "Iterator", in: object, at: pointer)
        let processorKey = usesIterator ? "Iterator" : "ItemProcessor"
        var mode = MapState.ProcessorMode.inline
        var executionType: MapState.ExecutionType?
        var processor: ScopeID
        if let processorObject = objectField(processorKey, in: object, at: pointer) {
            let processorPointer = pointer / processorKey
            if let config = objectField("ProcessorConfig", in: processorObject, at: processorPointer) {
                let configPointer = processorPointer / "ProcessorConfig"
                checkFields(
                    config, at: configPointer, allowed: FieldCatalog.processorConfig, language: language,
                    owner: "ProcessorConfig")
                if let text = string("Mode", in: config, at: configPointer) {
                    mode =
                        enumValue(MapState.ProcessorMode.self, field: "Mode", text: text, at: configPointer / "Mode")
                        ?? .inline
                }
                if let text = string("ExecutionType", in: config, at: configPointer) {
                    executionType = enumValue(
                        MapState.ExecutionType.self, field: "ExecutionType", text: text,
                        at: configPointer / "ExecutionType")
                }
            }
            processor = buildNestedScope(
                processorObject, kind: .mapItemProcessor(parent: id), allowed: FieldCatalog.itemProcessor,
                what: "The \(processorKey) of Map state \(DiagnosticText.quoted(context.name))", at: processorPointer)
        } else {
            if object[processorKey] == nil {
                diagnostics.append(ParserDiagnostics.missingField("ItemProcessor", in: context.owner, at: pointer))
            }
            processor = buildScope(
                kind: .mapItemProcessor(parent: id), language: machineLanguage, states: nil, startAt: nil,
                at: pointer / processorKey)
        }
        var map = MapState(
            common: context.common, itemProcessor: processor, usesLegacyIterator: usesIterator, processorMode: mode,
            executionType: executionType, transition: nil)
        readItems(&map, context)
        map.itemReader = component(
            "ItemReader", in: context, allowed: FieldCatalog.itemReader, configKey: "ReaderConfig",
            configFields: FieldCatalog.readerConfig)
        map.itemBatcher = itemBatcher(context)
        map.resultWriter = component(
            "ResultWriter", in: context, allowed: FieldCatalog.resultWriter, configKey: "WriterConfig",
            configFields: FieldCatalog.writerConfig)
        map.maxConcurrency = dynamicInteger(
            "MaxConcurrency", pathKey: "MaxConcurrencyPath", in: object, at: pointer, language: language)
        map.toleratedFailurePercentage = dynamicNumber(
            "ToleratedFailurePercentage", pathKey: "ToleratedFailurePercentagePath", in: object, at: pointer,
            language: language)
        map.toleratedFailureCount = dynamicInteger(
            "ToleratedFailureCount", pathKey: "ToleratedFailureCountPath", in: object, at: pointer, language: language)
        map.label = string("Label", in: object, at: pointer)
        map.io = inputOutput(context)
        map.errorHandling = errorHandling(context)
        map.transition = transition(context)
        return map
    }

    /// `ItemsPath`/`Items` and `ItemSelector` (or the legacy `Parameters`).
    private mutating func readItems(_ map: inout MapState, _ context: StateContext) {
        let object = context.object
        let pointer = context.pointer
        switch context.language {
        case .jsonPath:
            map.items = path("ItemsPath", in: object, at: pointer).map(MapState.Items.path)
            let legacy = object["ItemSelector"] == nil && object["Parameters"] != nil
            exclusive("ItemSelector", "Parameters", in: object, at: pointer)
            map.usesLegacyParameters = legacy
            map.itemSelector = template(
                legacy ? "Parameters" : "ItemSelector", in: object, at: pointer, language: .jsonPath)
        case .jsonata:
            if let value = object["Items"] {
                switch value {
                case .array:
                    map.items = .jsonata(jsonataTemplate(value, at: pointer / "Items"))
                case .string(let text) where JSONataExpression.isExpression(text):
                    map.items = .jsonata(jsonataTemplate(value, at: pointer / "Items"))
                default:
                    if !isPlaceholder(value) {
                        diagnostics.append(
                            ParserDiagnostics.wrongType(
                                "Items", expected: "an array or a {% %} expression", actual: value,
                                at: pointer / "Items"))
                    }
                }
            }
            map.itemSelector = template("ItemSelector", in: object, at: pointer, language: .jsonata)
        }
    }

    /// `ItemReader` or `ResultWriter`: `Resource`, `Parameters` (JSONPath) / `Arguments`
    /// (JSONata) and a config object with enumerated fields.
    private mutating func component(
        _ key: String, in context: StateContext, allowed: FieldSet, configKey: String, configFields: FieldSet
    ) -> MapState.Component? {
        let pointer = context.pointer / key
        guard let object = objectField(key, in: context.object, at: context.pointer) else { return nil }
        checkFields(object, at: pointer, allowed: allowed, language: context.language, owner: key)
        let resource = string("Resource", in: object, at: pointer)
        if key == "ItemReader", object["Resource"] == nil {
            diagnostics.append(ParserDiagnostics.missingField("Resource", in: key, at: pointer))
        }
        let argumentsKey = context.language == .jsonPath ? "Parameters" : "Arguments"
        let parameters = template(argumentsKey, in: object, at: pointer, language: context.language)
        var config = JSONObject()
        if let configObject = objectField(configKey, in: object, at: pointer) {
            config = configObject
            let configPointer = pointer / configKey
            checkFields(
                configObject, at: configPointer, allowed: configFields, language: context.language, owner: configKey)
            checkConfig(configObject, at: configPointer, language: context.language)
        }
        return MapState.Component(resource: resource, parameters: parameters, config: config, pointer: pointer)
    }

    /// Enumerations and types inside `ReaderConfig` / `WriterConfig`.
    private mutating func checkConfig(_ config: JSONObject, at pointer: JSONPointer, language: QueryLanguage) {
        let enumerations: [(String, [String])] = [
            ("InputType", ["CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"]),
            ("CSVHeaderLocation", ["FIRST_ROW", "GIVEN"]),
            ("OutputType", ["JSON", "JSONL"]),
            ("Transformation", ["NONE", "COMPACT", "FLATTEN"]),
        ]
        for (field, allowed) in enumerations {
            guard let text = string(field, in: config, at: pointer), !allowed.contains(text), !containsPlaceholder(text)
            else { continue }
            diagnostics.append(
                ParserDiagnostics.invalidEnum(
                    field, value: text, allowed: allowed, suggestion: NameSuggestion.nearest(text, in: allowed),
                    at: pointer / field))
        }
        _ = string("CSVDelimiter", in: config, at: pointer)
        _ = string("ManifestType", in: config, at: pointer)
        if let headers = arrayField("CSVHeaders", in: config, at: pointer) {
            for (index, header) in headers.enumerated() where header.stringValue == nil {
                diagnostics.append(
                    ParserDiagnostics.wrongType(
                        "CSVHeaders[\(index)]", expected: "a string", actual: header, at: pointer / "CSVHeaders" / index
                    ))
            }
        }
        if config["MaxItems"] != nil || config["MaxItemsPath"] != nil {
            _ = dynamicInteger("MaxItems", pathKey: "MaxItemsPath", in: config, at: pointer, language: language)
        }
    }

    /// `ItemBatcher`: batch limits (integer, path or expression) and a `BatchInput` object.
    private mutating func itemBatcher(_ context: StateContext) -> MapState.Component? {
        let pointer = context.pointer / "ItemBatcher"
        guard let object = objectField("ItemBatcher", in: context.object, at: context.pointer) else { return nil }
        checkFields(
            object, at: pointer, allowed: FieldCatalog.itemBatcher, language: context.language, owner: "ItemBatcher")
        for key in ["MaxItemsPerBatch", "MaxInputBytesPerBatch"] {
            _ = dynamicInteger(key, pathKey: key + "Path", in: object, at: pointer, language: context.language)
        }
        _ = objectField("BatchInput", in: object, at: pointer)
        return MapState.Component(config: object, pointer: pointer)
    }
}
