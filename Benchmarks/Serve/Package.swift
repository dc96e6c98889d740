// swift-tools-version: 6.2
import Foundation
import PackageDescription

// Run: swift run -c release --scratch-path .build ServeBenchmark [--fake] [--clients 32] [--executions 1000]
// The root package's identity is its folder's name, whatever the clone was called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
let rootIdentity = root.lastPathComponent.lowercased()

let package = Package(
    name: "ServeBenchmark",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "../..")],
    targets: [
        .executableTarget(
            name: "ServeBenchmark",
            dependencies: [
                .product(name: "JSONCore", package: rootIdentity),
                .product(name: "ASLServer", package: rootIdentity),
            ],
            swiftSettings: [.treatAllWarnings(as: .error)]
        )
    ],
    swiftLanguageModes: [.v6]
)
