public import JSONCore

/// A Map state: runs its item processor once per item of an array (inline) or of a data set
/// read by an `ItemReader` (distributed).
///
/// Source: ASL specification, "Map State"; AWS developer guide, "Map workflow state", "Using
/// Map state in Inline mode" and "Using Map state in Distributed mode".
public struct MapState: Sendable {
    /// `ProcessorConfig.Mode`.
    public enum ProcessorMode: String, Sendable, Hashable, CaseIterable {
        case inline = "INLINE"
        case distributed = "DISTRIBUTED"
    }

    /// `ProcessorConfig.ExecutionType` (distributed mode only).
    public enum ExecutionType: String, Sendable, Hashable, CaseIterable {
        case standard = "STANDARD"
        case express = "EXPRESS"
    }

    /// Where the items come from.
    public enum Items: Sendable, Hashable {
        /// `ItemsPath` (JSONPath; default `$`).
        case path(Path)
        /// `Items` (JSONata): a JSON array or a `{% %}` expression.
        case jsonata(JSONataTemplate)
    }

    /// `ItemReader`, `ItemBatcher` or `ResultWriter`: a resource with arguments and a config
    /// object, kept as written apart from the compiled templates.
    public struct Component: Sendable, Hashable {
        /// `Resource` (ItemReader and ResultWriter).
        public var resource: String?
        /// `Parameters` (JSONPath) or `Arguments` (JSONata).
        public var parameters: DynamicTemplate?
        /// `ReaderConfig`, `WriterConfig`, or the ItemBatcher object itself.
        public var config: JSONObject
        public var pointer: JSONPointer

        public init(
            resource: String? = nil, parameters: DynamicTemplate? = nil, config: JSONObject, pointer: JSONPointer
        ) {
            self.resource = resource
            self.parameters = parameters
            self.config = config
            self.pointer = pointer
        }
    }

    public var common: StateCommon
    /// `ItemProcessor` (or the legacy `Iterator`) as a scope.
    public var itemProcessor: ScopeID
    /// Whether the processor was written with the legacy `Iterator` field.
    public var usesLegacyIterator: Bool
    public var processorMode: ProcessorMode
    public var executionType: ExecutionType?
    public var items: Items?
    /// `ItemSelector`, or the legacy `Parameters` of a Map state.
    public var itemSelector: DynamicTemplate?
    /// Whether the selector was written with the legacy `Parameters` field.
    public var usesLegacyParameters: Bool
    public var itemReader: Component?
    public var itemBatcher: Component?
    public var resultWriter: Component?
    /// `MaxConcurrency` / `MaxConcurrencyPath` (0 or absent: as many as the service allows).
    public var maxConcurrency: DynamicInteger?
    /// `ToleratedFailurePercentage` / `…Path`.
    public var toleratedFailurePercentage: DynamicNumber?
    /// `ToleratedFailureCount` / `…Path`.
    public var toleratedFailureCount: DynamicInteger?
    /// `Label` (distributed mode): a prefix of child execution names.
    public var label: String?
    public var io: InputOutput
    public var errorHandling: ErrorHandling
    public var transition: Transition?

    public init(
        common: StateCommon,
        itemProcessor: ScopeID,
        usesLegacyIterator: Bool = false,
        processorMode: ProcessorMode = .inline,
        executionType: ExecutionType? = nil,
        items: Items? = nil,
        itemSelector: DynamicTemplate? = nil,
        usesLegacyParameters: Bool = false,
        itemReader: Component? = nil,
        itemBatcher: Component? = nil,
        resultWriter: Component? = nil,
        maxConcurrency: DynamicInteger? = nil,
        toleratedFailurePercentage: DynamicNumber? = nil,
        toleratedFailureCount: DynamicInteger? = nil,
        label: String? = nil,
        io: InputOutput = InputOutput(),
        errorHandling: ErrorHandling = ErrorHandling(),
        transition: Transition?
    ) {
        self.common = common
        self.itemProcessor = itemProcessor
        self.usesLegacyIterator = usesLegacyIterator
        self.processorMode = processorMode
        self.executionType = executionType
        self.items = items
        self.itemSelector = itemSelector
        self.usesLegacyParameters = usesLegacyParameters
        self.itemReader = itemReader
        self.itemBatcher = itemBatcher
        self.resultWriter = resultWriter
        self.maxConcurrency = maxConcurrency
        self.toleratedFailurePercentage = toleratedFailurePercentage
        self.toleratedFailureCount = toleratedFailureCount
        self.label = label
        self.io = io
        self.errorHandling = errorHandling
        self.transition = transition
    }
}
