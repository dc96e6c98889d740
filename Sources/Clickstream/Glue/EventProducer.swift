import Foundation
import LocalAWS
import Parquet

/// What the parsing side sends to the writing side.
enum ProducerMessage: Sendable {
    /// Rows of one partition, in input order.
    case batch(EventColumns)
    /// Everything was read.
    case finished(ProducerCounts)
    /// An input file could not be read.
    case failed(ETLError)
}

struct ProducerCounts: Sendable, Hashable {
    var filesRead = 0
    var recordsRead = 0
    var malformedRecords = 0
    var droppedRows = 0
    /// Rows per partition.
    var rowsPerPartition: [PartitionKey: Int] = [:]
}

/// The parsing side of the job: reads the files in order, splits them into lines, scans each
/// line, and sends each partition's rows in batches of `batchRows`.
struct EventProducer {
    let files: [InputFile]
    let root: InputRoot
    let queue: BatchQueue<ProducerMessage>
    let batchRows: Int
    let layout: PartitionLayout

    private var scanner = EventScanner()
    private var partitions: [EventColumns] = []
    private var partitionIndex: [PartitionKey: Int] = [:]
    /// Rows per partition, parallel to `partitions`.
    private var partitionRows: [Int] = []
    private var lastKey = PartitionKey(day: Int.min, values: [])
    private var lastIndex = 0
    private var counts = ProducerCounts()
    private var buffer: [UInt8] = []

    init(
        files: [InputFile], root: InputRoot, queue: BatchQueue<ProducerMessage>, batchRows: Int,
        layout: PartitionLayout = .default
    ) {
        self.files = files
        self.root = root
        self.queue = queue
        self.batchRows = batchRows
        self.layout = layout
    }

    mutating func run() {
        for file in files {
            if queue.isCancelled { break }
            let length: Int
            do {
                length = try root.read(file, into: &buffer)
            } catch {
                queue.finish(.failed(error))
                return
            }
            counts.filesRead += 1
            var contents: [UInt8] = []
            swap(&contents, &buffer)
            contents.withUnsafeBufferPointer { all in
                scanLines(UnsafeBufferPointer(rebasing: all[0..<length]))
            }
            swap(&contents, &buffer)
        }
        for index in partitions.indices.sorted(by: { layout.precedes(partitions[$0].key, partitions[$1].key) })
        where partitions[index].count > 0 {
            queue.push(.batch(partitions[index]))
        }
        for (columns, rows) in zip(partitions, partitionRows) { counts.rowsPerPartition[columns.key] = rows }
        queue.finish(.finished(counts))
    }

    /// Each line of a file; `\n` or `\r\n` ends a line; blank lines are skipped.
    private mutating func scanLines(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        var start = 0
        while start < bytes.count {
            var end = start
            if let found = memchr(base + start, 0x0A, bytes.count - start) {
                end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            } else {
                end = bytes.count
            }
            let next = end + 1
            if end > start && base[end - 1] == 0x0D { end -= 1 }
            var first = start
            while first < end, base[first] == 0x20 || base[first] == 0x09 || base[first] == 0x0D { first += 1 }
            if first < end {
                scanRecord(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            }
            start = next
        }
    }

    private mutating func scanRecord(_ line: UnsafeBufferPointer<UInt8>) {
        counts.recordsRead += 1
        var outcome = scanner.scan(line)
        if outcome == .fallback { outcome = scanner.scanGeneral(line) }
        switch outcome {
        case .row(let micros):
            append(line, micros: micros)
        case .dropped:
            counts.droppedRows += 1
        case .malformed, .fallback:
            counts.malformedRecords += 1
        }
    }

    private mutating func append(_ line: UnsafeBufferPointer<UInt8>, micros: Int64) {
        let key = partitionKey(line, micros: micros)
        if key != lastKey {
            if let index = partitionIndex[key] {
                lastIndex = index
            } else {
                lastIndex = partitions.count
                partitionIndex[key] = lastIndex
                partitions.append(EventColumns(key: key, reserving: batchRows))
                partitionRows.append(0)
            }
            lastKey = key
        }
        partitionRows[lastIndex] += 1
        scanner.scratch.withUnsafeBytes { scratch in
            let raw = UnsafeRawBufferPointer(line)
            for (index, slot) in scanner.fields.enumerated() {
                switch slot.source {
                case .null: partitions[lastIndex].strings[index].appendNull()
                case .line:
                    partitions[lastIndex].strings[index].append(
                        UnsafeRawBufferPointer(rebasing: raw[slot.start..<slot.end]))
                case .scratch:
                    partitions[lastIndex].strings[index].append(
                        UnsafeRawBufferPointer(rebasing: scratch[slot.start..<slot.end]))
                }
            }
        }
        partitions[lastIndex].eventTimes.append(micros)
        if partitions[lastIndex].count >= batchRows {
            let full = partitions[lastIndex]
            partitions[lastIndex] = EventColumns(key: key, reserving: batchRows)
            queue.push(.batch(full))
        }
    }

    /// The partition of the row just scanned: its day when `event_date` is a partition column,
    /// and the bytes of its string partition columns.
    private func partitionKey(_ line: UnsafeBufferPointer<UInt8>, micros: Int64) -> PartitionKey {
        let day = layout.byDate ? EventTime.day(ofMicros: micros) : 0
        let fields = layout.keyFields
        guard !fields.isEmpty else { return PartitionKey(day: day, values: []) }
        return scanner.scratch.withUnsafeBytes { scratch in
            let raw = UnsafeRawBufferPointer(line)
            let values = fields.map { field -> [UInt8]? in
                let slot = scanner.fields[field.rawValue]
                switch slot.source {
                case .null: return nil
                case .line: return Array(raw[slot.start..<slot.end])
                case .scratch: return Array(scratch[slot.start..<slot.end])
                }
            }
            return PartitionKey(day: day, values: values)
        }
    }
}
