import JSONCore

/// Shrinks a crasher greedily while it still crashes the same way: drops optional arguments, then
/// simplifies the input, then removes the definition's members one at a time. Bounded by a number
/// of runs, so it stays cheap.
public struct Minimizer {
    public var runner: CaseRunner
    public var maximumRuns: Int

    public init(runner: CaseRunner, maximumRuns: Int = 40) {
        self.runner = runner
        self.maximumRuns = maximumRuns
    }

    public func minimize(_ original: FuzzCase, signature: String) -> FuzzCase {
        var best = original
        var runs = 0
        func stillCrashes(_ candidate: FuzzCase) -> Bool {
            guard runs < maximumRuns, candidate != best else { return false }
            runs += 1
            guard let result = try? runner.run(candidate) else { return false }
            return result.outcome.isCrash && result.signature == signature
        }

        // Optional arguments (pairs `--name value` or lone flags), never the command, the definition,
        // `--clock virtual` or `--data-dir`.
        var index = 2
        while index < best.arguments.count {
            let argument = best.arguments[index]
            let takesValue = index + 1 < best.arguments.count && !best.arguments[index + 1].hasPrefix("--")
            let width = takesValue ? 2 : 1
            if ["--clock", "--data-dir", "--input", "--input-file"].contains(argument) {
                index += width
                continue
            }
            var candidate = best
            candidate.arguments.removeSubrange(index..<min(candidate.arguments.count, index + width))
            if stillCrashes(candidate) { best = candidate } else { index += width }
        }

        // The input.
        for simpler in ["{}", "null"] {
            var candidate = best
            candidate.input = Array(simpler.utf8)
            if stillCrashes(candidate) {
                best = candidate
                break
            }
        }
        if let input = try? JSONReader.read(best.input).value {
            best = shrink(best, value: input, stillCrashes: stillCrashes) { fuzzCase, bytes in fuzzCase.input = bytes }
        }

        // The definition.
        if let definition = try? JSONReader.read(best.definition).value {
            best = shrink(best, value: definition, stillCrashes: stillCrashes) { fuzzCase, bytes in
                fuzzCase.definition = bytes
            }
        }
        return best
    }

    /// Removes object members and array elements of `value`, deepest last, keeping each removal
    /// after which the case still crashes the same way.
    private func shrink(
        _ start: FuzzCase, value: JSON, stillCrashes: (FuzzCase) -> Bool,
        apply: (inout FuzzCase, [UInt8]) -> Void
    ) -> FuzzCase {
        var best = start
        var current = value
        var locations = JSONLocation.all(in: current).filter { !$0.isEmpty }
        // Shallow members first: removing a whole state saves more runs than its fields one by one.
        locations.sort { $0.count < $1.count }
        for location in locations {
            guard JSONLocation.value(in: current, at: location) != nil else { continue }
            var smaller = current
            JSONLocation.set(nil, in: &smaller, at: location[...])
            var candidate = best
            apply(&candidate, JSONWriter.prettyBytes(smaller) + [0x0A])
            if stillCrashes(candidate) {
                best = candidate
                current = smaller
            }
        }
        return best
    }
}
