/// How the executions `asl serve` starts tell time (`--clock`; SPEC-NOTES.md §18.2 "Clock",
/// §18.3 "Clock rule").
package enum ServerClockMode: String, Sendable, Hashable, CaseIterable {
    /// The wall clock: waits really wait, and the runtime's watchdog ends a task at its
    /// `TimeoutSeconds`/`HeartbeatSeconds`, a waiting callback or activity task included.
    case real
    /// Each execution on a ``StatesRuntime/VirtualClock`` starting at the wall-clock time it
    /// starts: waits and retries end at once, but time never jumps past a task waiting for a
    /// callback or an activity worker (its `TimeoutSeconds`/`HeartbeatSeconds` do not fire).
    case virtual
}
