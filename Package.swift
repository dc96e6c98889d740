// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error)
]

let package = Package(
    name: "StatesLanguage",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "JSONCore", targets: ["JSONCore"]),
        .library(name: "JSONata", targets: ["JSONata"]),
        .library(name: "StatesLanguage", targets: ["StatesLanguage"]),
        .library(name: "StatesRuntime", targets: ["StatesRuntime"]),
        .library(name: "Parquet", targets: ["Parquet"]),
        .library(name: "LocalAWS", targets: ["LocalAWS"]),
        .library(name: "Clickstream", targets: ["Clickstream"]),
        .library(name: "ASLServer", targets: ["ASLServer"]),
        .executable(name: "asl", targets: ["asl"]),
    ],
    targets: [
        .target(name: "JSONCore", swiftSettings: strict),
        .target(name: "JSONata", dependencies: ["JSONCore"], swiftSettings: strict),
        .target(name: "StatesLanguage", dependencies: ["JSONCore", "JSONata"], swiftSettings: strict),
        .target(name: "StatesRuntime", dependencies: ["JSONCore", "JSONata", "StatesLanguage"], swiftSettings: strict),
        .target(name: "Parquet", swiftSettings: strict),
        .target(
            name: "LocalAWS",
            dependencies: ["JSONCore", "StatesLanguage", "StatesRuntime", "Parquet"],
            // The Spark engine's Python, embedded in SparkPythonSources.swift by Python/embed.py.
            exclude: ["Glue/Spark/Python"],
            swiftSettings: strict
        ),
        .target(
            name: "Clickstream",
            dependencies: ["JSONCore", "StatesLanguage", "StatesRuntime", "Parquet", "LocalAWS"],
            swiftSettings: strict
        ),
        .target(
            name: "ASLServer",
            dependencies: ["JSONCore", "StatesLanguage", "StatesRuntime", "LocalAWS"],
            swiftSettings: strict
        ),
        .target(
            name: "ASLCommands",
            dependencies: [
                "JSONCore", "JSONata", "StatesLanguage", "StatesRuntime", "LocalAWS", "Clickstream", "ASLServer",
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "asl", dependencies: ["ASLCommands"], swiftSettings: strict),
        // The fuzzer: not a product; it drives the built `asl` binary in child processes.
        .target(name: "ASLFuzzing", dependencies: ["JSONCore"], swiftSettings: strict),
        .executableTarget(name: "asl-fuzz", dependencies: ["ASLFuzzing"], swiftSettings: strict),
        .executableTarget(
            name: "EmbeddingExample",
            dependencies: ["JSONCore", "StatesLanguage", "StatesRuntime"],
            path: "Examples/embedding",
            swiftSettings: strict
        ),
        .target(
            name: "StatesTestSupport",
            dependencies: ["JSONCore", "StatesLanguage"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "JSONataTests",
            dependencies: ["JSONata", "JSONCore", "StatesTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "JSONCoreTests",
            dependencies: ["JSONCore", "StatesTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "JSONataPicturesTests",
            dependencies: ["JSONata", "JSONCore"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "StatesLanguageTests",
            dependencies: ["JSONCore", "JSONata", "StatesLanguage", "StatesTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "StatesRuntimeTests",
            dependencies: ["JSONCore", "StatesLanguage", "StatesRuntime", "StatesTestSupport", "EmbeddingExample"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ParquetTests",
            dependencies: ["Parquet"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LocalAWSTests",
            dependencies: ["JSONCore", "StatesLanguage", "StatesRuntime", "Parquet", "LocalAWS", "StatesTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ClickstreamTests",
            dependencies: [
                "JSONCore", "StatesLanguage", "StatesRuntime", "Parquet", "LocalAWS", "Clickstream",
                "StatesTestSupport",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ASLFuzzingTests",
            dependencies: ["ASLFuzzing", "JSONCore", "StatesLanguage", "StatesTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ASLServerTests",
            dependencies: [
                "ASLServer", "JSONCore", "StatesLanguage", "StatesRuntime", "LocalAWS", "StatesTestSupport",
            ],
            // boto3 scripts run against a live `asl serve`, not by `swift test`.
            exclude: ["Clients"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ASLCommandsTests",
            dependencies: ["ASLCommands", "JSONCore", "StatesLanguage", "StatesTestSupport"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
