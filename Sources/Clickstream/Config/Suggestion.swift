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

    /// Levenshtein distance with adjacent transpositions (optimal string alignment).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, beforePrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
