// swift-tools-version:6.1
import PackageDescription

/// ReviewRoom: a daemon that hosts timed, remote peer-review sessions between schools.
///
/// Module layout (see `Sources/ReviewRoomServer/ReviewRoomServer.docc` for the why):
/// C shims (`CLibWebSockets`, `CSQLite`, `CLibCrypto`, `CZlib`) are imported by exactly one Swift
/// module each; `ReviewRoomCore` is pure (no I/O) and depends on nothing.
let package = Package(
    name: "ReviewRoom",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "reviewroomd", targets: ["reviewroomd"]),
        .executable(name: "reviewroom-bench", targets: ["reviewroom-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
    ],
    targets: [
        // MARK: C shims — every wrapper in their shim.h says why it exists.
        .systemLibrary(
            name: "CLibWebSockets",
            pkgConfig: "libwebsockets",
            providers: [.apt(["libwebsockets-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // MARK: Pure domain
        .target(name: "ReviewRoomCore"),
        .target(name: "ReviewRoomProtocol", dependencies: ["ReviewRoomCore"]),
        .target(name: "ReviewRoomContent", dependencies: ["ReviewRoomCore"]),

        // MARK: Edges
        // The one lock every edge module uses: a pthread mutex, which ThreadSanitizer sees.
        .target(name: "LockedValue"),
        .target(
            name: "WebSocketTransport",
            dependencies: ["CLibWebSockets", "LockedValue", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "ReviewRoomStore",
            dependencies: ["CSQLite", "CLibCrypto", "ReviewRoomCore", "LockedValue", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "ReviewRoomServer",
            dependencies: [
                "ReviewRoomCore", "ReviewRoomProtocol", "ReviewRoomContent", "ReviewRoomStore", "WebSocketTransport", "LockedValue", "CZlib",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Web")]
        ),
        // The `reviewroom.conf` reader (TOML, its own parser), a library so its fuzz target runs the daemon's own code.
        .target(name: "ReviewRoomConfigFile", dependencies: ["ReviewRoomServer"]),
        .executableTarget(
            name: "reviewroomd",
            dependencies: [
                "ReviewRoomServer", "ReviewRoomStore", "ReviewRoomCore", "ReviewRoomContent", "ReviewRoomConfigFile", "LockedValue",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // One entry per parser of untrusted bytes; `make fuzz` drives them with libFuzzer, and
        // ReviewRoomFuzzTargetsTests replays the committed corpus through them in `make test`.
        .target(
            name: "ReviewRoomFuzzTargets",
            dependencies: ["ReviewRoomCore", "ReviewRoomProtocol", "ReviewRoomContent", "ReviewRoomServer", "ReviewRoomConfigFile",
                           // The config-file target compares the daemon's reading of a file with toml++'s.
                           .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // Pure accounting of the load benchmark (latency samples, /proc parsing, result lines).
        .target(name: "ReviewRoomBenchKit"),
        .executableTarget(
            name: "reviewroom-bench",
            dependencies: [
                "ReviewRoomCore", "ReviewRoomProtocol", "ReviewRoomStore", "ReviewRoomBenchKit", "WebSocketTransport", "ReviewRoomTesting", "LockedValue",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Test support and tests
        .target(name: "ReviewRoomTesting", dependencies: ["WebSocketTransport", "ReviewRoomStore", "ReviewRoomCore", "LockedValue"]),
        .testTarget(name: "ReviewRoomCoreTests", dependencies: ["ReviewRoomCore", "ReviewRoomTesting"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ReviewRoomContentTests", dependencies: ["ReviewRoomContent", "ReviewRoomCore", "ReviewRoomTesting"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "ReviewRoomStoreTests",
            dependencies: ["ReviewRoomStore", "ReviewRoomCore", "ReviewRoomTesting", "LockedValue", "reviewroom-store-probe"]
        ),
        // A child process the store's crash test kills with SIGKILL mid-append.
        .executableTarget(name: "reviewroom-store-probe", dependencies: ["ReviewRoomStore", "ReviewRoomCore"], path: "Tests/StoreProbe"),
        .testTarget(
            name: "ReviewRoomBenchTests",
            dependencies: ["ReviewRoomBenchKit", "ReviewRoomTesting", "WebSocketTransport", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "WebSocketTransportTests", dependencies: ["WebSocketTransport", "ReviewRoomTesting", "LockedValue"]),
        .testTarget(name: "ReviewRoomProtocolTests", dependencies: ["ReviewRoomProtocol", "ReviewRoomCore"]),
        .testTarget(name: "ReviewRoomFuzzTargetsTests",
                    dependencies: ["ReviewRoomFuzzTargets", "ReviewRoomConfigFile", "ReviewRoomServer", "ReviewRoomTesting"]),
        .testTarget(
            name: "ReviewRoomLiveTests",
            dependencies: ["ReviewRoomServer", "ReviewRoomProtocol", "ReviewRoomCore", "ReviewRoomContent", "ReviewRoomStore", "ReviewRoomTesting",
                           "WebSocketTransport", "LockedValue", .product(name: "Logging", package: "swift-log"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]
        ),
        .testTarget(
            name: "ReviewRoomdTests",
            dependencies: ["ReviewRoomTesting", "ReviewRoomServer", "ReviewRoomStore", "ReviewRoomConfigFile", "LockedValue"]
        ),
        // The facilitator HTTP API end to end (a real daemon) and the metrics registry.
        .testTarget(name: "ReviewRoomAPITests", dependencies: ["ReviewRoomTesting", "ReviewRoomServer"]),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer driver exists only in `make fuzz`'s build (REVIEWROOM_FUZZ=1, scratch path
// .build-fuzz, --sanitize=fuzzer --sanitize=address): its `main` is libFuzzer's, which only a
// fuzzer link provides, so the ordinary build and `make test` never see it.
if Context.environment["REVIEWROOM_FUZZ"] == "1" {
    package.targets.append(.executableTarget(name: "reviewroom-fuzz", dependencies: ["ReviewRoomFuzzTargets"]))
}
