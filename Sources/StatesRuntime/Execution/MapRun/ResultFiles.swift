import Foundation
import JSONCore
import StatesLanguage

/// A `ResultWriter`'s `WriterConfig` (AWS developer guide, "ResultWriter (Map)"; SPEC-NOTES.md
/// §17.3).
struct WriterConfig: Sendable, Hashable {
    enum Transformation: String, Sendable {
        /// Each child's output with its execution's metadata.
        case none = "NONE"
        /// Each child's output alone.
        case compact = "COMPACT"
        /// Each child's output alone, an array's elements spliced in.
        case flatten = "FLATTEN"
    }

    enum OutputType: String, Sendable {
        case json = "JSON"
        case jsonl = "JSONL"
    }

    var transformation: Transformation
    var outputType: OutputType

    /// The configuration of a Map state's `ResultWriter`: `NONE` by default when it exports to
    /// S3, `COMPACT` when it has only a `WriterConfig` (or there is no `ResultWriter`); `JSON`.
    init(_ writer: MapState.Component?) {
        let exports = writer?.resource != nil
        transformation = exports ? .none : .compact
        outputType = .json
        guard let config = writer?.config else { return }
        if case .string(let text) = config["Transformation"], let value = Transformation(rawValue: text) {
            transformation = value
        }
        if case .string(let text) = config["OutputType"], let value = OutputType(rawValue: text) {
            outputType = value
        }
    }

    /// The entries one child contributes: its metadata entry (`NONE`, and any child that did not
    /// succeed whatever the transformation: "If a child workflow execution fails, Step Functions
    /// returns its execution result unchanged"), its output, or its output's elements.
    func entries(for record: ChildExecutionRecord) -> [JSON] {
        guard record.status == .succeeded, transformation != .none, let output = record.output else {
            return [Self.metadataEntry(record)]
        }
        if transformation == .flatten, case .array(let elements) = output { return elements }
        return [output]
    }

    /// A child as AWS writes it in `SUCCEEDED_n.json`/`FAILED_n.json`: members in alphabetical
    /// order, `Input`/`Output` as JSON text.
    static func metadataEntry(_ record: ChildExecutionRecord) -> JSON {
        var object = JSONObject()
        if let cause = record.cause { object["Cause"] = .string(cause) }
        if let error = record.error { object["Error"] = .string(error) }
        object["ExecutionArn"] = .string(record.executionArn)
        object["Input"] = .string(JSONWriter.compact(record.input))
        object["InputDetails"] = ["Included": true]
        object["Name"] = .string(record.name)
        if let output = record.output {
            object["Output"] = .string(JSONWriter.compact(output))
            object["OutputDetails"] = ["Included": true]
        }
        object["RedriveCount"] = 0
        if record.status == .succeeded {
            object["RedriveStatus"] = "NOT_REDRIVABLE"
            object["RedriveStatusReason"] = "Execution is SUCCEEDED and cannot be redriven"
        } else {
            object["RedriveStatus"] = "REDRIVABLE_BY_MAP_RUN"
        }
        object["StartDate"] = .string(Timestamp.format(record.startDate))
        object["StateMachineArn"] = .string(record.stateMachineArn)
        object["Status"] = .string(record.status.rawValue)
        object["StopDate"] = .string(Timestamp.format(record.stopDate))
        return .object(object)
    }

    /// An item no child execution was started for (the run failed first), in `PENDING_n.json`.
    static func pendingEntry(input: JSON) -> JSON {
        ["Input": .string(JSONWriter.compact(input)), "InputDetails": ["Included": true], "Status": "PENDING"]
    }
}

/// The files of one status (`SUCCEEDED`, `FAILED`, `PENDING`), streamed: entries are appended in
/// item order to the open object and a new file is started when the next entry would take the
/// current one past ``maximumFileBytes`` (AWS splits result files at 5 GB; SPEC-NOTES.md §17.3).
/// Files are committed by the map run once it is over, so none is visible before the run ends.
struct ResultFileStream {
    static let awsMaximumFileBytes = 5 * 1_073_741_824

    /// A file written (and closed), not yet committed.
    struct File {
        var key: String
        var object: any ResultObjectWriter
        var size: Int
    }

    let status: String
    let outputType: WriterConfig.OutputType
    let maximumFileBytes: Int
    /// `<prefix>/<map-run-id>`.
    let base: String
    private(set) var files: [File] = []
    private var current: File?
    private var entriesInCurrent = 0

    init(status: String, outputType: WriterConfig.OutputType, maximumFileBytes: Int, base: String) {
        self.status = status
        self.outputType = outputType
        self.maximumFileBytes = maximumFileBytes
        self.base = base
    }

    /// Appends one entry (its compact JSON bytes), opening a file through `open` when needed.
    mutating func append(_ bytes: [UInt8], open: (String) throws -> any ResultObjectWriter) throws {
        let closing = outputType == .json ? 1 : 0
        // "[" or "," before an entry of a JSON file; "\n" after one of a JSONL file.
        let extra = 1
        if entriesInCurrent > 0, let file = current, file.size + extra + bytes.count + closing > maximumFileBytes {
            try finishCurrent()
        }
        if current == nil {
            let key = "\(base)/\(status)_\(files.count).json"
            current = File(key: key, object: try open(key), size: 0)
        }
        guard var file = current else { return }
        // The entry and its separator go as they are (an entry can be large: no copy joins them).
        switch outputType {
        case .json:
            try file.object.append([entriesInCurrent == 0 ? UInt8(ascii: "[") : UInt8(ascii: ",")])
            try file.object.append(bytes)
        case .jsonl:
            try file.object.append(bytes)
            try file.object.append([UInt8(ascii: "\n")])
        }
        file.size += bytes.count + 1
        current = file
        entriesInCurrent += 1
    }

    /// Closes the current file; ``files`` then holds every file of the status.
    mutating func finish() throws {
        if current != nil { try finishCurrent() }
    }

    /// Drops every file (nothing becomes visible).
    mutating func discard() {
        for file in files { file.object.discard() }
        current?.object.discard()
        files = []
        current = nil
    }

    private mutating func finishCurrent() throws {
        guard var file = current else { return }
        if outputType == .json {
            try file.object.append([UInt8(ascii: "]")])
            file.size += 1
        }
        files.append(file)
        current = nil
        entriesInCurrent = 0
    }
}
