/// Cases of the reference suite that fail, each with the reason (also in SPEC-NOTES.md §10).
enum KnownFailures {
    static let reasons: [String: String] = [:]
}
