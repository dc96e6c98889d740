import JSONCore
import StatesLanguage

// Distributed Map items: `ItemReader` (through the registered ``ItemReading``) and `ItemBatcher`.
// Kept apart from `MapState+Execute.swift`, which calls ``ExecutionRunner/distributedItems``
// once, after `MapStateStarted` (SPEC-NOTES.md §17.1, §17.2).

extension ExecutionRunner {
    /// The items a Map runs over once its reader and batcher have had their say, and the Map as
    /// its iterations see it: with a batcher, `ItemSelector` is applied to each item before
    /// batching (ASL specification: the batcher batches the *selected* items), so the
    /// iterations run on the batches as they are.
    ///
    /// - Parameters:
    ///   - items: The items from `ItemsPath`/`Items` (ignored when there is a reader: AWS reads
    ///     from the reader only, observed in LocalStack's recording
    ///     `test_map_item_reader_base_json_with_items_path`).
    ///   - effective: The state input after `InputPath` (JSONata: the state input).
    ///   - reads: `false` under a mocked `asl test-state` run, where the mock stands in for the reader.
    func distributedItems(
        _ map: MapState, items: [JSON], effective: JSON, scope: JSONataScope?, reads: Bool,
        path: inout PathContext, site: EvaluationSite
    ) throws(StatesError) -> (MapState, [JSON]) {
        var items = items
        var map = map
        if let reader = map.itemReader, reads {
            items = try readItems(reader, effective: effective, scope: scope, path: &path, site: site)
        }
        if let batcher = map.itemBatcher {
            var selected: [JSON] = []
            selected.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                selected.append(
                    try iterationInput(map, item: item, index: index, effective: effective, path: &path, site: site))
            }
            items = try batchItems(
                batcher, items: selected, effective: effective, scope: scope, path: &path, site: site)
            map.itemSelector = nil
        }
        return (map, items)
    }

    /// A map run's items as a feed over the reader's stream (with `ItemSelector` and the batcher
    /// applied as items come), the Map as its children see it, and, when a
    /// `ToleratedFailurePercentage` needs it, how many child inputs there are: found by reading
    /// the data set once through (counting, holding nothing) before it is read for the run.
    func streamedItems(
        _ map: MapState, effective: JSON, scope: JSONataScope?, path: inout PathContext, site: EvaluationSite
    ) throws(StatesError) -> (MapState, MapChildFeed, Int?) {
        guard let reader = map.itemReader else { return (map, MapChildFeed(items: []), 0) }
        var map = map
        let (handler, request, limit) = try prepareItemReader(
            reader, effective: effective, scope: scope, path: &path, site: site)
        var builder: BatchBuilder?
        var selector: MapChildFeed.Selector?
        if let batcher = map.itemBatcher {
            // With a batcher, ItemSelector applies to each item before batching (see
            // `distributedItems`), then the children run on the batches as they are.
            builder = try batchBuilder(batcher, effective: effective, scope: scope, path: &path, site: site)
            if map.itemSelector != nil {
                let selecting = map
                selector = { (item, index, path) throws(StatesError) -> JSON in
                    try self.iterationInput(
                        selecting, item: item, index: index, effective: effective, path: &path, site: site)
                }
            }
            map.itemSelector = nil
        }
        // The reader is opened by the map run, after MapRunStarted: AWS records a reader's
        // failure (a missing object, duplicate CSV headers) as MapRunFailed (§17.1, §17.5).
        let open: MapChildFeed.Opener = { () throws(StatesError) -> any ItemStream in try handler.open(request) }
        var count: Int?
        if map.toleratedFailurePercentage != nil {
            // A data set that cannot be read fails the run itself, after MapRunStarted.
            let counting = MapChildFeed(open: open, limit: limit, batcher: builder, selector: selector, path: path)
            do throws(StatesError) {
                while try counting.next() != nil {}
                count = counting.total
            } catch {
                count = nil
            }
        }
        let feed = MapChildFeed(open: open, limit: limit, batcher: builder, selector: selector, path: path)
        return (map, feed, count)
    }

    /// Evaluates the reader's `Parameters`/`Arguments` and `ReaderConfig`, opens the registered
    /// reader and pulls at most `MaxItems` items.
    func readItems(
        _ reader: MapState.Component, effective: JSON, scope: JSONataScope?, path: inout PathContext,
        site: EvaluationSite
    ) throws(StatesError) -> [JSON] {
        let (stream, limit) = try openItemReader(reader, effective: effective, scope: scope, path: &path, site: site)
        var items: [JSON] = []
        while limit == 0 || items.count < limit, let item = try stream.next() {
            items.append(item)
        }
        return items
    }

    /// Evaluates the reader's fields and opens the registered reader: the stream and how many
    /// items to take from it (0: all). For code that consumes items as they come (map runs).
    func openItemReader(
        _ reader: MapState.Component, effective: JSON, scope: JSONataScope?, path: inout PathContext,
        site: EvaluationSite
    ) throws(StatesError) -> (stream: any ItemStream, limit: Int) {
        let (handler, request, limit) = try prepareItemReader(
            reader, effective: effective, scope: scope, path: &path, site: site)
        return (try handler.open(request), limit)
    }

    /// Evaluates the reader's fields: the registered reader, what to ask it and how many items
    /// to take (0: all), without opening anything yet.
    func prepareItemReader(
        _ reader: MapState.Component, effective: JSON, scope: JSONataScope?, path: inout PathContext,
        site: EvaluationSite
    ) throws(StatesError) -> (handler: any ItemReading, request: ItemReaderRequest, limit: Int) {
        let arguments: JSON
        switch reader.parameters {
        case nil:
            arguments = .object(JSONObject())
        case .jsonPath(let template):
            arguments = try TemplateEvaluator.evaluate(
                template, roots: Roots(input: effective, path: path), random: &path.random, site: site)
        case .jsonata(let template):
            guard let scope else { throw Causes.jsonataUnsupported(site: site) }
            arguments = try evaluate(template, field: "Arguments", scope: scope, path: &path, site: site)
        }
        var config = Self.readerConfig(reader.config)
        config.maxItems = try maxItems(reader.config, effective: effective, scope: scope, path: &path, site: site)
        guard let resource = reader.resource else {
            throw Causes.runtime("The ItemReader of a Map state needs a Resource", site: site)
        }
        guard let handler = handlers.itemReader else {
            throw Causes.runtime(
                "No local item reader serves the ItemReader '\(resource)' of Map state '\(site.stateName)': run "
                    + "with a run configuration (asl.config.json) so the data directory's local S3 serves it, "
                    + "or pass the items in the state input with ItemsPath", site: site)
        }
        let request = ItemReaderRequest(
            resource: resource, arguments: arguments, config: config, stateName: site.stateName)
        return (handler, request, config.maxItems ?? 0)
    }

    /// `ReaderConfig`'s enumerations and headers as written.
    static func readerConfig(_ object: JSONObject) -> ItemReaderConfig {
        ItemReaderConfig(
            inputType: object["InputType"]?.stringValue,
            csvHeaderLocation: object["CSVHeaderLocation"]?.stringValue,
            csvHeaders: object["CSVHeaders"]?.arrayValue?.compactMap(\.stringValue),
            csvDelimiter: object["CSVDelimiter"]?.stringValue,
            manifestType: object["ManifestType"]?.stringValue, itemsPointer: object["ItemsPointer"]?.stringValue)
    }

    /// AWS's ceiling on `MaxItems` ("ItemReader (Map)": up to 100,000,000); a larger value reads
    /// every item, as observed for 100,000,001 (LocalStack recording
    /// `test_map_item_reader_csv_max_items_paths[100000001]`).
    static let maximumMaxItems = 100_000_000

    /// `MaxItems` (integer or `{% %}`) or `MaxItemsPath`: `nil` when absent, 0 meaning no limit.
    /// A negative count fails the reader with AWS's cause "field MaxItems must be positive"; a
    /// path value that is no integer is `States.Runtime` (both observed, LocalStack recording
    /// `test_map_item_reader_csv_max_items_paths`).
    private func maxItems(
        _ config: JSONObject, effective: JSON, scope: JSONataScope?, path: inout PathContext, site: EvaluationSite
    ) throws(StatesError) -> Int? {
        let count: Int64
        switch (config["MaxItems"], config["MaxItemsPath"]) {
        case (.number(let number)?, _):
            guard let integer = number.integralValue else { return nil }
            count = integer
        case (.string(let text)?, _):
            count = try jsonataCount(text, field: "MaxItems", scope: scope, path: &path, site: site)
        case (_, .string(let text)?):
            let selector = try compiledPath(text, field: "MaxItemsPath", site: site)
            let value = try Self.select(selector, in: Roots(input: effective, path: path), site: site)
            guard let integer = MapLimitValues.integer(value) else {
                throw Causes.decorated(
                    EvaluationFailure.mapLimitNotInteger(field: "MaxItemsPath", path: selector, value: value),
                    site: site)
            }
            count = Int64(integer)
        default:
            return nil
        }
        guard count >= 0 else { throw StatesError(.itemReaderFailed, "field MaxItems must be positive") }
        return Int(min(count, Int64(Self.maximumMaxItems)))
    }

    /// A `{% %}` integer field of a reader or batcher config, which the definition keeps as text.
    func jsonataCount(
        _ text: String, field: String, scope: JSONataScope?, path: inout PathContext, site: EvaluationSite
    ) throws(StatesError) -> Int64 {
        guard let scope, JSONataExpression.isExpression(text) else {
            throw Causes.runtime("The field '\(field)' must be an integer, not \"\(text)\"", site: site)
        }
        let expression: JSONataExpression
        do {
            expression = try JSONataExpression.parse(text)
        } catch {
            throw Causes.runtime(
                "The field '\(field)' holds an invalid JSONata expression: \(error.message)", site: site)
        }
        let value = try evaluate(expression, field: field, scope: scope, path: &path, site: site)
        guard case .number(let number) = value, let integer = number.integralValue else {
            throw unexpectedType(expression, field: field, expected: "integer", value: value, path: &path, site: site)
        }
        return integer
    }

    /// A `…Path` field of a reader or batcher config, which the definition keeps as text (the
    /// validator has checked it; a bad one here is reported, not trusted).
    func compiledPath(_ text: String, field: String, site: EvaluationSite) throws(StatesError) -> Path {
        do {
            return try Path.parse(text)
        } catch {
            throw Causes.runtime("The \(field) field holds an invalid path '\(text)': \(error.message)", site: site)
        }
    }
}
