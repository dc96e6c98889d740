import Foundation
import Testing

/// The layering of `../shared/ARCHITECTURE.md`, checked from `import` lines alone: every file
/// of `Sources/<Target>/` imports only the targets its target may, and `Clickstream` holds only
/// what is specific to the pipeline.
@Suite struct LayeringTests {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// What each target may import of ours (ARCHITECTURE.md, "floor" diagram and table).
    static let allowed: [String: Set<String>] = {
        let language: Set = ["JSONCore", "JSONata", "StatesLanguage"]
        let runtime = language.union(["StatesRuntime"])
        let services = runtime.union(["Parquet", "LocalAWS"])
        return [
            "JSONCore": [],
            "JSONata": ["JSONCore"],
            "StatesLanguage": ["JSONCore", "JSONata"],
            // Knows no concrete service: not LocalAWS, Clickstream, Parquet or ASLServer.
            "StatesRuntime": language,
            "Parquet": [],
            // The local services: never the pipeline above them.
            "LocalAWS": runtime.union(["Parquet"]),
            "Clickstream": services,
            "ASLServer": services,
            "ASLCommands": services.union(["Clickstream", "ASLServer"]),
            "asl": ["ASLCommands"],
            "ASLFuzzing": ["JSONCore", "StatesLanguage"],
            "asl-fuzz": ["ASLFuzzing"],
            "StatesTestSupport": ["JSONCore", "StatesLanguage"],
            // The embedding example shows the library without the services.
            "EmbeddingExample": runtime,
        ]
    }()

    /// Targets of `Package.swift` whose sources are not `Sources/<Target>` (its `path:` values).
    static let elsewhere: [String: String] = ["Examples/embedding": "EmbeddingExample"]

    /// The toolchain's modules any target may import (Testing only the test support).
    static let system: Set = [
        "Foundation", "FoundationEssentials", "Dispatch", "Synchronization", "Glibc", "Musl", "Darwin",
    ]

    /// `import X`, `public import X`, `@testable import X`, `@_exported import X`,
    /// `import struct X.Y` → `X`; words may be separated by tabs, and several statements may share
    /// a line (`import A; import B`), so neither hides an import.
    static func imports(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isNewline || $0 == ";" }).compactMap { line -> String? in
            var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            while let first = words.first,
                first.hasPrefix("@") || ["public", "package", "internal", "private", "fileprivate"].contains(first)
            {
                words.removeFirst()
            }
            guard words.first == "import", words.count >= 2 else { return nil }
            let kinds: Set = ["struct", "class", "enum", "protocol", "func", "var", "let", "typealias"]
            let name = kinds.contains(words[1]) && words.count >= 3 ? words[2] : words[1]
            return String(name.prefix { $0 != "." })
        }
    }

    static func swiftFiles(under folder: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "swift" }
    }

    @Test func importsFollowTheLayers() throws {
        let sources = Self.root.appending(path: "Sources")
        let targets = try FileManager.default.contentsOfDirectory(atPath: sources.path(percentEncoded: false))
            .filter { !$0.hasPrefix(".") }.sorted()
        #expect(targets.contains("LocalAWS") && targets.contains("StatesRuntime"))
        let folders =
            targets.map { (folder: "Sources/\($0)", target: $0) }
            + Self.elsewhere.sorted { $0.key < $1.key }.map { (folder: $0.key, target: $0.value) }
        for (folder, target) in folders {
            guard let allowed = Self.allowed[target] else {
                Issue.record("\(folder) is not in ARCHITECTURE.md's table: add it here and there")
                continue
            }
            let permitted = allowed.union(Self.system).union(target == "StatesTestSupport" ? ["Testing"] : [])
            for file in Self.swiftFiles(under: Self.root.appending(path: folder)) {
                let text = try String(contentsOf: file, encoding: .utf8)
                for module in Self.imports(text) where !permitted.contains(module) {
                    let relative = file.path(percentEncoded: false).replacingOccurrences(
                        of: Self.root.path(percentEncoded: false), with: "")
                    Issue.record("\(relative) imports \(module), which \(target) may not import")
                }
            }
        }
    }

    /// A target whose sources sit outside `Sources/` (a `path:` in `Package.swift`) is checked
    /// too: it must be in `elsewhere`, or its imports would go unread.
    @Test func everyTargetOutsideSourcesIsChecked() throws {
        let manifest = try String(contentsOf: Self.root.appending(path: "Package.swift"), encoding: .utf8)
        let paths = manifest.split(separator: "path: \"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(!paths.isEmpty)
        for path in paths {
            #expect(Self.elsewhere[path] != nil, "Package.swift's target at \(path) is not in LayeringTests.elsewhere")
        }
    }

    /// `Clickstream` keeps only the simulator (`Simulator/`), the ETL transform (`Glue/`) and the
    /// file that registers them; the general services live in LocalAWS.
    @Test func clickstreamHoldsOnlyThePipeline() {
        let folder = Self.root.appending(path: "Sources/Clickstream")
        let base = folder.path(percentEncoded: false)
        for file in Self.swiftFiles(under: folder) {
            let relative = String(file.path(percentEncoded: false).dropFirst(base.count)).trimmingCharacters(
                in: CharacterSet(charactersIn: "/"))
            #expect(
                relative.hasPrefix("Simulator/") || relative.hasPrefix("Glue/")
                    || relative == "ClickstreamPlugins.swift",
                "Sources/Clickstream/\(relative) is not specific to the pipeline")
        }
        for general in ["GlueJobRunner", "InputFiles", "OutputSwap", "ObjectStore", "LocalStream", "SNSPublishHandler"]
        {
            #expect(
                !Self.swiftFiles(under: folder).contains { $0.lastPathComponent == "\(general).swift" },
                "\(general) belongs to LocalAWS")
        }
    }

    @Test func theImportReaderReadsEveryForm() {
        let text = """
            import Foundation
            public import JSONCore
            @testable import LocalAWS
            import struct Parquet.ParquetWriter
              internal import Dispatch
            // import Clickstream
            let important = "import X"
            @_exported import StatesRuntime
            \timport\tSynchronization
            import Glibc; import Clickstream
            #if canImport(ASLCommands)
                import ASLCommands
            #endif
            """
        #expect(
            Self.imports(text) == [
                "Foundation", "JSONCore", "LocalAWS", "Parquet", "Dispatch", "StatesRuntime", "Synchronization",
                "Glibc", "Clickstream", "ASLCommands",
            ])
    }
}
