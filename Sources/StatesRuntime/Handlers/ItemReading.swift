public import JSONCore
public import StatesLanguage

/// Reads the items of a Distributed Map's `ItemReader` from storage. The runtime knows no
/// concrete service: an embedder registers a reader (``HandlerRegistry/itemReader``), e.g.
/// `LocalAWS`'s reader over the data directory's object store.
///
///     var registry = HandlerRegistry()
///     registry.itemReader = S3ItemReader(store: store)
///
/// The executor evaluates the reader's `Parameters` (JSONPath, `.$` keys) or `Arguments`
/// (JSONata) and `ReaderConfig` (with `MaxItemsPath` or a `{% %}` `MaxItems`), then asks the
/// reader for a stream and pulls items one at a time until the stream ends or `MaxItems` is
/// reached. A failure is a ``StatesLanguage/StatesError``, normally `States.ItemReaderFailed`
/// with AWS's cause (SPEC-NOTES.md §17.1).
public protocol ItemReading: Sendable {
    /// Opens the data set the request names.
    /// - Throws: `States.ItemReaderFailed` (missing bucket or object, a file that is not what
    ///   `InputType` says, …) with AWS's cause.
    func open(_ request: ItemReaderRequest) throws(StatesError) -> any ItemStream
}

/// The items of one read, in order, produced one at a time so memory does not grow with the
/// data set.
public protocol ItemStream: AnyObject {
    /// The next item, or `nil` at the end.
    /// - Throws: `States.ItemReaderFailed` when the data turns out to be malformed part way.
    func next() throws(StatesError) -> JSON?
}

/// What an `ItemReader` asks for, evaluated.
public struct ItemReaderRequest: Sendable, Hashable {
    /// `Resource`: `arn:aws:states:::s3:listObjectsV2` or `arn:aws:states:::s3:getObject`.
    public var resource: String
    /// `Parameters` / `Arguments` evaluated (`{"Bucket": …, "Key": …}`, `{"Bucket": …, "Prefix": …}`).
    public var arguments: JSON
    public var config: ItemReaderConfig
    /// The Map state's name, for messages.
    public var stateName: String

    public init(resource: String, arguments: JSON, config: ItemReaderConfig, stateName: String) {
        self.resource = resource
        self.arguments = arguments
        self.config = config
        self.stateName = stateName
    }

    /// `listObjectsV2` or `getObject`: the action after `s3:` (or the whole resource when it has no `:`).
    public var action: String {
        resource.split(separator: ":", omittingEmptySubsequences: false).last.map(String.init) ?? resource
    }
}

/// `ReaderConfig` as written (`MaxItems` resolved by the executor, which also applies it).
///
/// Source: AWS developer guide, "ItemReader (Map)".
public struct ItemReaderConfig: Sendable, Hashable {
    /// `InputType`: `CSV`, `JSON`, `JSONL`, `MANIFEST` or `PARQUET` (absent for `listObjectsV2`).
    public var inputType: String?
    /// `CSVHeaderLocation`: `FIRST_ROW` (default) or `GIVEN`.
    public var csvHeaderLocation: String?
    /// `CSVHeaders` (with `GIVEN`).
    public var csvHeaders: [String]?
    /// `CSVDelimiter`: `COMMA` (default), `PIPE`, `SEMICOLON`, `SPACE`, `TAB`.
    public var csvDelimiter: String?
    /// `ManifestType`: `S3_INVENTORY` (default for `MANIFEST`) or `ATHENA_DATA`.
    public var manifestType: String?
    /// `ItemsPointer`: a JSON Pointer to the array inside a `JSON` object (absent: the whole object).
    public var itemsPointer: String?
    /// `MaxItems` / `MaxItemsPath` evaluated; `nil` or 0 means every item.
    public var maxItems: Int?

    public init(
        inputType: String? = nil, csvHeaderLocation: String? = nil, csvHeaders: [String]? = nil,
        csvDelimiter: String? = nil, manifestType: String? = nil, itemsPointer: String? = nil, maxItems: Int? = nil
    ) {
        self.inputType = inputType
        self.csvHeaderLocation = csvHeaderLocation
        self.csvHeaders = csvHeaders
        self.csvDelimiter = csvDelimiter
        self.manifestType = manifestType
        self.itemsPointer = itemsPointer
        self.maxItems = maxItems
    }
}

/// A stream over items already in memory (tests, and readers that must parse a whole file).
public final class ArrayItemStream: ItemStream {
    private var items: [JSON]
    private var index = 0

    public init(_ items: [JSON]) { self.items = items }

    public func next() throws(StatesError) -> JSON? {
        guard index < items.count else { return nil }
        defer {
            items[index] = .null
            index += 1
        }
        return items[index]
    }
}
