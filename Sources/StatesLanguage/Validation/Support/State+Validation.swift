import JSONCore

/// An `Assign` object as written: on a state, on a top-level Choice rule, or on a Catcher.
struct AssignSite {
    /// The trail of a state's own `Assign`.
    static let stateTrail = ["Assign"]

    /// The object, keys as written (`"x.$"` included).
    var object: JSONObject
    /// Pointer to the state, and the tokens from it to the `Assign` member (`Assign`, or
    /// `Choices`/`Catch`, the index, `Assign`).
    var statePointer: JSONPointer
    var trail: [String]
    /// Whether the state is JSONPath (a key ending `.$` takes a path) rather than JSONata.
    var isJSONPath: Bool

    /// Pointer to the `Assign` member; built when a diagnostic needs it.
    var pointer: JSONPointer { statePointer.appending(JSONPointer(trail)) }

    /// The variable a key sets: the key without a `.$` suffix in JSONPath states.
    func variableName(fromKey key: String) -> String {
        isJSONPath && key.hasDynamicSuffix ? String(key.dropLast(2)) : key
    }

    /// Whether `key` sets the variable `name` (``variableName(fromKey:)`` without building it).
    func key(_ key: String, setsVariable name: String) -> Bool {
        isJSONPath && key.hasDynamicSuffix ? key.dropLast(2) == name : key == name
    }
}

extension State {
    /// `Retry`/`Catch` of the kinds that have them.
    var handlersForValidation: ErrorHandling? {
        switch self {
        case .task(let state): state.errorHandling
        case .parallel(let state): state.errorHandling
        case .map(let state): state.errorHandling
        default: nil
        }
    }

    /// The input/output fields of the kinds that have them.
    var ioForValidation: InputOutput? {
        switch self {
        case .pass(let state): state.io
        case .task(let state): state.io
        case .choice(let state): state.io
        case .wait(let state): state.io
        case .succeed(let state): state.io
        case .parallel(let state): state.io
        case .map(let state): state.io
        case .fail: nil
        }
    }

    var isJSONPath: Bool { queryLanguage == .jsonPath }

    /// Every `Assign` object of this state, in document order: the state's own, those of its
    /// top-level Choice rules, those of its Catchers. Rules read them from
    /// ``ValidationContext/assignSites(of:)``, which computes them once per state.
    var assignSites: [AssignSite] {
        let json = json
        let isJSONPath = isJSONPath
        var sites: [AssignSite] = []
        if let object = json["Assign"]?.objectValue {
            sites.append(
                AssignSite(object: object, statePointer: pointer, trail: AssignSite.stateTrail, isJSONPath: isJSONPath))
        }
        for field in ["Choices", "Catch"] {
            guard let elements = json[field]?.arrayValue else { continue }
            for (index, element) in elements.enumerated() {
                if let object = element["Assign"]?.objectValue {
                    sites.append(
                        AssignSite(
                            object: object, statePointer: pointer, trail: [field, String(index), "Assign"],
                            isJSONPath: isJSONPath))
                }
            }
        }
        return sites
    }
}

extension State {
    // Rationale: rules read single fields of `common` for every state. `State.common` returns a
    // copy of the whole `StateCommon` (nine fields, six reference-counted), so these read the
    // field straight from the payload instead.

    /// `common.pointer`, without copying `common`.
    var pointer: JSONPointer {
        switch self {
        case .pass(let state): state.common.pointer
        case .task(let state): state.common.pointer
        case .choice(let state): state.common.pointer
        case .wait(let state): state.common.pointer
        case .succeed(let state): state.common.pointer
        case .fail(let state): state.common.pointer
        case .parallel(let state): state.common.pointer
        case .map(let state): state.common.pointer
        }
    }

    /// `common.json`, without copying `common`.
    var json: JSONObject {
        switch self {
        case .pass(let state): state.common.json
        case .task(let state): state.common.json
        case .choice(let state): state.common.json
        case .wait(let state): state.common.json
        case .succeed(let state): state.common.json
        case .fail(let state): state.common.json
        case .parallel(let state): state.common.json
        case .map(let state): state.common.json
        }
    }

    /// `common.queryLanguage`, without copying `common`.
    var queryLanguage: QueryLanguage {
        switch self {
        case .pass(let state): state.common.queryLanguage
        case .task(let state): state.common.queryLanguage
        case .choice(let state): state.common.queryLanguage
        case .wait(let state): state.common.queryLanguage
        case .succeed(let state): state.common.queryLanguage
        case .fail(let state): state.common.queryLanguage
        case .parallel(let state): state.common.queryLanguage
        case .map(let state): state.common.queryLanguage
        }
    }

    /// `common.assign`, without copying `common`.
    var assign: DynamicTemplate? {
        switch self {
        case .pass(let state): state.common.assign
        case .task(let state): state.common.assign
        case .choice(let state): state.common.assign
        case .wait(let state): state.common.assign
        case .succeed(let state): state.common.assign
        case .fail(let state): state.common.assign
        case .parallel(let state): state.common.assign
        case .map(let state): state.common.assign
        }
    }
}

extension String {
    /// Whether the text holds a `${…}` template placeholder (CloudFormation/SAM/Terraform
    /// definition substitutions), which the deploy tool replaces before AWS sees the value.
    var containsPlaceholder: Bool {
        // Without the bytes of `$`, `{` and `}` there is no such Character either.
        var bytes = (dollar: false, open: false, close: false)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "$"): bytes.dollar = true
            case UInt8(ascii: "{"): bytes.open = true
            case UInt8(ascii: "}"): bytes.close = true
            default: break
            }
        }
        guard bytes.dollar, bytes.open, bytes.close else { return false }
        var sawOpening = false
        var previous: Character?
        for character in self {
            if previous == "$" && character == "{" { sawOpening = true }
            if sawOpening && character == "}" { return true }
            previous = character
        }
        return false
    }
}
