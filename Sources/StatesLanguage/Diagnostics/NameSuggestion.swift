/// "Did you mean": the one policy of the whole package, for misspelt field names, state names,
/// enumeration values, intrinsic and rule names, command-line commands, options and choices, and
/// the names of the run configuration.
///
/// The nearest candidate by optimal-string-alignment distance (a transposition such as
/// `"Taks"` → `"Task"` costs 1), compared case-insensitively, within
/// `max(1, min(3, longer / 3))` edits, where `longer` is the longer word's length, and never one
/// that would need every character of the input replaced. An exact case-insensitive match
/// (`"resultPath"` → `"ResultPath"`, `SARIF` → `sarif`) always wins; ties go to the earlier
/// candidate.
///
///     NameSuggestion.nearest("Reslt", in: ["Result", "ResultPath"])   // "Result"
///     NameSuggestion.nearest("Zzz", in: ["Next", "End"])             // nil
///     NameSuggestion.didYouMean("formt", in: ["format"])              // " (did you mean 'format'?)"
package enum NameSuggestion {
    package static func nearest<S: Sequence<String>>(_ name: String, in candidates: S) -> String? {
        let lowered = Array(name.lowercased().unicodeScalars)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let other = Array(candidate.lowercased().unicodeScalars)
            let distance = editDistance(lowered, other)
            let limit = max(1, min(3, max(lowered.count, other.count) / 3))
            guard distance <= limit, distance < max(lowered.count, 1) || distance == 0 else { continue }
            if best == nil || distance < best?.distance ?? Int.max { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// ` (did you mean 'x'?)` for the nearest candidate, or the empty string.
    package static func didYouMean<S: Sequence<String>>(_ name: String, in candidates: S) -> String {
        didYouMean(nearest(name, in: candidates))
    }

    /// ` (did you mean 'x'?)` for a suggestion already found, or the empty string.
    package static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { " (did you mean '\(DiagnosticText.name($0))'?)" } ?? ""
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions), over any
    /// elements: the one implementation behind every "did you mean" of the package.
    /// - Complexity: O(m × n).
    package static func editDistance<Element: Equatable>(_ lhs: [Element], _ rhs: [Element]) -> Int {
        if lhs.isEmpty { return rhs.count }
        if rhs.isEmpty { return lhs.count }
        var previousPrevious = [Int](repeating: 0, count: rhs.count + 1)
        var previous = Array(0...rhs.count)
        var current = [Int](repeating: 0, count: rhs.count + 1)
        for i in 1...lhs.count {
            current[0] = i
            for j in 1...rhs.count {
                let cost = lhs[i - 1] == rhs[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, lhs[i - 1] == rhs[j - 2], lhs[i - 2] == rhs[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[rhs.count]
    }
}
