/// How one child `asl` process ended.
public enum CaseOutcome: Sendable, Hashable, CustomStringConvertible {
    /// It exited with this status.
    case exited(Int32)
    /// A signal ended it (a Swift trap is SIGILL or SIGTRAP on Linux).
    case signaled(Int32)
    /// It was still running when the per-case timeout ran out, and was killed.
    case timedOut(seconds: Double)

    /// `asl` documents exactly three exit statuses: 0 success, 1 errors or a failed run, 2 usage
    /// or I/O. Anything else (a signal, another status, a hang) is a crasher.
    public var isCrash: Bool {
        switch self {
        case .exited(let status): !(0...2).contains(status)
        case .signaled, .timedOut: true
        }
    }

    /// Whether the case was killed for running too long.
    public var isHang: Bool {
        if case .timedOut = self { true } else { false }
    }

    public var description: String {
        switch self {
        case .exited(let status): "exited with status \(status)"
        case .signaled(let signal): "killed by signal \(signal) (\(Self.signalName(signal)))"
        case .timedOut(let seconds): "still running after \(seconds) s (a hang)"
        }
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case 4: "SIGILL"
        case 5: "SIGTRAP"
        case 6: "SIGABRT"
        case 7: "SIGBUS"
        case 8: "SIGFPE"
        case 9: "SIGKILL"
        case 11: "SIGSEGV"
        case 15: "SIGTERM"
        default: "signal \(signal)"
        }
    }
}

/// What a run of one case produced.
public struct CaseResult: Sendable {
    public var outcome: CaseOutcome
    public var standardOutput: String
    public var standardError: String

    public init(outcome: CaseOutcome, standardOutput: String, standardError: String) {
        self.outcome = outcome
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// What identifies the bug behind a crash, so one bug found by many cases is saved once: the
    /// kind of ending plus the runtime's "Fatal error" line (or the first line of standard error).
    public var signature: String {
        let kind: String
        switch outcome {
        case .exited(let status): kind = "exit \(status)"
        case .signaled(let signal): kind = CaseOutcome.signalName(signal)
        case .timedOut: kind = "hang"
        }
        let lines = standardError.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let message =
            lines.first { $0.contains("Fatal error") || $0.contains("Precondition failed") }
            ?? lines.first { $0.contains("Program crashed") } ?? ""
        return message.isEmpty ? kind : kind + ": " + Self.withoutPath(message)
    }

    /// What to keep of standard error: the runtime's message and, when Swift's backtracer ran,
    /// the crashed thread's frames; otherwise its first lines.
    public var crashReport: String {
        let lines = standardError.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let crashed = lines.firstIndex(where: { $0.hasPrefix("Thread ") && $0.hasSuffix(" crashed:") }) else {
            return lines.prefix(60).joined(separator: "\n")
        }
        let message = lines.prefix(crashed).filter { $0.contains("Fatal error") || $0.contains("Program crashed") }
        var frames: [String] = []
        for line in lines[crashed...].prefix(40) {
            if line == "..." || line.hasPrefix("Registers:") { break }
            frames.append(Self.withoutPath(line))
        }
        return (message + [""] + frames).joined(separator: "\n")
    }

    /// `/long/path/Sources/X/File.swift:12: Fatal error: …` → `X/File.swift:12: Fatal error: …`.
    static func withoutPath(_ line: String) -> String {
        guard let range = line.range(of: "/Sources/") ?? line.range(of: "Sources/") else { return line }
        let prefix = line[..<range.lowerBound]
        // In a backtrace frame the path follows " at ": keep what precedes it.
        if let at = prefix.range(of: " at ", options: .backwards) {
            return String(prefix[..<at.upperBound]) + String(line[range.upperBound...])
        }
        return String(line[range.upperBound...])
    }
}
