/// The static checks of a parsed call: argument count, literal argument types, and the literal
/// values AWS restricts (Hash's algorithm, JsonMerge's flag).
///
/// None of these stops the parse: AWS accepts such calls when the state machine is created and
/// fails them at run time with `States.Runtime` (conformance suite cases ARANGE-010, MADD-020,
/// HASH-022/024, B64E-017; SPEC-NOTES §5.4 "Parse-time checks vs AWS"), so the parser records
/// them in ``IntrinsicParser/problems`` and the validator reports them as warnings (ASL-W301).
///
/// `States.Format`'s placeholder count is not checked here either: AWS accepts a mismatch at
/// creation (its own nine-call example `States.Format('{}.{}.{}', a, b)` has three placeholders
/// and two values) and fails the call at run time; evaluation does that.
extension IntrinsicParser {
    mutating func check(_ function: IntrinsicFunction, _ arguments: [IntrinsicArgument], offsets: [Int], close: Int) {
        let signature = function.signature
        if arguments.count < signature.minimumArguments {
            problems.append(
                IntrinsicSyntaxError(
                    message: "\(function.rawValue) \(signature.arityPhrase), but \(given(arguments.count))",
                    offset: close))
            return
        }
        if let maximum = signature.maximumArguments, arguments.count > maximum {
            problems.append(
                IntrinsicSyntaxError(
                    message: "\(function.rawValue) \(signature.arityPhrase), but \(given(arguments.count))",
                    offset: offsets[maximum]))
            return
        }
        for (index, argument) in arguments.enumerated() {
            guard let kind = signature.kind(at: index), !kind.accepts(argument) else { continue }
            problems.append(
                IntrinsicSyntaxError(
                    message:
                        "argument \(index + 1) of \(function.rawValue) must be \(kind.phrase), not \(argument.literalTypePhrase)",
                    offset: offsets[index]))
        }
        if function == .hash, arguments.count == 2, case .string(let algorithm) = arguments[1],
            !StatesHash.algorithms.contains(where: { $0.lowercased() == algorithm.lowercased() })
        {
            problems.append(
                IntrinsicSyntaxError(
                    message:
                        "unsupported hash algorithm '\(DiagnosticText.name(algorithm))'; use one of \(StatesHash.algorithms.joined(separator: ", "))",
                    offset: offsets[1]))
        }
    }

    private func given(_ count: Int) -> String {
        count == 1 ? "1 was given" : "\(count) were given"
    }
}

extension IntrinsicSignature {
    /// "takes 1 argument", "takes 2 or 3 arguments", "takes at least 1 argument", "takes no arguments".
    var arityPhrase: String {
        func arguments(_ count: Int) -> String { count == 1 ? "1 argument" : "\(count) arguments" }
        guard let maximum = maximumArguments else {
            return minimumArguments == 0
                ? "takes any number of arguments" : "takes at least \(arguments(minimumArguments))"
        }
        if maximum == 0 { return "takes no arguments" }
        if maximum == minimumArguments { return "takes \(arguments(maximum))" }
        if maximum == minimumArguments + 1 { return "takes \(minimumArguments) or \(arguments(maximum))" }
        return "takes \(minimumArguments) to \(arguments(maximum))"
    }
}

extension IntrinsicArgument {
    /// How a literal's type reads in a message.
    var literalTypePhrase: String {
        switch self {
        case .string: "a string"
        case .number: "a number"
        case .bool(let value): "the boolean \(value)"
        case .null: "null"
        case .path: "a path"
        case .call: "an intrinsic call"
        }
    }
}

extension IntrinsicFunction {
    /// The nearest function name to a misspelt one, or `nil` when nothing is close.
    ///
    /// Case differences and a missing `States.` prefix always match; otherwise the edit distance
    /// must be at most a third of the name's length (at least 2).
    static func suggestion(for name: String) -> String? {
        let lowered = name.lowercased()
        let withPrefix = lowered.hasPrefix("states.") ? lowered : "states." + lowered
        var best: (name: String, distance: Int, extends: Bool)?
        for function in allCases {
            let candidate = function.rawValue.lowercased()
            let distance = min(editDistance(lowered, candidate), editDistance(withPrefix, candidate))
            // On a tie prefer a name the input is a truncation of ("ArrayLen" → "ArrayLength").
            let extends = candidate.hasPrefix(withPrefix)
            if let current = best, distance > current.distance || (distance == current.distance && !extends) {
                continue
            }
            best = (function.rawValue, distance, extends)
        }
        guard let best, best.distance <= max(2, name.count / 3) else { return nil }
        return best.name
    }

    private static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.unicodeScalars)
        let b = Array(rhs.unicodeScalars)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
