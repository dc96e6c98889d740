import Foundation
import Parquet

/// The `LocalReport` of a Spark run, read from disk after the script succeeded: what lies under
/// the job's configured `input` (files) and `output` (Parquet files, their rows from each
/// file's footer, the `key=value` partition folders). A script decides by itself what it reads
/// and writes, so records read, malformed records and dropped rows are not known and stay 0
/// (SPEC-NOTES.md §19).
enum SparkOutputReport {
    static func read(input: URL, output: URL) -> ETLReport {
        var report = ETLReport()
        report.filesRead = files(under: input).count
        var partitions: [String: Int] = [:]
        var keys: [String]?
        for file in files(under: output) where file.hasSuffix(".parquet") {
            let path = output.appending(path: file).path(percentEncoded: false)
            guard let reader = try? ParquetReader(path: path) else { continue }
            let rows = Int(reader.metadata.numRows)
            report.rowsWritten += rows
            report.outputFiles.append(file)
            report.bytesWritten += Int64(reader.bytes.count)
            let folders = file.split(separator: "/").dropLast().filter { $0.contains("=") }
            if !folders.isEmpty {
                keys = keys ?? folders.map { String($0.prefix { $0 != "=" }) }
                let values = folders.map { String($0.drop { $0 != "=" }.dropFirst()) }
                partitions[values.joined(separator: "/"), default: 0] += rows
            }
        }
        report.outputFiles.sort()
        report.partitions = partitions
        report.partitionKeys = keys == ["event_date"] ? nil : keys
        return report
    }

    /// Regular files below `folder`, relative to it, skipping names starting with `_` or `.`
    /// (Spark's `_SUCCESS`, hidden staging), as readers of a table do; links are not followed.
    static func files(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path(percentEncoded: false)) else {
            return []
        }
        var result: [String] = []
        while let next = enumerator.nextObject() as? String {
            let name = (next as NSString).lastPathComponent
            if name.hasPrefix("_") || name.hasPrefix(".") {
                if enumerator.fileAttributes?[.type] as? FileAttributeType == .typeDirectory {
                    enumerator.skipDescendants()
                }
                continue
            }
            if enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular { result.append(next) }
        }
        return result.sorted()
    }
}
