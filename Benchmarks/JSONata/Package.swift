// swift-tools-version: 6.2
import Foundation
import PackageDescription

// Run: ./compare.sh (times this engine, jsonata-python and, when reachable, jsonata-rs side by side)
// or alone: swift run -c release --scratch-path .build JSONataBenchmark [--cases cases.json] [--seconds S]
//
// The root package's identity is its folder's name ("main" in the main checkout, something else
// in a worktree), so it is computed here rather than written down.
let rootIdentity = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../..").standardizedFileURL.lastPathComponent.lowercased()

let package = Package(
    name: "JSONataBenchmark",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "../..")],
    targets: [
        .executableTarget(
            name: "JSONataBenchmark",
            dependencies: [
                .product(name: "JSONCore", package: rootIdentity),
                .product(name: "JSONata", package: rootIdentity),
            ],
            swiftSettings: [.treatAllWarnings(as: .error)]
        )
    ],
    swiftLanguageModes: [.v6]
)
