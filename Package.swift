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
        .library(name: "StatesLanguage", targets: ["StatesLanguage"]),
        .executable(name: "asl", targets: ["asl"]),
    ],
    targets: [
        .target(name: "JSONCore", swiftSettings: strict),
        .target(name: "StatesLanguage", dependencies: ["JSONCore"], swiftSettings: strict),
        .target(name: "ASLCommands", dependencies: ["JSONCore", "StatesLanguage"], swiftSettings: strict),
        .executableTarget(name: "asl", dependencies: ["ASLCommands"], swiftSettings: strict),
        .target(
            name: "StatesTestSupport",
            dependencies: ["JSONCore", "StatesLanguage"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "JSONCoreTests",
            dependencies: ["JSONCore", "StatesTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "StatesLanguageTests",
            dependencies: ["JSONCore", "StatesLanguage", "StatesTestSupport"],
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
