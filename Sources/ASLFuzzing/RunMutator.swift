import JSONCore

/// Gentle edits for `asl run`: a definition the validator rejects is never run, so these change
/// only what the validator cannot judge — which input value a path selects, which intrinsic or
/// JSONata expression computes a field, which of Wait's four forms is used — and leave the
/// machine's shape alone. The input's edge values do the rest.
public enum RunMutator {
    /// Paths into ``SeedCorpus/standardInput`` (each selects something there, or `$.missing`).
    static let inputPaths = [
        "$", "$.a", "$.n", "$.secs", "$.ts", "$.b", "$.s", "$.json", "$.flag", "$.items", "$.list", "$.nested",
        "$.nested.deep.v", "$.items[0]", "$.items[0].n", "$.list[1]", "$.missing", "$$.Execution.Input.n",
        "$$.State.EnteredTime", "$$.Execution.StartTime",
    ]

    static let waitForms = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"]

    static let jsonataForInput = [
        "{% $states.input.n %}", "{% $states.input.secs %}", "{% $states.input.ts %}", "{% $states.input.list %}",
        "{% $states.input.b %}", "{% $states.input.a * $states.input.n %}", "{% $states.input.items %}",
        "{% $states.input %}", "{% $toMillis($states.input.ts) %}", "{% $sum($states.input.list) %}",
    ]

    public static func mutate(_ definition: JSON, using random: inout FuzzRandom) -> [UInt8] {
        var value = definition
        for _ in 0..<(1 + random.below(2)) { mutateOnce(&value, using: &random) }
        return JSONWriter.prettyBytes(value)
    }

    static func mutateOnce(_ value: inout JSON, using random: inout FuzzRandom) {
        let locations = JSONLocation.all(in: value)
        let states = DefinitionMutator.stateLocations(in: value, among: locations)
        if random.chance(1, in: 2) {
            // A dynamic string anywhere: a "key.$" value, a *Path field, a JSONata expression.
            let dynamic = locations.filter { location in
                guard case .key(let key)? = location.last,
                    let text = JSONLocation.value(in: value, at: location)?.stringValue
                else { return false }
                return key.hasSuffix(".$") || key.hasSuffix("Path") || key == "Variable" || text.hasPrefix("{%")
            }
            if let location = random.pick(dynamic), let text = JSONLocation.value(in: value, at: location)?.stringValue
            {
                JSONLocation.set(.string(replacement(for: text, using: &random)), in: &value, at: location[...])
                return
            }
        }
        guard let state = random.pick(states), let object = JSONLocation.value(in: value, at: state)?.objectValue
        else { return }
        let isJSONata = (value["QueryLanguage"]?.stringValue ?? object["QueryLanguage"]?.stringValue) == "JSONata"
        let mapPaths = random.chance(1, in: 2)
        switch object["Type"]?.stringValue {
        case "Wait":
            var wait = object
            for form in waitForms { _ = wait.removeValue(forKey: form) }
            let form = random.pick(waitForms) ?? "SecondsPath"
            switch form {
            case "Seconds":
                wait[form] =
                    isJSONata
                    ? .string(random.pick(jsonataForInput) ?? "")
                    : (random.pick(["0", "1", "99999999"]).map(InterestingValues.number) ?? 0)
            case "Timestamp":
                wait[form] = .string(isJSONata ? (random.pick(jsonataForInput) ?? "") : "2026-01-01T00:00:00Z")
            default:
                if isJSONata {
                    wait["Seconds"] = .string(random.pick(jsonataForInput) ?? "")
                } else {
                    wait[form] = .string(random.pick(inputPaths) ?? "$")
                }
            }
            JSONLocation.set(.object(wait), in: &value, at: state[...])
        case "Map" where !isJSONata && mapPaths:
            let field = random.pick(["ItemsPath", "MaxConcurrencyPath", "ToleratedFailureCountPath"]) ?? "ItemsPath"
            var map = object
            if field == "MaxConcurrencyPath" { _ = map.removeValue(forKey: "MaxConcurrency") }
            map[field] = .string(random.pick(inputPaths) ?? "$")
            JSONLocation.set(.object(map), in: &value, at: state[...])
        case "Fail" where !isJSONata:
            var fail = object
            _ = fail.removeValue(forKey: "Error")
            _ = fail.removeValue(forKey: "Cause")
            fail["ErrorPath"] = .string(random.pick(inputPaths) ?? "$")
            fail["CausePath"] = .string(
                random.chance(1, in: 2)
                    ? (random.pick(InterestingValues.intrinsics) ?? "") : (random.pick(inputPaths) ?? "$"))
            JSONLocation.set(.object(fail), in: &value, at: state[...])
        case "Parallel", "Map":
            // Valid values at the edges of their ranges: the validator lets them through.
            var edited = object
            if random.chance(1, in: 2) {
                var retrier: JSONObject = ["ErrorEquals": ["States.ALL"]]
                retrier["MaxAttempts"] = random.pick(["0", "1", "3", "99999999"]).map(InterestingValues.number)
                retrier["IntervalSeconds"] = random.pick(["1", "99999999"]).map(InterestingValues.number)
                retrier["BackoffRate"] = random.pick(["1", "1.0", "2.5", "1e308"]).map(InterestingValues.number)
                if random.chance(1, in: 2) {
                    retrier["MaxDelaySeconds"] = random.pick(["1", "31622400"]).map(InterestingValues.number)
                }
                if random.chance(1, in: 3) { retrier["JitterStrategy"] = "FULL" }
                edited["Retry"] = [.object(retrier)]
            } else {
                edited["TimeoutSeconds"] = random.pick(["1", "60", "99999999"]).map(InterestingValues.number)
            }
            JSONLocation.set(.object(edited), in: &value, at: state[...])
        default:
            guard !isJSONata else { return }
            let field = random.pick(["InputPath", "OutputPath", "ResultPath", "Parameters", "Assign"]) ?? "ResultPath"
            let fieldValue: JSON
            switch field {
            case "Parameters": fieldValue = template(using: &random)
            case "Assign": fieldValue = ["v.$": .string(random.pick(inputPaths) ?? "$")]
            default: fieldValue = random.chance(1, in: 8) ? .null : .string(random.pick(inputPaths) ?? "$")
            }
            JSONLocation.set(fieldValue, in: &value, at: (state + [.key(field)])[...])
        }
    }

    static func replacement(for text: String, using random: inout FuzzRandom) -> String {
        if text.hasPrefix("{%") {
            return random.chance(1, in: 2)
                ? (random.pick(jsonataForInput) ?? text) : (random.pick(InterestingValues.jsonataExpressions) ?? text)
        }
        switch random.below(3) {
        case 0: return random.pick(InterestingValues.intrinsics) ?? text
        case 1: return random.pick(InterestingValues.paths) ?? text
        default: return random.pick(inputPaths) ?? text
        }
    }

    static func template(using random: inout FuzzRandom) -> JSON {
        var object = JSONObject()
        for index in 0..<(1 + random.below(3)) {
            if random.chance(1, in: 2) {
                object["p\(index).$"] = .string(random.pick(inputPaths) ?? "$")
            } else {
                object["i\(index).$"] = .string(random.pick(InterestingValues.intrinsics) ?? "States.UUID()")
            }
        }
        return .object(object)
    }
}
