import StatesLanguage

/// "Did you mean" for names the user typed: the nearest candidate by edit distance, if it is
/// close enough to be a likely typo.
enum Suggestions {
    /// The candidate nearest to `input`, or `nil` when none is within `max(2, candidate.count / 3)`
    /// edits (a transposition counts as one). Ties go to the earlier candidate. A candidate that
    /// would need every character replaced is never suggested.
    static func nearest(to input: String, in candidates: [String]) -> String? {
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != input {
            let distance = editDistance(input, candidate)
            let limit = max(2, candidate.count / 3)
            guard distance <= limit, distance < max(input.count, candidate.count) else { continue }
            if best.map({ distance < $0.distance }) ?? true { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// ` (did you mean 'x'?)` or the empty string.
    static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and adjacent
    /// transpositions each cost one. Compares characters, so `é` is one edit.
    /// - Complexity: O(m × n).
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        NameSuggestion.editDistance(Array(lhs), Array(rhs))
    }
}
