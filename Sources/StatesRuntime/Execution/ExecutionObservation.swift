public import StatesLanguage

/// One thing an execution did, reported to ``ExecutionOptions/observer`` as it happens: a state
/// was entered, or a state left by one of its transitions, or a retrier fired.
///
/// States are named by ``StatesLanguage/StateID`` (the index into ``StatesLanguage/StateMachine/states``),
/// which is unique across every scope of one definition, so two states of the same name in
/// different Parallel branches or Map processors are never confused; the state's JSON pointer
/// (`machine[id].common.pointer`) is the stable name to show or store.
///
/// Order: the observations of one path (the top level, one Parallel branch, one Map iteration)
/// arrive in the order they happen; paths running at the same time interleave. A state's
/// transition is reported once it has exited (its output checked, its variables assigned), so a
/// state that fails after choosing a rule or a catcher reports no transition.
/// SPEC-NOTES.md §16.1.
public struct ExecutionObservation: Sendable, Hashable {
    /// What happened.
    public enum Event: Sendable, Hashable {
        /// The state was entered.
        case entered
        /// The state exited through `Next` to `target`.
        case next(target: StateID)
        /// The state ended its scope: `End: true` or a Succeed state.
        case end
        /// A Choice state exited through rule `index` of `Choices` (0-based) to `target`.
        case choiceRule(index: Int, target: StateID)
        /// A Choice state matched no rule and exited through `Default` to `target`.
        case choiceDefault(target: StateID)
        /// The state's error was caught by catcher `index` of `Catch` (0-based), which sent it to
        /// `target`.
        case caught(index: Int, target: StateID)
        /// Retrier `index` of `Retry` (0-based) matched an error and fired: the state runs again.
        case retried(index: Int)
    }

    /// The state this happened in.
    public var state: StateID
    public var event: Event
    /// How many Parallel branches and Map iterations enclose the state (0 at the top level).
    public var depth: Int

    public init(state: StateID, event: Event, depth: Int) {
        self.state = state
        self.event = event
        self.depth = depth
    }
}

/// How a state's body chose its successor, when it chose one (Choice, Catch): what the envelope
/// reports to the observer when the state exits.
enum Route: Sendable {
    case choiceRule(Int)
    case choiceDefault
    case catcher(Int)
}
