import Foundation

extension ObjectStore {
    /// Opens an object for reading in chunks, so a reader's memory does not grow with the object.
    /// - Throws: ``StorageError`` `.noSuchKey` when there is no such object, or when a link lies on the way.
    func openObject(_ location: S3Location) throws(StorageError) -> ObjectChunks {
        guard !location.isPrefix else { throw StorageError(.noSuchKey, uri: "\(location)") }
        do throws(FileIOError) {
            guard let (folder, name) = try directory.parent(of: relativePath(location), create: false),
                folder.kind(name) == .file,
                let descriptor = try folder.openFile(name, flags: O_RDONLY, operation: "open")
            else { throw FileIOError(operation: "open", path: filePath(location), code: ENOENT) }
            return ObjectChunks(descriptor: descriptor, path: filePath(location))
        } catch {
            if error.linkTarget == nil && (error.code == ENOTDIR || error.code == ENOENT) {
                throw StorageError(.noSuchKey, uri: "\(location)")
            }
            throw StorageError(error, uri: "\(location)")
        }
    }
}

/// An open object read 64 KiB at a time, byte by byte for the parsers; closes its file when
/// released.
final class ObjectChunks {
    static let chunkSize = 64 * 1024
    private let descriptor: Int32
    let path: String
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    /// Bytes of the object before ``buffer``.
    private var bufferStart = 0

    /// Bytes consumed so far (what ``next()`` has returned).
    var offset: Int { bufferStart + position }

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// Bytes already in memory (a decompressed file), read the same way.
    init(bytes: [UInt8], path: String) {
        descriptor = -1
        self.path = path
        buffer = bytes
        finished = true
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// The next byte, or `nil` at the end of the object.
    func next() throws(StorageError) -> UInt8? {
        if position == buffer.count {
            guard try refill() else { return nil }
        }
        defer { position += 1 }
        return buffer[position]
    }

    /// The next byte without consuming it.
    func peek() throws(StorageError) -> UInt8? {
        if position == buffer.count {
            guard try refill() else { return nil }
        }
        return buffer[position]
    }

    private func refill() throws(StorageError) -> Bool {
        guard !finished else { return false }
        var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw StorageError(FileIOError(operation: "read", path: path, code: errno), uri: path)
            }
            if count == 0 {
                finished = true
                return false
            }
            chunk.removeSubrange(count...)
            bufferStart += buffer.count
            buffer = chunk
            position = 0
            return true
        }
    }

    /// Appends to `field` the bytes from here that a CSV reader would append one by one: up to
    /// the first `"` or `\n` when `inQuotes`, else up to the first `"`, `\n`, `\r` or
    /// `delimiter`, within the chunk in memory (the reader goes on byte by byte from there).
    func appendPlainRun(to field: inout [UInt8], delimiter: UInt8, inQuotes: Bool) {
        let start = position
        var end = position
        buffer.withUnsafeBufferPointer { bytes in
            let count = bytes.count
            if inQuotes {
                while end < count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\n") { end += 1 }
            } else {
                while end < count {
                    let byte = bytes[end]
                    if byte == delimiter || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n")
                        || byte == UInt8(ascii: "\r")
                    {
                        break
                    }
                    end += 1
                }
            }
            if end > start { field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end])) }
        }
        position = end
    }

    /// Skips a UTF-8 byte order mark at the start of the object.
    func skipByteOrderMark() throws(StorageError) {
        guard try peek() == 0xEF else { return }
        if buffer.count - position < 3 { return }
        if buffer[position + 1] == 0xBB && buffer[position + 2] == 0xBF { position += 3 }
    }
}
