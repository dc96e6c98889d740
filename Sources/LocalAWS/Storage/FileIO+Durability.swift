#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Durability at commit points, for writers that write many files and make them durable once
/// instead of with an `fsync` each (SPEC-NOTES.md §12.4).
extension FileIO {
    /// Writes every file and folder change of the file system holding `path` to disk (Linux
    /// `syncfs(2)`; elsewhere, or when the C library lacks it, `sync(2)`). One call makes a whole
    /// batch of unsynced writes durable.
    static func syncFileSystem(containing path: String) throws(FileIOError) {
        guard let syncfs = SyncFS.function else {
            #if canImport(Glibc)
                Glibc.sync()
            #elseif canImport(Musl)
                Musl.sync()
            #elseif canImport(Darwin)
                Darwin.sync()
            #endif
            return
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileIOError(operation: "open", path: path, code: errno) }
        defer { close(descriptor) }
        guard syncfs(descriptor) == 0 else { throw FileIOError(operation: "sync", path: path, code: errno) }
    }
}

/// glibc's `syncfs`, looked up at run time: Swift's Glibc module declares it only under
/// `_GNU_SOURCE`, which it does not set.
private enum SyncFS {
    typealias Function = @convention(c) (Int32) -> Int32

    static let function: Function? = {
        #if os(Linux)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
            return unsafeBitCast(symbol, to: Function.self)
        #else
            return nil
        #endif
    }()
}
