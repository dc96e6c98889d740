import StatesLanguage

/// "Did you mean" for names looked up in the configuration, SQL types and topic ARNs: the nearest
/// candidate by edit distance, case-insensitively, when it is close enough to be a likely typo
/// (at most a third of the longer word, and at least one character in common).
///
///     Suggestion.nearest(to: "recordCont", in: ["recordCount", "eventsPerSecond"])  // "recordCount"
enum Suggestion {
    static func nearest<S: Sequence<String>>(to input: String, in candidates: S) -> String? {
        let lowered = Array(input.lowercased())
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != input {
            let other = Array(candidate.lowercased())
            let distance = editDistance(lowered, other)
            let limit = max(1, max(lowered.count, other.count) / 3)
            guard distance <= limit, distance < max(lowered.count, other.count) else { continue }
            if distance < best?.distance ?? Int.max { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// ` (did you mean 'x'?)`, or the empty string.
    static func didYouMean<S: Sequence<String>>(_ input: String, in candidates: S) -> String {
        nearest(to: input, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        NameSuggestion.editDistance(a, b)
    }
}
