public import JSONCore

extension IntrinsicCall {
    /// Evaluates the call: arguments left to right (literals as written, paths through `resolve`,
    /// nested calls recursively), then the function.
    ///
    ///     let call = try IntrinsicCall.parse("States.Format('Hello, {}', $.name)")
    ///     try call.evaluate(resolve: { _ in "Ada" }, random: &generator)   // "Hello, Ada"
    ///
    /// Every failure is `States.Runtime`, as on AWS (conformance suite: all intrinsic argument
    /// failures end the execution with `States.Runtime`; field reports: "States.Runtime: Invalid
    /// arguments in States.StringToJson"). The cause names the whole call (the outermost one),
    /// then the reason:
    ///
    ///     The function 'States.ArrayGetItem($.a, 5)' had the following error: Invalid arguments in States.ArrayGetItem
    ///
    /// The state-level prefix AWS adds ("An error occurred while executing the state …") is the
    /// runtime's to add.
    ///
    /// - Parameters:
    ///   - resolve: The value of a path argument. When a path does not resolve it throws the bare
    ///     reason (AWS: "The JsonPath argument for the field '$.x' could not be found in the input
    ///     '{…}'"); the error keeps its name and gets this call's prefix.
    ///   - random: The source for `States.UUID` and unseeded `States.MathRandom`.
    /// - Returns: The function's result.
    /// - Throws: ``StatesError`` named `States.Runtime` (or whatever `resolve` threw).
    public func evaluate<R: RandomNumberGenerator>(
        resolve: (Path) throws(StatesError) -> JSON, random: inout R
    ) throws(StatesError) -> JSON {
        do {
            return try evaluateUnnamed(resolve: resolve, random: &random)
        } catch {
            throw naming(error)
        }
    }

    /// The call's value; a failure anywhere inside it keeps its bare reason, so that only the
    /// outermost call, the field's whole value, is named in the cause (observed on AWS: a path
    /// missing inside `States.Format('{}', States.Format('{}', $.nope))` names the outer call).
    private func evaluateUnnamed<R: RandomNumberGenerator>(
        resolve: (Path) throws(StatesError) -> JSON, random: inout R
    ) throws(StatesError) -> JSON {
        var values: [JSON] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments {
            switch argument {
            case .string(let text): values.append(.string(text))
            case .number(let number): values.append(.number(number))
            case .bool(let flag): values.append(.bool(flag))
            case .null: values.append(.null)
            case .path(let path): values.append(try resolve(path))
            case .call(let call): values.append(try call.evaluateUnnamed(resolve: resolve, random: &random))
            }
        }
        return try apply(values, random: &random)
    }

    /// Runs the function body on evaluated arguments.
    private func apply<R: RandomNumberGenerator>(_ values: [JSON], random: inout R) throws(StatesError) -> JSON {
        switch function {
        case .format: try StatesFormat.call(values, template: formatTemplate)
        case .stringToJson: try StatesStringToJson.call(values)
        case .jsonToString: try StatesJsonToString.call(values)
        case .array: try StatesArray.call(values)
        case .arrayPartition: try StatesArrayPartition.call(values)
        case .arrayContains: try StatesArrayContains.call(values)
        case .arrayRange: try StatesArrayRange.call(values)
        case .arrayGetItem: try StatesArrayGetItem.call(values)
        case .arrayLength: try StatesArrayLength.call(values)
        case .arrayUnique: try StatesArrayUnique.call(values)
        case .base64Encode: try StatesBase64Encode.call(values)
        case .base64Decode: try StatesBase64Decode.call(values)
        case .hash: try StatesHash.call(values)
        case .jsonMerge: try StatesJsonMerge.call(values)
        case .mathRandom: try StatesMathRandom.call(values, random: &random)
        case .mathAdd: try StatesMathAdd.call(values)
        case .stringSplit: try StatesStringSplit.call(values)
        case .uuid: try StatesUUID.call(values, random: &random)
        }
    }

    /// `error` with this call named in front of its cause: `The function 'States.Array($.x)' had the
    /// following error: <reason>`, AWS's wording as quoted from an AWS execution by a third party
    /// (SPEC-NOTES.md §5, "Intrinsic failures").
    private func naming(_ error: StatesError) -> StatesError {
        StatesError(error.name, "The function '\(source)' had the following error: \(error.cause ?? "")")
    }
}
