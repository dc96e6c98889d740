extension ObjectStore {
    /// Makes every object written with `durable: false` so far durable: one `syncfs(2)` of the
    /// data directory's file system instead of two `fsync`s per object (SPEC-NOTES.md §12.4).
    /// - Throws: ``StorageError`` when the file system cannot be synced.
    public func sync() throws(StorageError) {
        let path = FileIO.kind(of: rootPath) == .directory ? rootPath : dataDirectory.path(percentEncoded: false)
        do {
            try FileIO.syncFileSystem(containing: path)
        } catch {
            throw StorageError(error, uri: "s3://")
        }
    }
}
