import Foundation
import JSONCore
import StatesLanguage
import Synchronization

/// The mutable facts of one execution path: the top level, one Parallel branch or one Map
/// iteration. Each concurrent path has its own, so nothing here needs a lock.
struct PathContext: Sendable {
    /// This path's timeline (with the execution's deadline, if any).
    var clock: any ExecutionClock
    /// This path's random stream.
    var random: RandomSource
    /// The id of the last event this path recorded: the next event's `previousEventId`.
    var previousEventID: Int
    /// The workflow variables this path sees. A branch or iteration starts with a copy of its
    /// parent's; what it assigns stays inside it (AWS developer guide, "Passing data between
    /// states with variables": variable scope).
    var variables: [CodeUnitString: JSON]
    /// The context object (`$$`) as the current state sees it.
    var context: ContextObject
    /// 0 at the top level, +1 inside each Parallel branch or Map iteration.
    var depth: Int
    /// Where the innermost Parallel or Map this path runs in notes the event of a failure that
    /// cancels its other children (their aborted events follow it).
    var abortAnchor: AbortAnchor?
    /// Set when a JSONata field of the current state failed: where, for `EvaluationFailed`.
    var queryFailure: QueryFailureNote?
    /// `asl test-state`'s capture of intermediate values and its mock; `nil` in ordinary runs,
    /// where each capture point costs one `nil` check (SPEC-NOTES.md §15).
    var inspection: StepInspection? = nil

    /// A child path for branch or iteration `index`, starting now on a forked timeline.
    func child(_ index: Int, previousEventID: Int, anchor: AbortAnchor) -> PathContext {
        PathContext(
            clock: clock.fork(), random: random.fork(index), previousEventID: previousEventID,
            variables: variables, context: context, depth: depth + 1, abortAnchor: anchor)
    }
}

/// What a state's paths read: `$` (the value given), `$$` (the context object) and `$name`
/// (variables).
struct Roots {
    var input: JSON
    var context: ContextObject
    var variables: [CodeUnitString: JSON]

    init(input: JSON, path: PathContext) {
        self.input = input
        context = path.context
        variables = path.variables
    }
}

/// The id of the event with which a branch or iteration failed, shared by its siblings: the
/// events AWS writes for the work it cancels name it as their previous event.
final class AbortAnchor: Sendable {
    private let failure = Mutex<Int?>(nil)

    /// Notes the failure event (the first one wins).
    func fail(at eventID: Int) { failure.withLock { $0 = $0 ?? eventID } }

    var failingEventID: Int? { failure.withLock { $0 } }
}
