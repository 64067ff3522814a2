// swift-tools-version: 6.0
import PackageDescription

/// aigov — a terminal governance console for the AI systems an organisation runs.
///
/// Modules depend one way, top to bottom (see README "Layout"):
///
///     CNcurses                              system library (ncursesw)
///     AIGovCore                             the record, Day; imports nothing
///     AIGovRules      ← Core                rules, engine, timeline, intervals, vendor exit
///     AIGovStore      ← Core, Rules         the registry (GRDB), audit chain, stored evaluations
///     AIGovFormats    ← Core, Rules         YAML/JSON reader and writer, reports, custom rules
///     AIGovApp        ← Core, Rules, Store, Formats      the workspace and its use cases
///     AIGovPack       ← App (and below)     the audit pack (a face)
///     AIGovConsole    ← App (and below)     the console's state, controllers and views (a face)
///     AIGovCurses     ← Console, CNcurses   the real terminal
///     aigov           ← every module        the CLI (a face) and the entry point
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "aigov",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "aigov", targets: ["aigov"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcurses",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // The record and the rules engine are compiled optimised in debug builds too: the test
        // suite evaluates tens of thousands of systems on many days (stored evaluations must
        // equal fresh ones), which unoptimised code makes ten times slower.
        .target(name: "AIGovCore", swiftSettings: optimisedInDebug),
        .target(name: "AIGovRules", dependencies: ["AIGovCore"], swiftSettings: optimisedInDebug),
        .target(name: "AIGovStore", dependencies: [
            "AIGovCore", "AIGovRules",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "AIGovFormats", dependencies: [
            "AIGovCore", "AIGovRules",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "AIGovApp", dependencies: [
            "AIGovCore", "AIGovRules", "AIGovStore", "AIGovFormats",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "AIGovPack", dependencies: [
            "AIGovCore", "AIGovRules", "AIGovStore", "AIGovFormats", "AIGovApp",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "AIGovConsole", dependencies: ["AIGovCore", "AIGovRules", "AIGovStore", "AIGovFormats", "AIGovApp"]),
        .target(name: "AIGovCurses", dependencies: ["AIGovConsole", "CNcurses"]),
        .executableTarget(name: "aigov", dependencies: [
            "AIGovCore", "AIGovRules", "AIGovStore", "AIGovFormats", "AIGovApp", "AIGovConsole", "AIGovCurses", "AIGovPack",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], linkerSettings: [
            .unsafeFlags(["-static-executable", "-Xlinker", "-ltinfo", "-Xlinker", "--strip-all"], .when(platforms: [.linux], configuration: .release)),
        ]),
        .testTarget(name: "AIGovCoreTests", dependencies: ["AIGovCore"]),
        .testTarget(name: "AIGovRulesTests", dependencies: ["AIGovRules"]),
        .testTarget(name: "AIGovStoreTests", dependencies: ["AIGovStore", "AIGovFormats"]),
        .testTarget(name: "AIGovFormatsTests", dependencies: ["AIGovFormats", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "AIGovAppTests", dependencies: ["AIGovApp", "AIGovStore", "AIGovFormats", "AIGovRules", "AIGovCore"]),
        .testTarget(name: "AIGovConsoleTests", dependencies: ["AIGovConsole", "AIGovApp", "AIGovStore", "AIGovFormats"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "AIGovPackTests", dependencies: ["AIGovPack", "AIGovStore", "AIGovFormats"]),
        .testTarget(name: "AIGovCLITests", dependencies: ["aigov", "AIGovStore"], exclude: ["Fixtures"]),
    ]
)
