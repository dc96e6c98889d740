import Foundation

/// What every place that starts a local program needs (`"command"` handlers, the Glue `spark`
/// engine).
package enum ChildProcess {
    /// Runs `body` (which starts the program) with no signal blocked on this thread. The threads
    /// that start programs (Swift concurrency's, Dispatch's) block nearly every signal and a child
    /// inherits the mask of the thread that spawned it, so SIGTERM (a timeout, an abort) and
    /// Ctrl-C would not reach the program and only the SIGKILL after the grace would end it.
    package static func withNoSignalBlocked<T>(_ body: () throws -> T) rethrows -> T {
        var none = sigset_t()
        sigemptyset(&none)
        var previous = sigset_t()
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }
}
