import JSONCore
import StatesLanguage

extension ExecutionRunner {
    /// AWS's cap on a batch's input ("ItemBatcher (Map)": 256 KiB).
    static let maximumBatchBytes = 262_144

    /// Groups `items` into child inputs `{"BatchInput": …, "Items": […]}` (`BatchInput` only
    /// when the batcher has one), each with at most `MaxItemsPerBatch` items and at most
    /// `MaxInputBytesPerBatch` bytes (never more than 256 KiB), in item order.
    ///
    /// A batch's size is the UTF-8 length of the child input written compactly, `BatchInput`,
    /// the `Items` array and the punctuation included: the input the child execution receives,
    /// which is what AWS's payload limits measure (SPEC-NOTES.md §17.2).
    func batchItems(
        _ batcher: MapState.Component, items: [JSON], effective: JSON, scope: JSONataScope?, path: inout PathContext,
        site: EvaluationSite
    ) throws(StatesError) -> [JSON] {
        var builder = try batchBuilder(batcher, effective: effective, scope: scope, path: &path, site: site)
        var batches: [JSON] = []
        for item in items {
            if let batch = try builder.add(item) { batches.append(batch) }
        }
        if let batch = builder.finish() { batches.append(batch) }
        return batches
    }

    /// The batcher's limits and `BatchInput`, evaluated once for the whole Map run, ready to
    /// batch items as they come.
    func batchBuilder(
        _ batcher: MapState.Component, effective: JSON, scope: JSONataScope?, path: inout PathContext,
        site: EvaluationSite
    ) throws(StatesError) -> BatchBuilder {
        let config = batcher.config
        let maxItems = try batchLimit(
            config, key: "MaxItemsPerBatch", effective: effective, scope: scope, path: &path, site: site)
        let requestedBytes = try batchLimit(
            config, key: "MaxInputBytesPerBatch", effective: effective, scope: scope, path: &path, site: site)
        let maxBytes = min(requestedBytes ?? Self.maximumBatchBytes, Self.maximumBatchBytes)
        let batchInput = try evaluateBatchInput(config, effective: effective, scope: scope, path: &path, site: site)
        return BatchBuilder(maxItems: maxItems, maxBytes: maxBytes, batchInput: batchInput)
    }

    /// `MaxItemsPerBatch` / `MaxInputBytesPerBatch` (integer or `{% %}`) or their `…Path`:
    /// `nil` when absent. The value must be a positive integer; a path value that is not an
    /// integer fails as `MaxItemsPath`'s does (`States.Runtime`, "… refers to value … which is
    /// not a valid integer"), and one below 1 with `States.Runtime` naming the field.
    private func batchLimit(
        _ config: JSONObject, key: String, effective: JSON, scope: JSONataScope?, path: inout PathContext,
        site: EvaluationSite
    ) throws(StatesError) -> Int? {
        let count: Int64
        switch (config[key], config[key + "Path"]) {
        case (.number(let number)?, _):
            guard let integer = number.integralValue else { return nil }
            count = integer
        case (.string(let text)?, _):
            count = try jsonataCount(text, field: key, scope: scope, path: &path, site: site)
        case (_, .string(let text)?):
            let selector = try compiledPath(text, field: key + "Path", site: site)
            let value = try Self.select(selector, in: Roots(input: effective, path: path), site: site)
            guard let integer = MapLimitValues.integer(value) else {
                throw Causes.decorated(
                    EvaluationFailure.mapLimitNotInteger(field: key + "Path", path: selector, value: value), site: site)
            }
            count = Int64(integer)
        default:
            return nil
        }
        guard count >= 1 else {
            throw Causes.runtime("The field \(key) must be a positive integer, but was \(count)", site: site)
        }
        return Int(clamping: count)
    }

    /// `BatchInput`: a payload template (JSONPath, `.$` keys over the effective input) or a
    /// JSONata template, evaluated once for the whole Map run.
    private func evaluateBatchInput(
        _ config: JSONObject, effective: JSON, scope: JSONataScope?, path: inout PathContext, site: EvaluationSite
    ) throws(StatesError) -> JSON? {
        guard let written = config["BatchInput"] else { return nil }
        if let scope {
            let (template, problems) = JSONataTemplate.compile(written, at: JSONPointer())
            if let problem = problems.first {
                throw Causes.runtime("The field BatchInput is invalid: \(problem.message)", site: site)
            }
            return try evaluate(template, field: "BatchInput", scope: scope, path: &path, site: site)
        }
        let (template, problems) = PayloadTemplate.compile(written, at: JSONPointer())
        if let problem = problems.first {
            throw Causes.runtime("The field BatchInput is invalid: \(problem.message)", site: site)
        }
        return try TemplateEvaluator.evaluate(
            template, roots: Roots(input: effective, path: path), random: &path.random, site: site)
    }
}

/// Groups items into child inputs as they come (see ``ExecutionRunner/batchItems``): a batch is
/// handed out as soon as the next item would not fit in it, so at most one batch is held.
struct BatchBuilder: Sendable {
    let maxItems: Int?
    let maxBytes: Int
    let batchInput: JSON?
    /// `{"Items":[]}` plus `"BatchInput":<value>,` when there is one.
    private let base: Int
    private var current: [JSON] = []
    private var size: Int
    private var index = 0

    init(maxItems: Int?, maxBytes: Int, batchInput: JSON?) {
        self.maxItems = maxItems
        self.maxBytes = maxBytes
        self.batchInput = batchInput
        var base = 12
        if let batchInput { base += 14 + JSONWriter.compactBytes(batchInput).count }
        self.base = base
        size = base
    }

    /// Adds an item; returns the batch it closed, if any (the item then starts the next one).
    /// - Throws: `States.ItemReaderFailed` for an item too large for any batch.
    mutating func add(_ item: JSON) throws(StatesError) -> JSON? {
        let itemBytes = CompactEncoding.byteCount(item)
        guard base + itemBytes <= maxBytes else {
            throw StatesError(
                .itemReaderFailed,
                "Item \(index) is \(itemBytes) bytes, which does not fit in a batch of at most \(maxBytes) bytes "
                    + "(MaxInputBytesPerBatch)")
        }
        index += 1
        var closed: JSON?
        if let maxItems, current.count >= maxItems { closed = flush() }
        if closed == nil, !current.isEmpty, size + 1 + itemBytes > maxBytes { closed = flush() }
        size += (current.isEmpty ? 0 : 1) + itemBytes
        current.append(item)
        return closed
    }

    /// The last batch, if any item is waiting.
    mutating func finish() -> JSON? { current.isEmpty ? nil : flush() }

    private mutating func flush() -> JSON {
        var object = JSONObject()
        if let batchInput { object["BatchInput"] = batchInput }
        object["Items"] = .array(current)
        current = []
        size = base
        return .object(object)
    }
}
