// swift-tools-version:6.1
import PackageDescription

/// The Swift peer of ReviewRoom's load benchmark: a minimal WebSocket relay on Hummingbird
/// that speaks just enough of PROTOCOL.md (session creation, `hello`/`welcome`, commands
/// acked, `note.op` events fanned out to every member) for `reviewroom-bench load --target peer`.
/// No OT, no storage. Built only by `make bench`, never by `make test`.
let package = Package(
    name: "HummingbirdPeer",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", exact: "2.8.1"),
    ],
    targets: [
        .executableTarget(
            name: "HummingbirdPeer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
