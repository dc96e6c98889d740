#if canImport(Glibc)
    import Glibc

    // A GNU extension the Glibc module does not export (it needs _GNU_SOURCE).
    @_silgen_name("pthread_getattr_np")
    private func getThreadAttributes(_ thread: pthread_t, _ attributes: UnsafeMutablePointer<pthread_attr_t>) -> Int32
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bounds native recursion by the stack actually left on the calling thread.
///
/// Evaluation runs on whatever thread calls it, and a thread's stack may be small (512 KiB for
/// secondary threads on some platforms) while a debug build spends several KiB per nested
/// sub-expression. The depth limit alone cannot know that, so deep recursion also checks the
/// distance to the end of the stack and stops with U1001 while `margin` bytes are still free.
struct StackGuard {
    /// The lowest address evaluation may reach; 0 when the stack bounds are unknown.
    let floor: UInt

    init(margin: UInt = 160 * 1024) {
        var low: UInt = 0
        #if canImport(Glibc)
            var attributes = pthread_attr_t()
            if getThreadAttributes(pthread_self(), &attributes) == 0 {
                var address: UnsafeMutableRawPointer?
                var size = 0
                if pthread_attr_getstack(&attributes, &address, &size) == 0, let address {
                    low = UInt(bitPattern: address)
                }
                pthread_attr_destroy(&attributes)
            }
        #elseif canImport(Darwin)
            let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
            low = top - UInt(pthread_get_stacksize_np(pthread_self()))
        #endif
        floor = low == 0 ? 0 : low + margin
    }

    /// Whether the current stack position is below the floor.
    @inline(never)
    func isExhausted() -> Bool {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) } < floor
    }
}
