#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process that owns a temporary file or a staging folder, written into its name so that a
/// later run can tell a dead process's leftovers (to remove) from a live process's work in
/// progress (to leave alone).
///
///     ProcessIdentity.current.token        // "48213.9017342.5f1c0a9e"
///     .asl-tmp-48213.9017342.5f1c0a9e-3fa9c01b22d7e415-a.json
///     .clickstream-processed.staging-48213.9017342.5f1c0a9e-<job id>/
///
/// The token is `<pid>.<start>.<boot>`: the process id; the process's start time in clock ticks
/// since boot (field 22 of `/proc/<pid>/stat`, see proc(5)); the first 8 hex digits of the boot
/// id (`/proc/sys/kernel/random/boot_id`). A process is alive when `/proc/<pid>/stat` exists with
/// the same start time during the same boot: a reused pid has another start time, and after a
/// reboot every old owner is dead.
///
/// Rationale: the alternative, a lock file held with `flock` for the life of the process, needs
/// one more file per process in the data directory and an open descriptor; reading `/proc`
/// needs nothing while the process runs. Limit: processes in another pid namespace (another
/// container sharing the folder) cannot be seen; a data directory is meant for one machine.
/// Elsewhere than Linux the check is `kill(pid, 0)` only (start time 0), which errs towards
/// "alive": debris may stay, a live file is never removed.
package struct ProcessIdentity: Sendable, Hashable {
    package var pid: Int32
    package var start: UInt64
    package var boot: String

    /// This process.
    package static let current = ProcessIdentity(
        pid: getpid(), start: startTime(of: getpid()) ?? 0, boot: currentBoot)

    /// `<pid>.<start>.<boot>`.
    package var token: String { "\(pid).\(start).\(boot)" }

    package init(pid: Int32, start: UInt64, boot: String) {
        self.pid = pid
        self.start = start
        self.boot = boot
    }

    /// Parses a token; `nil` when it is not one.
    package init?(token: Substring) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let pid = Int32(parts[0]), pid > 0, let start = UInt64(parts[1]),
            parts[2].count == 8, parts[2].allSatisfy(\.isHexDigit)
        else { return nil }
        self.init(pid: pid, start: start, boot: String(parts[2]))
    }

    /// Whether the owning process still runs.
    package var isAlive: Bool {
        if self == Self.current { return true }
        #if os(Linux)
            guard boot == Self.currentBoot else { return false }
            guard let running = Self.startTime(of: pid) else { return false }
            return running == start
        #else
            return kill(pid, 0) == 0 || errno == EPERM
        #endif
    }

    /// The owner named in a debris name, the token running up to the next `-` after `prefix`'s end.
    package static func owner(in name: String, after marker: String) -> ProcessIdentity? {
        guard let range = name.range(of: marker) else { return nil }
        let rest = name[range.upperBound...]
        guard let dash = rest.firstIndex(of: "-") else { return nil }
        return ProcessIdentity(token: rest[..<dash])
    }

    /// Field 22 (`starttime`) of `/proc/<pid>/stat`, or `nil` when there is no such process.
    package static func startTime(of pid: Int32) -> UInt64? {
        #if os(Linux)
            guard let bytes = try? FileIO.contents(of: "/proc/\(pid)/stat"),
                let close = bytes.lastIndex(of: UInt8(ascii: ")"))
            else { return nil }
            // After "pid (comm)": field 3 (state) is the first; starttime (22) the twentieth.
            let fields = bytes[(close + 1)...].split(separator: UInt8(ascii: " "))
            guard fields.count > 19 else { return nil }
            return UInt64(String(decoding: fields[19], as: UTF8.self))
        #else
            return kill(pid, 0) == 0 || errno == EPERM ? 0 : nil
        #endif
    }

    /// The first 8 hex digits of this boot's id; `00000000` where there is none.
    package static let currentBoot: String = {
        #if os(Linux)
            if let bytes = try? FileIO.contents(of: "/proc/sys/kernel/random/boot_id") {
                let hex = String(decoding: bytes.prefix(8), as: UTF8.self)
                if hex.count == 8, hex.allSatisfy(\.isHexDigit) { return hex }
            }
        #endif
        return "00000000"
    }()
}
