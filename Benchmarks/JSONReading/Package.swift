// swift-tools-version: 6.2
import PackageDescription

// Run: swift run -c release --scratch-path .build
let package = Package(
    name: "JSONReadingBenchmark",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "../..")],
    targets: [
        .executableTarget(
            name: "JSONReadingBenchmark",
            dependencies: [.product(name: "JSONCore", package: "main")],
            swiftSettings: [.treatAllWarnings(as: .error)]
        )
    ],
    swiftLanguageModes: [.v6]
)
