import JSONCore

/// Structure-aware edits to a definition: most keep it valid JSON and close to a valid machine, so
/// the parser, the validator and the executor all see them; a few edit the bytes.
public enum DefinitionMutator {
    /// Fields a state may carry, each with the values worth trying there.
    static func fieldValue(_ name: String, using random: inout FuzzRandom) -> JSON {
        switch name {
        case "Seconds", "TimeoutSeconds", "HeartbeatSeconds", "MaxConcurrency", "ToleratedFailureCount",
            "ToleratedFailurePercentage":
            return random.chance(1, in: 5)
                ? .string(random.pick(InterestingValues.jsonataExpressions) ?? "")
                : (random.pick(InterestingValues.numbers) ?? .null)
        case "Timestamp":
            return .string(random.pick(InterestingValues.timestamps) ?? "")
        case "Retry":
            var retrier: JSONObject = ["ErrorEquals": ["States.ALL"]]
            for key in ["IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds"]
            where random.chance(1, in: 2) {
                retrier[key] = random.pick(InterestingValues.numbers) ?? .null
            }
            if random.chance(1, in: 3) { retrier["JitterStrategy"] = "FULL" }
            return .array([.object(retrier)])
        case "Catch":
            return [
                [
                    "ErrorEquals": ["States.ALL"], "ResultPath": .string(random.pick(InterestingValues.paths) ?? "$"),
                    "Next": "Missing",
                ]
            ]
        case "Parameters", "ResultSelector", "ItemSelector", "Arguments":
            return InterestingValues.template(using: &random)
        case "Assign":
            return [
                "v.$": .string(random.pick(InterestingValues.paths) ?? "$"), "w": InterestingValues.any(using: &random),
            ]
        case "QueryLanguage":
            return random.chance(1, in: 2) ? "JSONata" : "JSONPath"
        case "Output", "Items", "Condition":
            return .string(random.pick(InterestingValues.jsonataExpressions) ?? "")
        case "Result", "Comment", "Error", "Cause":
            return InterestingValues.any(using: &random)
        case "End":
            return .bool(true)
        default:
            // The *Path fields.
            return random.chance(1, in: 6)
                ? .string(random.pick(InterestingValues.intrinsics) ?? "")
                : .string(random.pick(InterestingValues.paths) ?? "$")
        }
    }

    static let fieldNames = [
        "Seconds", "SecondsPath", "Timestamp", "TimestampPath", "TimeoutSeconds", "TimeoutSecondsPath",
        "HeartbeatSeconds", "HeartbeatSecondsPath", "MaxConcurrency", "MaxConcurrencyPath", "ItemsPath",
        "ToleratedFailureCount", "ToleratedFailurePercentage", "ToleratedFailureCountPath", "InputPath",
        "OutputPath", "ResultPath", "Parameters", "ResultSelector", "ItemSelector", "Result", "Assign", "Retry",
        "Catch", "ErrorPath", "CausePath", "Error", "Cause", "QueryLanguage", "Output", "Items", "Arguments",
        "Condition", "Comment", "End",
    ]

    static let stateTypes: [JSON] = ["Pass", "Wait", "Choice", "Map", "Parallel", "Succeed", "Fail", "Task", "Bogus"]

    /// Applies one to three edits to `definition`, returns the bytes to write.
    public static func mutate(_ definition: JSON, using random: inout FuzzRandom) -> [UInt8] {
        var value = definition
        for _ in 0..<(1 + random.below(3)) { mutateOnce(&value, using: &random) }
        var bytes = random.chance(1, in: 2) ? JSONWriter.prettyBytes(value) : JSONWriter.compactBytes(value)
        if random.chance(1, in: 12) { ByteMutator.mutate(&bytes, using: &random) }
        return bytes
    }

    static func mutateOnce(_ value: inout JSON, using random: inout FuzzRandom) {
        let locations = JSONLocation.all(in: value)
        let states = stateLocations(in: value, among: locations)
        switch random.below(8) {
        case 0, 1, 2:
            // A new or changed field on a state.
            guard let state = random.pick(states), let name = random.pick(fieldNames) else { return }
            var field = fieldValue(name, using: &random)
            if name == "Catch", let sibling = random.pick(states), case .key(let target)? = sibling.last {
                // Point the catcher at a state that exists, so the machine stays valid.
                JSONLocation.set(.string(target), in: &field, at: [.index(0), .key("Next")])
            }
            JSONLocation.set(field, in: &value, at: (state + [.key(name)])[...])
        case 3:
            // A leaf replaced by an interesting value of any kind.
            guard let location = random.pick(locations), !location.isEmpty else { return }
            JSONLocation.set(InterestingValues.any(using: &random), in: &value, at: location[...])
        case 4:
            // A key or element removed.
            guard let location = random.pick(locations), !location.isEmpty else { return }
            JSONLocation.set(nil, in: &value, at: location[...])
        case 5:
            // A state's type changed.
            guard let state = random.pick(states) else { return }
            JSONLocation.set(random.pick(stateTypes), in: &value, at: (state + [.key("Type")])[...])
        case 6:
            // A path string extended or truncated.
            let strings = locations.filter {
                JSONLocation.value(in: value, at: $0)?.stringValue?.hasPrefix("$") == true
            }
            guard let location = random.pick(strings),
                let text = JSONLocation.value(in: value, at: location)?.stringValue
            else { return }
            let suffixes = ["[0]", "[-1]", "[*]", "..a", ".length()", "[?(@.n > 1)]", "[9223372036854775808]", ".x"]
            let edited =
                random.chance(1, in: 3)
                ? String(text.prefix(random.below(text.count + 1)))
                : text + (random.pick(suffixes) ?? "")
            JSONLocation.set(.string(edited), in: &value, at: location[...])
        default:
            // A subtree copied over another place.
            guard let from = random.pick(locations), let to = random.pick(locations), !to.isEmpty,
                let copied = JSONLocation.value(in: value, at: from)
            else { return }
            JSONLocation.set(copied, in: &value, at: to[...])
        }
    }

    /// The locations of state objects: the members of every `States` object.
    static func stateLocations(in value: JSON, among locations: [[JSONStep]]) -> [[JSONStep]] {
        locations.filter { location in
            guard location.count >= 2, case .key = location[location.count - 1],
                location[location.count - 2] == .key("States")
            else { return false }
            return JSONLocation.value(in: value, at: location)?.objectValue != nil
        }
    }
}

/// Raw byte edits, for the reader's sake.
enum ByteMutator {
    static let tokens: [[UInt8]] = [
        Array("\\ud800".utf8), Array("\\u0000".utf8), Array("1e999999999".utf8), Array("-".utf8),
        Array("[[[[[[[[".utf8), Array("}".utf8), Array(",".utf8), [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0x00],
    ]

    static func mutate(_ bytes: inout [UInt8], using random: inout FuzzRandom) {
        let position = random.below(bytes.count + 1)
        switch random.below(4) {
        case 0 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] ^= UInt8(truncatingIfNeeded: 1 << random.below(8))
        case 1:
            bytes.insert(contentsOf: random.pick(tokens) ?? [], at: position)
        case 2 where !bytes.isEmpty:
            let start = min(position, bytes.count - 1)
            bytes.removeSubrange(start..<min(bytes.count, start + 1 + random.below(16)))
        default:
            bytes.insert(
                contentsOf: [UInt8](repeating: UInt8(ascii: "["), count: 1 + random.below(2_000)), at: position)
        }
    }
}
