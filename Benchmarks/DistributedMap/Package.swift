// swift-tools-version: 6.2
import Foundation
import PackageDescription

// Run: swift run -c release --scratch-path .build
// The root package's identity is its folder's name, whatever the clone was called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
let rootIdentity = root.lastPathComponent.lowercased()

let package = Package(
    name: "DistributedMapBenchmark",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "../..")],
    targets: [
        .executableTarget(
            name: "DistributedMapBenchmark",
            dependencies: [
                .product(name: "JSONCore", package: rootIdentity),
                .product(name: "StatesLanguage", package: rootIdentity),
                .product(name: "StatesRuntime", package: rootIdentity),
                .product(name: "LocalAWS", package: rootIdentity),
            ],
            swiftSettings: [.treatAllWarnings(as: .error)]
        )
    ],
    swiftLanguageModes: [.v6]
)
