import Foundation
import JSONCore
import Testing

/// A Distributed Map with a ResultWriter killed with SIGKILL while it writes its result files
/// (issue 11: "a run killed mid-map leaves no partial manifest"): every manifest left in the
/// bucket names only files that exist with the sizes it gives, and running again ends as a clean
/// run with no temporary file left (SPEC-NOTES.md §17.5).
@Suite struct MapRunKillTests {
    static let definition = #"""
        {"StartAt": "Process", "States": {"Process": {"Type": "Map",
          "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                         "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                         "Parameters": {"Bucket": "orders", "Key": "orders.csv"}},
          "ItemBatcher": {"MaxItemsPerBatch": 10},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}},
          "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                           "Parameters": {"Bucket": "results", "Prefix": "out"}},
          "End": true}}}
        """#

    /// A folder with the definition, its run configuration and a data directory holding
    /// `rows` orders and the empty results bucket.
    static func work(rows: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "map-run-kill-\(UUID().uuidString)")
        let data = folder.appending(path: "data")
        try FileManager.default.createDirectory(
            at: data.appending(path: "s3/orders"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: data.appending(path: "s3/results"), withIntermediateDirectories: true)
        var csv = "id,amount\n"
        for row in 1...rows { csv += "\(row),\(row % 997)\n" }
        try Data(csv.utf8).write(to: data.appending(path: "s3/orders/orders.csv"))
        try Data(definition.utf8).write(to: folder.appending(path: "machine.asl.json"))
        try Data(#"{"dataDirectory": "data", "seed": 3}"#.utf8).write(to: folder.appending(path: "asl.config.json"))
        return folder
    }

    static let arguments = ["run", "machine.asl.json", "--config", "asl.config.json", "--format", "json"]

    /// Every file under `folder`, relative to it.
    static func files(under folder: URL) -> [String] {
        let base = folder.path(percentEncoded: false)
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        return walker.compactMap { $0 as? String }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }
    }

    /// Problems with the manifests under the results bucket: a named file missing or of another size.
    static func manifestProblems(_ results: URL) throws -> [String] {
        var problems: [String] = []
        for path in files(under: results) where path.hasSuffix("manifest.json") {
            let manifest = try JSONReader.read([UInt8](Data(contentsOf: results.appending(path: path)))).value
            guard case .object(let lists)? = manifest["ResultFiles"] else {
                problems.append("\(path): no ResultFiles")
                continue
            }
            for (_, list) in lists {
                for file in list.arrayValue ?? [] {
                    guard let key = file["Key"]?.stringValue else { continue }
                    let url = results.appending(path: key)
                    let size =
                        (try? FileManager.default.attributesOfItem(atPath: url.path(percentEncoded: false)))?[
                            .size] as? Int
                    if size == nil {
                        problems.append("\(path) names \(key), which does not exist")
                    } else if let expected = file["Size"]?.numberValue?.int64Value.map(Int.init), size != expected {
                        problems.append("\(path) gives \(key) \(expected) bytes; it has \(size ?? -1)")
                    }
                }
            }
        }
        return problems
    }

    @Test(.enabled(if: ASLChild.binary() != nil))
    func aMapRunKilledWhileWritingLeavesNoManifestNamingAMissingFile() throws {
        let folder = try Self.work(rows: 60_000)
        defer { try? FileManager.default.removeItem(at: folder) }
        let results = folder.appending(path: "data/s3/results")
        let child = try ASLChild.start(Self.arguments, in: folder)
        var killed = false
        // The kill point: a result file being written (a temporary object beside its key).
        while child.isRunning {
            if Self.files(under: results).contains(where: { $0.contains(".asl-tmp-") }) {
                child.kill()
                killed = true
                break
            }
            usleep(200)
        }
        if !killed { child.process.waitUntilExit() }
        #expect(killed, "the run ended before it wrote a result file; the test did not test a crash")
        #expect(try Self.manifestProblems(results) == [])
        #expect(!Self.files(under: results).contains { $0.hasSuffix("manifest.json") })

        // Running again: a whole run, its manifest complete, the dead run's temporary files swept.
        let (status, stderr) = try ASLChild.run(Self.arguments, in: folder)
        #expect(status == 0, "\(stderr)")
        #expect(try Self.manifestProblems(results) == [])
        #expect(Self.files(under: results).contains { $0.hasSuffix("manifest.json") })
        #expect(!Self.files(under: folder.appending(path: "data")).contains { $0.contains(".asl-tmp-") })
    }
}
