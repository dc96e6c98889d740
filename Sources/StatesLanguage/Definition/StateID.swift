public import JSONCore

/// The index of a state in ``StateMachine/states``; every transition is resolved to one at
/// parse time, so the executor never looks a name up.
public struct StateID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: Int32

    public init(_ rawValue: Int32) { self.rawValue = rawValue }
    public init(_ index: Int) { self.rawValue = Int32(truncatingIfNeeded: index) }

    public var index: Int { Int(rawValue) }
    public var description: String { "#\(rawValue)" }
    public static func < (lhs: StateID, rhs: StateID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The index of a scope in ``StateMachine/scopes``: the top level (always 0), each Parallel
/// branch and each Map item processor.
public struct ScopeID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: Int32

    public init(_ rawValue: Int32) { self.rawValue = rawValue }
    public init(_ index: Int) { self.rawValue = Int32(truncatingIfNeeded: index) }

    public var index: Int { Int(rawValue) }
    public var description: String { "scope#\(rawValue)" }
    public static func < (lhs: ScopeID, rhs: ScopeID) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let root = ScopeID(Int32(0))
}

/// A reference to a state by name (`StartAt`, `Next`, `Default`, a Catcher's `Next`), resolved
/// within its scope. `id` is `nil` when no state of that scope has the name; the parser then
/// reports ASL-E104 at `pointer`.
public struct StateReference: Sendable, Hashable {
    public var name: String
    public var id: StateID?
    /// Where the name is written (the value of `Next`, `Default`, `StartAt`).
    public var pointer: JSONPointer

    public init(name: String, id: StateID?, pointer: JSONPointer) {
        self.name = name
        self.id = id
        self.pointer = pointer
    }
}

/// What happens after a state that does not end its scope by its type: `Next` or `End: true`.
public enum Transition: Sendable, Hashable {
    case next(StateReference)
    case end
}
