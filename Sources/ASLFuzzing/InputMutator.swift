import JSONCore

/// Edits to an execution input: numbers at the edges, deep nesting, control characters, long
/// strings, astral unicode, and (rarely) text that is not JSON at all.
public enum InputMutator {
    /// - Parameter referencedKeys: top-level keys the definition's paths select (`$.key…`): half
    ///   the edits go to one of them.
    public static func mutate(_ input: JSON, referencedKeys: [String] = [], using random: inout FuzzRandom) -> [UInt8] {
        var value = input
        for _ in 0..<(1 + random.below(3)) {
            if let key = random.pick(referencedKeys), random.chance(1, in: 2), case .object(var object) = value {
                object[key] = edgeValue(using: &random)
                value = .object(object)
            } else {
                mutateOnce(&value, using: &random)
            }
        }
        var bytes = JSONWriter.compactBytes(value)
        switch random.below(16) {
        case 0:
            // Escapes a Swift String cannot hold: lone surrogates.
            bytes = Array("{\"b\":\"\\ud800\",\"n\":\"\\udfff\\ud800\",\"a\":1}".utf8)
        case 1:
            ByteMutator.mutate(&bytes, using: &random)
        default:
            break
        }
        return bytes
    }

    /// A number at an edge (most often an integer near Int64's limits), a timestamp or a string.
    static func edgeValue(using random: inout FuzzRandom) -> JSON {
        switch random.below(6) {
        case 0, 1:
            let integers = [
                "9223372036854775", "9223372036854776", "9223372036854775807", "-9223372036854775808",
                "99999999", "100000000", "31622400", "-1", "0", "2147483648",
            ]
            return random.pick(integers).map(InterestingValues.number) ?? .null
        case 2: return random.pick(InterestingValues.numbers) ?? .null
        case 3: return .string(random.pick(InterestingValues.timestamps) ?? "")
        case 4: return .string(random.pick(InterestingValues.strings) ?? "")
        default: return InterestingValues.any(using: &random)
        }
    }

    /// The top-level keys that `$.key` paths in `definition` select, in order of appearance.
    public static func referencedKeys(in definition: JSON) -> [String] {
        var keys: [String] = []
        func visit(_ value: JSON) {
            switch value {
            case .string(let text):
                var rest = Substring(text)
                while let range = rest.range(of: "$.") {
                    let name = rest[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                    if !name.isEmpty, !keys.contains(String(name)) { keys.append(String(name)) }
                    rest = rest[range.upperBound...]
                }
            case .object(let object): object.values.forEach(visit)
            case .array(let elements): elements.forEach(visit)
            default: break
            }
        }
        visit(definition)
        return keys
    }

    static func mutateOnce(_ value: inout JSON, using random: inout FuzzRandom) {
        let locations = JSONLocation.all(in: value)
        // Half the edits hit a top-level key: the one the definitions' paths select.
        let topLevel = locations.filter { $0.count == 1 }
        guard let location = random.chance(1, in: 2) ? random.pick(topLevel) : random.pick(locations) else { return }
        let replacement: JSON
        switch random.below(8) {
        case 0, 1, 2:
            replacement = random.pick(InterestingValues.numbers) ?? .null
        case 3:
            replacement = .string(random.pick(InterestingValues.strings) ?? "")
        case 4:
            replacement = .string(random.pick(InterestingValues.timestamps) ?? "")
        case 5:
            var nested: JSON = random.pick(InterestingValues.numbers) ?? .null
            for _ in 0..<(random.pick([10, 100, 200, 300, 500, 510, 513]) ?? 10) {
                nested = random.chance(1, in: 2) ? .array([nested]) : .object(["n": nested])
            }
            replacement = nested
        case 6:
            replacement = .array((0..<(random.pick([0, 1, 1_000, 40_000]) ?? 0)).map { .number(JSONNumber($0)) })
        default:
            replacement = InterestingValues.any(using: &random)
        }
        // The top level keeps its keys most of the time, so the definitions' paths still resolve.
        if location.isEmpty, random.chance(3, in: 4), case .object(var object) = value,
            let key = random.pick(Array(object.keys))
        {
            object[key] = replacement
            value = .object(object)
        } else {
            JSONLocation.set(replacement, in: &value, at: location[...])
        }
    }
}

/// The command lines a case runs: always `--clock virtual` and a temporary `--data-dir` for `run`;
/// the rest drawn from the values each option takes, valid and not.
public enum ArgumentsMutator {
    public static func runArguments(using random: inout FuzzRandom) -> [String] {
        var arguments = ["run", FuzzCase.definitionPlaceholder]
        arguments +=
            random.chance(1, in: 3)
            ? ["--input", FuzzCase.inputTextPlaceholder] : ["--input-file", FuzzCase.inputPlaceholder]
        arguments += ["--clock", "virtual", "--data-dir", FuzzCase.dataDirectoryPlaceholder]
        // Mostly valid values: a usage error ends the run before anything executes.
        if random.chance(1, in: 2) {
            arguments += ["--format", random.chance(1, in: 20) ? "xml" : (random.pick(["json", "text"]) ?? "json")]
        }
        if random.chance(1, in: 3) {
            let valid = ["0", "1", "18446744073709551615", "9223372036854775808", "42"]
            let invalid = ["18446744073709551616", "-1", "abc", ""]
            arguments += ["--seed", (random.chance(1, in: 10) ? random.pick(invalid) : random.pick(valid)) ?? "0"]
        }
        if random.chance(1, in: 6) {
            let names = ["n", "", String(repeating: "x", count: 81), "with space", "é👩‍👩‍👧", "a/b", "\u{7F}"]
            arguments += ["--name", random.pick(names) ?? "n"]
        }
        if random.chance(1, in: 5) { arguments.append("--no-quotas") }
        if random.chance(1, in: 5) { arguments += ["--history", FuzzCase.historyPlaceholder] }
        return arguments
    }

    public static func validateArguments(using random: inout FuzzRandom) -> [String] {
        var arguments = ["validate", FuzzCase.definitionPlaceholder]
        if random.chance(2, in: 3) {
            arguments += ["--format", random.pick(["text", "json", "sarif", "github", "yaml"]) ?? "text"]
        }
        for flag in ["--strict", "--no-excerpt", "--quiet", "--no-placeholders"] where random.chance(1, in: 4) {
            arguments.append(flag)
        }
        return arguments
    }
}
