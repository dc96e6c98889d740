internal import Foundation
internal import JSONCore
internal import LocalAWS

/// The service's files, all through LocalAWS's ``LocalAWS/DataDirectory`` (symlink-safe,
/// atomic):
///
///     sfn/state-machines/<id>.json           one machine (MachineRecord), replaced atomically
///     sfn/executions/<id>/execution.json     one Standard execution (ExecutionRecord)
///     sfn/executions/<id>/events.jsonl       its history, one event per line, appended as recorded
///     sfn/tags.json                          tags by resource ARN
///
/// Ids are decimal counters (zero-padded for executions, so a listing sorts by start order);
/// names never become file names, so no name can escape or collide.
struct CoreStore: Sendable {
    let data: DataDirectory
    /// `fsync` machine and tag records.
    let syncWrites: Bool
    /// `fsync` execution records and journals too.
    let syncExecutions: Bool

    static let machinesFolder = "sfn/state-machines"
    static let executionsFolder = "sfn/executions"
    static let tagsFile = "sfn/tags.json"

    static func machinePath(_ id: Int) -> String { "\(machinesFolder)/\(id).json" }

    static func executionFolderName(_ id: Int) -> String {
        let digits = String(id)
        return String(repeating: "0", count: max(0, 10 - digits.count)) + digits
    }

    static func recordPath(_ id: Int) -> String { "\(executionsFolder)/\(executionFolderName(id))/execution.json" }
    static func journalPath(_ id: Int) -> String { "\(executionsFolder)/\(executionFolderName(id))/events.jsonl" }

    // MARK: Writing

    func write(_ machine: MachineRecord) throws(ServiceError) {
        try write(machine.json(), to: Self.machinePath(machine.fileID))
    }

    func removeMachine(_ id: Int) throws(ServiceError) {
        let path = Self.machinePath(id)
        do {
            guard let (folder, name) = try data.parent(of: path, create: false) else { return }
            try folder.remove(name)
        } catch {
            throw .internalFailure("cannot remove \(data.absolutePath(path)): \(error)")
        }
    }

    func write(_ record: ExecutionRecord) throws(ServiceError) {
        try write(record.json(), to: Self.recordPath(record.id), sync: syncWrites && syncExecutions)
    }

    func writeTags(_ tags: JSON) throws(ServiceError) {
        try write(tags, to: Self.tagsFile)
    }

    private func write(_ value: JSON, to path: String, sync: Bool? = nil) throws(ServiceError) {
        do {
            try data.writeAtomically(
                JSONWriter.compactBytes(value) + [0x0A], to: path, sync: sync ?? syncWrites)
        } catch {
            throw .internalFailure("cannot write \(data.absolutePath(path)): \(error)")
        }
    }

    /// Appends one event line to execution `id`'s journal (no `fsync`: a killed process loses
    /// nothing; ``syncJournal(_:)`` runs when the execution ends).
    func appendEvent(_ line: [UInt8], execution id: Int) throws(FileIOError) {
        try data.append(line, to: Self.journalPath(id), sync: false)
    }

    func syncJournal(_ id: Int) throws(FileIOError) {
        if syncWrites && syncExecutions { try data.sync(Self.journalPath(id)) }
    }

    // MARK: Reading

    func readRecord(_ id: Int) throws(CoreStoreError) -> ExecutionRecord {
        guard let record = try loadRecord(id) else {
            throw CoreStoreError(
                path: data.absolutePath(Self.recordPath(id)), problem: "the execution record is missing")
        }
        return record
    }

    /// The record of execution `id`, or `nil` when its folder holds none.
    func loadRecord(_ id: Int) throws(CoreStoreError) -> ExecutionRecord? {
        let path = Self.recordPath(id)
        guard let value = try readJSON(path) else { return nil }
        return try ExecutionRecord(value, path: data.absolutePath(path))
    }

    /// The complete lines of execution `id`'s journal (an unterminated last line, cut off by a
    /// crash, is left out), and the byte length they cover.
    func readJournal(_ id: Int) throws(CoreStoreError) -> (lines: [ArraySlice<UInt8>], length: Int) {
        let path = Self.journalPath(id)
        let bytes: [UInt8]
        do {
            bytes = try data.contents(of: path) ?? []
        } catch {
            throw CoreStoreError(path: data.absolutePath(path), problem: "cannot be read (\(error))")
        }
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            if index > start { lines.append(bytes[start..<index]) }
            start = index + 1
        }
        return (lines, start)
    }

    /// Parses one journal line (an event object).
    func event(_ line: ArraySlice<UInt8>, execution id: Int) throws(CoreStoreError) -> JSON {
        do {
            let value = try JSONReader.read(Array(line), options: .init(recordsSourceMap: false)).value
            guard value.objectValue != nil else { throw CoreStoreError(path: "", problem: "") }
            return value
        } catch {
            throw CoreStoreError(
                path: data.absolutePath(Self.journalPath(id)), problem: "a line is not a history event object")
        }
    }

    func truncateJournal(_ id: Int, to length: Int) throws(CoreStoreError) {
        let path = Self.journalPath(id)
        do {
            guard try data.contents(of: path) != nil else { return }
            try data.truncate(path, to: length)
        } catch {
            throw CoreStoreError(path: data.absolutePath(path), problem: "cannot be repaired (\(error))")
        }
    }

    func loadMachines() throws(CoreStoreError) -> [MachineRecord] {
        var machines: [MachineRecord] = []
        for name in try entries(Self.machinesFolder, directories: false) {
            guard name.hasSuffix(".json") else { continue }
            let path = "\(Self.machinesFolder)/\(name)"
            guard let value = try readJSON(path) else { continue }
            machines.append(try MachineRecord(value, path: data.absolutePath(path)))
        }
        return machines
    }

    /// The ids of the execution folders, ascending.
    func executionIDs() throws(CoreStoreError) -> [Int] {
        try entries(Self.executionsFolder, directories: true).compactMap { Int($0) }.sorted()
    }

    func loadTags() throws(CoreStoreError) -> JSON? {
        try readJSON(Self.tagsFile)
    }

    private func entries(_ folder: String, directories: Bool) throws(CoreStoreError) -> [String] {
        do {
            guard let handle = try data.directory(folder, create: false) else { return [] }
            return handle.entries().filter { ($0.kind == .directory) == directories && !$0.name.hasPrefix(".") }
                .map(\.name)
        } catch {
            throw CoreStoreError(path: data.absolutePath(folder), problem: "cannot be listed (\(error))")
        }
    }

    private func readJSON(_ path: String) throws(CoreStoreError) -> JSON? {
        let absolute = data.absolutePath(path)
        let bytes: [UInt8]
        do {
            guard let read = try data.contents(of: path) else { return nil }
            bytes = read
        } catch {
            throw CoreStoreError(path: absolute, problem: "cannot be read (\(error))")
        }
        do {
            return try JSONReader.read(bytes, options: .init(recordsSourceMap: false)).value
        } catch {
            throw CoreStoreError(
                path: absolute, problem: "is not valid JSON (\(error.message) at byte \(error.offset))")
        }
    }
}
