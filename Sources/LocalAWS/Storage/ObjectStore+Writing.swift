import Foundation
import Synchronization

extension ObjectStore {
    /// Starts an object written in pieces, so a writer's memory does not grow with the object: a
    /// temporary file beside the key (``FileIO/temporaryName(for:)``, never listed, swept as
    /// debris if this process dies), renamed over the key on ``ObjectWriter/commit()``.
    /// - Throws: ``StorageError`` as ``put(_:at:durable:)`` does.
    public func openWriter(_ location: S3Location) throws(StorageError) -> ObjectWriter {
        guard !location.isPrefix else {
            throw StorageError(
                .invalidKey("an object key does not end in '/' (that names a folder)"), uri: "\(location)")
        }
        let (folder, name) = try parentForWriting(location)
        let temporary = FileIO.temporaryName(for: name)
        let descriptor: Int32?
        do {
            descriptor = try folder.openFile(temporary, flags: O_WRONLY | O_CREAT | O_EXCL, operation: "create")
        } catch {
            throw StorageError(error, uri: "\(location)")
        }
        guard let descriptor else {
            throw StorageError(
                .io(operation: "create", path: folder.childPath(temporary), reason: "missing"), uri: "\(location)")
        }
        return ObjectWriter(
            folder: folder, name: name, temporary: temporary, descriptor: descriptor, uri: "\(location)")
    }
}

/// An object being written in pieces (``ObjectStore/openWriter(_:)``): appended bytes are
/// buffered and written to a temporary file; ``commit()`` renames it over the key (readers see
/// the old object or the whole new one), ``discard()`` removes it. Dropping an uncommitted
/// writer discards it.
public final class ObjectWriter: Sendable {
    /// Bytes gathered before one `write`.
    static let bufferSize = 1 << 20

    private struct State {
        var buffer: [UInt8] = []
        var descriptor: Int32
        /// Committed or discarded.
        var closed = false
    }

    private let folder: DirectoryHandle
    private let name: String
    private let temporary: String
    private let uri: String
    private let state: Mutex<State>

    init(folder: DirectoryHandle, name: String, temporary: String, descriptor: Int32, uri: String) {
        self.folder = folder
        self.name = name
        self.temporary = temporary
        self.uri = uri
        state = Mutex(State(descriptor: descriptor))
    }

    deinit { discard() }

    /// Appends `bytes` to the object.
    /// - Throws: ``StorageError`` when the file cannot be written (or the writer is closed).
    public func append(_ bytes: [UInt8]) throws(StorageError) {
        try state.withLock { (state) throws(StorageError) in
            guard !state.closed else {
                throw StorageError(.io(operation: "append to", path: uri, reason: "already closed"), uri: uri)
            }
            // A large piece is written as it is, not copied into the buffer first.
            if bytes.count >= Self.bufferSize / 8 {
                try drain(&state)
                try write(bytes, &state)
                return
            }
            state.buffer += bytes
            if state.buffer.count >= Self.bufferSize { try drain(&state) }
        }
    }

    /// Writes what is buffered, `fsync`s, and renames the file over the key, then `fsync`s the
    /// folder (`durable: false` skips both `fsync`s).
    /// - Throws: ``StorageError`` when a step fails; the temporary file is then removed.
    public func commit(durable: Bool = true) throws(StorageError) {
        try state.withLock { (state) throws(StorageError) in
            guard !state.closed else {
                throw StorageError(.io(operation: "commit", path: uri, reason: "already closed"), uri: uri)
            }
            do throws(StorageError) {
                try drain(&state)
                if durable, fsync(state.descriptor) != 0 {
                    throw StorageError(
                        FileIOError(operation: "fsync", path: folder.childPath(temporary), code: errno), uri: uri)
                }
                close(state.descriptor)
                state.closed = true
                do throws(FileIOError) {
                    try folder.rename(temporary, to: folder, as: name)
                } catch {
                    throw StorageError(error, uri: uri)
                }
                if durable { folder.sync() }
            } catch {
                abandon(&state)
                throw error
            }
        }
    }

    /// Removes the temporary file; nothing becomes visible. Safe to call more than once.
    public func discard() { state.withLock { abandon(&$0) } }

    private func drain(_ state: inout State) throws(StorageError) {
        guard !state.buffer.isEmpty else { return }
        try write(state.buffer, &state)
        state.buffer.removeAll(keepingCapacity: true)
    }

    private func write(_ bytes: [UInt8], _ state: inout State) throws(StorageError) {
        do {
            try FileIO.writeAll(bytes, to: state.descriptor, path: folder.childPath(temporary))
        } catch {
            throw StorageError(error, uri: uri)
        }
    }

    private func abandon(_ state: inout State) {
        if !state.closed { close(state.descriptor) }
        if folder.kind(temporary) == .file { try? folder.remove(temporary) }
        state.closed = true
        state.buffer = []
    }
}
