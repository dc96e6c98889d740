/// A parsed document: its value and where each of its values starts in the source.
public struct JSONDocument: Sendable {
    /// The root value.
    public var value: JSON
    /// Byte offsets of every value and member key, by JSON Pointer; ``SourceMap/empty`` when the
    /// reader was asked not to record one.
    public var sourceMap: SourceMap

    public init(value: JSON, sourceMap: SourceMap) {
        self.value = value
        self.sourceMap = sourceMap
    }
}
