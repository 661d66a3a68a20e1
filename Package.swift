// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "policykoll",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "policykoll", targets: ["policykoll"]),
        .library(name: "PolicykollCore", targets: ["PolicykollCore"]),
        // libFuzzer targets (scripts/fuzz.sh); without the fuzzer flags they replay files given as arguments.
        .executable(name: "FuzzYAML", targets: ["FuzzYAML"]),
        .executable(name: "FuzzRulePack", targets: ["FuzzRulePack"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // The system libyaml (Debian: libyaml-dev). Only PolicykollYAML imports it.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // libyaml events to a node tree with 1-based line:column marks.
        .target(
            name: "PolicykollYAML",
            dependencies: ["CYAML"],
            swiftSettings: strictSettings
        ),
        // Model, loading and validation, rule compilation, evaluation. Never prints, never exits.
        .target(
            name: "PolicykollCore",
            dependencies: [
                "PolicykollYAML",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // One type per output format; the core does not depend on them.
        .target(
            name: "PolicykollReporters",
            dependencies: ["PolicykollCore", "PolicykollYAML"],
            swiftSettings: strictSettings
        ),
        // The default rule pack (top-level policies/), embedded as generated Swift source.
        .target(
            name: "EmbeddedPolicies",
            swiftSettings: strictSettings,
            plugins: ["EmbedPoliciesPlugin"]
        ),
        .executableTarget(
            name: "policykoll-embed",
            path: "Sources/PolicyEmbedder",
            swiftSettings: strictSettings
        ),
        .plugin(
            name: "EmbedPoliciesPlugin",
            capability: .buildTool(),
            dependencies: ["policykoll-embed"]
        ),
        // The audit history: recorded audits in SQLite (through GRDB), so the core does not
        // depend on a database.
        .target(
            name: "PolicykollHistory",
            dependencies: [
                "PolicykollCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "policykoll",
            dependencies: [
                "PolicykollCore",
                "PolicykollYAML",
                "PolicykollReporters",
                "PolicykollHistory",
                "EmbeddedPolicies",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // A deterministic generator of synthetic inventories, for benchmarks and tests.
        .target(
            name: "InventoryGenerator",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "policykoll-generate",
            dependencies: [
                "InventoryGenerator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // The benchmark's stage breakdown (scripts/benchmark.py --stages): single-thread cost of
        // reading, parsing, loading and evaluating, beside the floor.
        .executableTarget(
            name: "policykoll-stages",
            dependencies: ["PolicykollCore", "PolicykollYAML", "EmbeddedPolicies"],
            path: "Benchmarks/Stages",
            swiftSettings: strictSettings
        ),
        // Fuzzing (docs/fuzzing.md): one target for YAML + declarations, one for rule packs.
        .target(
            name: "FuzzSupport",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "FuzzYAML",
            dependencies: ["PolicykollCore", "PolicykollYAML", "PolicykollReporters", "FuzzSupport"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "FuzzRulePack",
            dependencies: ["PolicykollCore", "PolicykollYAML", "PolicykollReporters", "FuzzSupport"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "PolicykollTestSupport",
            dependencies: ["PolicykollCore"],
            path: "Tests/PolicykollTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PolicykollYAMLTests",
            dependencies: ["PolicykollYAML", "PolicykollTestSupport", "InventoryGenerator"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PolicykollCoreTests",
            dependencies: ["PolicykollCore", "PolicykollTestSupport", "InventoryGenerator"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PolicykollReportersTests",
            dependencies: ["PolicykollReporters", "PolicykollTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PolicykollHistoryTests",
            dependencies: [
                "PolicykollHistory", "PolicykollCore", "PolicykollTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PolicykollCLITests",
            dependencies: [
                "policykoll", "PolicykollCore", "PolicykollYAML", "PolicykollTestSupport", "InventoryGenerator", "FuzzYAML",
                "FuzzRulePack",
            ],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
