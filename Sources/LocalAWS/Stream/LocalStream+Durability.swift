extension LocalStream {
    /// Makes every record put so far durable: `fsync`s each shard file. A writer that puts many
    /// records with `durable: false` calls this once before it reports success, instead of paying
    /// an `fsync` per record; a killed process loses nothing either way (the appends are in the
    /// file as soon as `write` returns), only a power loss before this call can.
    /// - Throws: ``StreamError`` when a shard file cannot be synced.
    public func sync() throws(StreamError) {
        for index in 0..<shardCount {
            do {
                try dataDirectory.sync(relativeDirectory + "/" + Self.shardID(index) + ".jsonl")
            } catch {
                throw StreamError(error)
            }
        }
    }
}
