// swift-tools-version: 6.2
import Foundation
import PackageDescription

// Run: swift run -c release --scratch-path .build ETLBenchmark [--events N] [--objects N] [--mode lines|objects|both]
//
// The root package's identity is its folder's name ("main" in the main checkout, something else
// in a worktree), so it is computed here rather than written down.
let rootIdentity = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../..").standardizedFileURL.lastPathComponent.lowercased()

let package = Package(
    name: "ETLBenchmark",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "../..")],
    targets: [
        .executableTarget(
            name: "ETLBenchmark",
            dependencies: [
                .product(name: "Clickstream", package: rootIdentity),
                .product(name: "LocalAWS", package: rootIdentity),
                .product(name: "Parquet", package: rootIdentity),
            ],
            swiftSettings: [.treatAllWarnings(as: .error)]
        )
    ],
    swiftLanguageModes: [.v6]
)
