public import JSONCore

/// A stable rule identifier such as `ASL-E104`; `E` rules are errors by default, `W` warnings.
public struct RuleID: Sendable, Hashable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }
    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }
}

public enum Severity: String, Sendable, Hashable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// Which part of a member a diagnostic points at: the key (`"Reslt"` in an unknown-field
/// report) or the value (`"Lod"` in an unknown-target report).
public enum DiagnosticAnchor: Sendable, Hashable {
    case key
    case value
}

/// A secondary message attached to a diagnostic, optionally pointing elsewhere in the file.
public struct DiagnosticNote: Sendable, Hashable {
    public var message: String
    public var pointer: JSONPointer?
    public var offset: Int?

    public init(_ message: String, pointer: JSONPointer? = nil) {
        self.message = message
        self.pointer = pointer
        self.offset = nil
    }
}

/// A static problem found in a definition: what rule, how bad, where (JSON Pointer, and a byte
/// offset once located against the source), and optionally how to fix it.
public struct Diagnostic: Sendable, Hashable {
    public var rule: RuleID
    public var severity: Severity
    public var message: String
    public var pointer: JSONPointer
    public var anchor: DiagnosticAnchor
    /// Byte offset in the source; `nil` until ``located(with:)`` runs, or when the value has no
    /// position (a definition built in code).
    public var offset: Int?
    /// UTF-8 offset inside the (decoded) string value at `pointer`, for a diagnostic about a place
    /// within a string (a JSONata syntax error); ``located(with:source:)`` maps it through the
    /// string literal's escapes to a byte offset in the file.
    public var offsetInValue: Int?
    public var notes: [DiagnosticNote]
    /// A short imperative telling the user what to change ("use \"Load\"").
    public var fixIt: String?

    public init(
        rule: RuleID,
        severity: Severity,
        message: String,
        pointer: JSONPointer,
        anchor: DiagnosticAnchor = .value,
        offset: Int? = nil,
        notes: [DiagnosticNote] = [],
        fixIt: String? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.pointer = pointer
        self.anchor = anchor
        self.offset = offset
        self.notes = notes
        self.fixIt = fixIt
    }

    /// This diagnostic with its offset (and its notes' offsets) resolved through a source map.
    /// A pointer the map does not know falls back to its nearest known ancestor.
    public func located(with map: SourceMap) -> Diagnostic {
        var copy = self
        if copy.offset == nil {
            if anchor == .key, let keyOffset = map.keyOffset(at: pointer) {
                copy.offset = keyOffset
            } else {
                copy.offset = map.nearestValueOffset(at: pointer)
            }
        }
        for index in copy.notes.indices {
            if copy.notes[index].offset == nil, let notePointer = copy.notes[index].pointer {
                copy.notes[index].offset = map.nearestValueOffset(at: notePointer)
            }
        }
        return copy
    }

    /// As ``located(with:)``, and a diagnostic with ``offsetInValue`` points inside its string
    /// literal in `source` (escapes such as `\"` or `\u00e9` counted as written).
    public func located(with map: SourceMap, source: [UInt8]) -> Diagnostic {
        guard offset == nil, let inner = offsetInValue, let start = map.valueOffset(at: pointer),
            let mapped = JSONStringLiteral.sourceOffset(ofDecoded: inner, literalAt: start, in: source)
        else { return located(with: map) }
        var copy = self
        copy.offset = mapped
        return copy.located(with: map)
    }
}
