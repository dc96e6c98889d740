#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the machine can still hold for a run: free space and free files (inodes) on the file
/// system of the data directory, and the memory available to the process.
///
/// A big simulated run is refused up front when it cannot fit (``fits(_:)``), with the figures
/// that say why, instead of failing half-way on a full disk. Every figure is optional: a platform
/// or file system that does not report one is never the reason for a refusal.
///
///     let capacity = MachineCapacity.measure(at: "/work/.asl-data")
///     capacity.eventsThatFit(EventFootprint.clickstream)   // e.g. 2_600_000
public struct MachineCapacity: Sendable, Hashable {
    /// Bytes an unprivileged process may still write on the data directory's file system.
    public var freeBytes: Int64?
    /// Files (inodes) that may still be created there; `nil` when the file system has no fixed
    /// number (btrfs and some network file systems report a total of 0).
    public var freeFiles: Int64?
    /// The file system's block size: the least a small file occupies.
    public var blockSize: Int64
    /// Memory the process may still use: Linux's `MemAvailable`, lowered to the cgroup's limit
    /// when one is set.
    public var availableMemory: Int64?

    public init(freeBytes: Int64?, freeFiles: Int64?, blockSize: Int64 = 4096, availableMemory: Int64?) {
        self.freeBytes = freeBytes
        self.freeFiles = freeFiles
        self.blockSize = max(1, blockSize)
        self.availableMemory = availableMemory
    }

    /// Measures the file system holding `path` (its nearest existing ancestor) and the memory.
    public static func measure(at path: String) -> MachineCapacity {
        var existing = path.isEmpty ? "." : path
        var info = statvfs()
        while statvfs(existing, &info) != 0 {
            guard let slash = existing.lastIndex(of: "/"), existing != "/" else {
                return MachineCapacity(freeBytes: nil, freeFiles: nil, availableMemory: availableMemory())
            }
            existing = slash == existing.startIndex ? "/" : String(existing[..<slash])
        }
        let fragment = Int64(info.f_frsize > 0 ? info.f_frsize : info.f_bsize)
        // A file system without a fixed number of files (btrfs) reports a total of 0.
        let files: Int64? = info.f_files == 0 ? nil : Int64(info.f_favail)
        return MachineCapacity(
            freeBytes: Int64(info.f_bavail).multipliedReportingOverflow(by: fragment).partialValue,
            freeFiles: files,
            blockSize: Int64(info.f_bsize),
            availableMemory: availableMemory())
    }

    /// How many events fit, each costing `footprint`; `nil` when nothing limits them.
    /// A tenth of every resource is kept back for everything else on the machine.
    public func eventsThatFit(_ footprint: EventFootprint) -> Int64? {
        var limits: [Int64] = []
        let diskPerEvent = footprint.diskBytes(blockSize: blockSize)
        if let freeBytes, diskPerEvent > 0 { limits.append(freeBytes / 10 * 9 / diskPerEvent) }
        if let freeFiles, footprint.files > 0 { limits.append(freeFiles / 10 * 9 / footprint.files) }
        if let availableMemory, footprint.memoryBytes > 0 {
            limits.append(availableMemory / 10 * 9 / footprint.memoryBytes)
        }
        return limits.min().map { max(0, $0) }
    }

    /// Linux: `MemAvailable` from `/proc/meminfo`, capped by a cgroup v2 `memory.max` (minus
    /// `memory.current`) when the process runs under one. `nil` elsewhere.
    static func availableMemory() -> Int64? {
        guard let meminfo = readSmallFile("/proc/meminfo") else { return nil }
        var available: Int64?
        for line in meminfo.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let digits = line.dropFirst("MemAvailable:".count).filter { $0.isNumber }
            available = Int64(digits).map { $0 * 1024 }
        }
        if let limitText = readSmallFile("/sys/fs/cgroup/memory.max"),
            let limit = Int64(limitText.filter { $0.isNumber }),
            let usedText = readSmallFile("/sys/fs/cgroup/memory.current"),
            let used = Int64(usedText.filter { $0.isNumber })
        {
            let left = max(0, limit - used)
            available = available.map { min($0, left) } ?? left
        }
        return available
    }

    private static func readSmallFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }
}

/// What one event of a run costs the machine.
public struct EventFootprint: Sendable, Hashable {
    /// Bytes written to files that grow by appends (a stream's shard file, the Parquet output).
    public var appendedBytes: Int64
    /// Files each event creates (one raw object per event): each takes at least one block.
    public var files: Int64
    /// Bytes of memory each event holds while the run lasts (the stream keeps its records).
    public var memoryBytes: Int64

    public init(appendedBytes: Int64, files: Int64, memoryBytes: Int64) {
        self.appendedBytes = appendedBytes
        self.files = files
        self.memoryBytes = memoryBytes
    }

    /// Disk bytes per event on a file system with `blockSize`-byte blocks.
    public func diskBytes(blockSize: Int64) -> Int64 { appendedBytes + files * blockSize }
}
