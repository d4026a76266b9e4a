// swift-tools-version: 6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// A C define, the only compile-time constant with a value; checked, since it is spliced into C.
let buildCommitSettings: [CSetting] = Context.environment["TIMELINED_COMMIT"].map { commit in
    guard commit.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
        fatalError("TIMELINED_COMMIT must be letters, digits and '-', not '\(commit)'")
    }
    return [.define("TIMELINED_COMMIT", to: "\"\(commit)\"")]
} ?? []

let package = Package(
    name: "timelined",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "timelined", targets: ["timelined"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: [.defaults, "YAML"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // Without its default Foundation trait: nothing here takes or gives `Data`.
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2", traits: []),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // libpq's C API, found through pkg-config.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // The project's own PostgreSQL client over libpq.
        .target(
            name: "Postgres",
            dependencies: [
                "CLibPQ",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // A private PostgreSQL cluster driven through initdb / pg_ctl.
        .target(
            name: "EmbeddedPostgres",
            dependencies: [
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The domain: dates, durations, kinds, records and their validation. No I/O.
        .target(
            name: "TimelineCore",
            swiftSettings: swiftSettings
        ),
        // Everything that knows table names: migrations, ingest, queries.
        .target(
            name: "TimelineStore",
            dependencies: [
                "Postgres",
                "TimelineCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings,
            plugins: ["EmbedMigrations"]
        ),
        // Importers of real sources (GDELT, Wikidata): rows in, event records and a summary out.
        // Pure: the CLI and the spool feed them bytes and store what they return.
        .target(
            name: "TimelineImport",
            dependencies: ["TimelineCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.embedInCode("Wikidata/wikidata-treaties.rq")],
            swiftSettings: swiftSettings
        ),
        // Expiry evaluation rounds and the channels notifications are delivered through.
        .target(
            name: "TimelineAlerts",
            dependencies: [
                "TimelineStore",
                "TimelineCore",
                "Postgres",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The pages for people (contract §13): view models, the SVG timeline, the TimelineJS export
        // and the Mustache templates they render through. Pure: values in, markup out.
        .target(
            name: "TimelinePages",
            dependencies: [
                "TimelineStore",
                "TimelineCore",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [
                .embedInCode("Templates/layout.mustache"),
                .embedInCode("Templates/board.mustache"),
                .embedInCode("Templates/timeline.mustache"),
                .embedInCode("Templates/agreement.mustache"),
                .embedInCode("Templates/search-form.mustache"),
                .embedInCode("Assets/timelined.css"),
            ],
            swiftSettings: swiftSettings
        ),
        // The HTTP API (Hummingbird).
        .target(
            name: "TimelineAPI",
            dependencies: [
                "TimelinePages",
                "TimelineStore",
                "TimelineCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.embedInCode("Resources/openapi.json")],
            swiftSettings: swiftSettings
        ),
        // The daemon's services and its configuration.
        .target(
            name: "TimelineDaemon",
            dependencies: [
                "TimelineImport",
                "TimelineAPI",
                "TimelineAlerts",
                "TimelineStore",
                "TimelineCore",
                "Postgres",
                "EmbeddedPostgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "timelined",
            dependencies: [
                "TimelineDaemon",
                "TimelineAlerts",
                "TimelineImport",
                "CBuildCommit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.embedInCode("Resources/VERSION")],
            swiftSettings: swiftSettings
        ),
        // The commit `timelined --version` names: TIMELINED_COMMIT in the environment of the build
        // (the Makefile's release build sets it from git); a plain `swift build` names none.
        .target(name: "CBuildCommit", cSettings: buildCommitSettings),

        // Build-time embedding of SQL/*.sql, so the installed binary carries its migrations.
        .executableTarget(name: "MigrationEmbedder", swiftSettings: swiftSettings),
        .plugin(
            name: "EmbedMigrations",
            capability: .buildTool(),
            dependencies: ["MigrationEmbedder"]
        ),

        // Throwaway PostgreSQL clusters for the test suites.
        .target(
            name: "TestSupport",
            dependencies: [
                "EmbeddedPostgres",
                "TimelineCore",
                "Postgres",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "AlertBenchmark",
            dependencies: [
                "TimelineAlerts",
                "TimelineStore",
                "TimelineCore",
                "Postgres",
                "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/AlertBenchmark",
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "GdeltBenchmark",
            dependencies: ["TimelineImport", "TestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/GdeltBenchmark",
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "PageBenchmark",
            dependencies: ["TimelinePages", "TimelineCore", "TestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/PageBenchmark",
            swiftSettings: swiftSettings
        ),

        // Foundation's JSONSerialization as a second opinion on what the JSON parser accepts.
        .target(name: "JSONOracle", dependencies: ["TimelineCore"], swiftSettings: swiftSettings),

        .testTarget(
            name: "TimelineCoreTests",
            dependencies: ["TimelineCore", "TestSupport", "JSONOracle"],
            resources: [.copy("Resources/json-conformance")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TimelineImportTests",
            dependencies: ["TimelineImport", "TimelineCore", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Resources/gdelt")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TimelinePagesTests",
            dependencies: ["TimelinePages", "TimelineStore", "TimelineCore", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "EmbeddedPostgresTests", dependencies: ["EmbeddedPostgres", "TestSupport", "TimelineCore"], swiftSettings: swiftSettings),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TimelineStoreTests",
            dependencies: ["TimelineStore", "TimelineAlerts", "TimelineCore", "Postgres", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TimelineAlertsTests",
            dependencies: ["TimelineAlerts", "TimelineStore", "TimelineCore", "Postgres", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TimelineAPITests",
            dependencies: [
                "TimelineAPI", "TimelineStore", "TimelineAlerts", "TimelineCore", "Postgres", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ImportTests",
            dependencies: [
                "TimelineImport", "TimelineStore", "TimelineAlerts", "TimelineCore", "Postgres", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TimelineDaemonTests",
            dependencies: [
                "TimelineDaemon", "TimelineAPI", "TimelineStore", "TimelineAlerts", "TimelineCore", "Postgres", "TestSupport",
                "EmbeddedPostgres", "TimelineImport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

// The libFuzzer target of the JSON parser (`make fuzz`). libFuzzer supplies `main` (hence no top-level
// code: -parse-as-library), so the target links only in a build with `--sanitize fuzzer`; it exists
// only when TIMELINED_FUZZ is set, which keeps it out of `swift build` and `swift test`.
if Context.environment["TIMELINED_FUZZ"] != nil {
    package.targets.append(
        .executableTarget(
            name: "JSONParserFuzzer",
            dependencies: ["TimelineCore", "JSONOracle"],
            path: "Fuzz/JSONParserFuzzer",
            swiftSettings: swiftSettings + [.unsafeFlags(["-parse-as-library"])]
        )
    )
    // Every executable of such a build gets libFuzzer's `main`, build tools too: the migration
    // embedder, which the fuzzer does not need, would not link.
    package.targets.removeAll { ["MigrationEmbedder", "EmbedMigrations"].contains($0.name) }
    package.targets.first { $0.name == "TimelineStore" }?.plugins = []
}
