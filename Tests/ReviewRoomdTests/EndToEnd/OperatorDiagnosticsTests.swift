import Foundation
import ReviewRoomTesting
import Testing

/// What a school's IT person sees in the journal and from curl when something is set up wrong.
@Suite("operator diagnostics")
struct OperatorDiagnosticsTests {
    /// Under systemd every line of the report carries `<3>`, so `journalctl -p warning` shows it.
    @Test func aRefusedConfigurationIsLoggedAtErrorPriorityUnderJournald() async throws {
        let config = try TemporaryDirectory.make(prefix: "journal").appendingPathComponent("reviewroom.conf")
        try Data("pubilc_url = \"https://review.example.org\"\ncolour = 1\n".utf8).write(to: config)
        let result = try await reviewroomd(["serve", "--config", config.path], environment: ["JOURNAL_STREAM": "8:1"])
        #expect(result.status == 78)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count >= 3, "\(result.stderr)")
        #expect(lines.allSatisfy { $0.hasPrefix("<3>") }, "\(result.stderr)")
        #expect(result.stderr.contains("pubilc_url") && result.stderr.contains("colour"))
        // Without journald the report is plain.
        let plain = try await reviewroomd(["serve", "--config", config.path])
        #expect(plain.status == 78)
        #expect(!plain.stderr.contains("<3>") && plain.stderr.contains("pubilc_url"), "\(plain.stderr)")
    }

    @Test func aRefusedOriginIsLoggedAtWarningOncePerOriginAndAPlainGetOfWsIs426() async throws {
        let daemon = try await DaemonProcess.start(arguments: ["--public-url", "https://review.example.org"])
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let statuses = try await RawBlocking.run {
            try ["http://review.example.org", "http://review.example.org"].map {
                try RawWebSocketClient.attemptUpgrade(port: port, origin: $0)?.status
            }
        }
        #expect(statuses == [403, 403])
        // Lines come in order from the service thread: once the other origin's line is here,
        // a second line for the first origin would have come before it.
        _ = try await RawBlocking.run { try RawWebSocketClient.attemptUpgrade(port: port, origin: "https://elsewhere.example") }
        _ = try await daemon.stderr.first(where: { $0.contains("origin=https://elsewhere.example") }, timeout: .seconds(10))
        let refusals = daemon.stderr.entries.filter { $0.contains("WebSocket upgrade refused") }
        #expect(refusals.count == 2, "\(refusals)")
        let first = try #require(refusals.first)
        #expect(first.contains("warning") && first.contains("origin=http://review.example.org"), "\(first)")
        #expect(first.contains("public_url=https://review.example.org") && first.contains("allowed_origins=[]"), "\(first)")
        #expect(!daemon.stderr.entries.contains { $0.contains("warning") && $0.contains("User code denied") })

        let plain = try await RawBlocking.run {
            let client = try RawHTTPClient(port: port)
            defer { client.close() }
            return try client.request("GET", "/ws")
        }
        #expect(plain.status == 426)
        #expect(plain.text.contains("a reverse proxy must forward Upgrade and Connection"), "\(plain.text)")
        // The host's IT sees it too: a warning (paced, RepeatedWarningTests) and a counter.
        let line = try await daemon.stderr.first(where: { $0.contains("reached /ws without WebSocket upgrade headers") }, timeout: .seconds(10))
        #expect(line.contains("warning") && line.contains("remote=127.0.0.1") && line.contains("requests=1"), "\(line)")
        let metrics = try await CurlClient.request("GET", "http://127.0.0.1:\(port)/metrics")
        #expect(metrics.text.contains("reviewroom_websocket_upgrade_missing_total 1"), "\(metrics.text)")
    }

    /// Started by name through `PATH` (argv[0] is just "reviewroomd") from another directory,
    /// the daemon still finds the web client beside its binary, and its start-up line says
    /// which configuration file, public URL and web client (folder and version) it uses.
    @Test func startedThroughPathItFindsItsWebClientAndLogsWhatItUses() async throws {
        let executable = try BuildProducts.executable(named: "reviewroomd")
        let binDirectory = executable.deletingLastPathComponent().path
        let data = try TemporaryDirectory.make(prefix: "path-data")
        let config = try TemporaryDirectory.make(prefix: "path-conf").appendingPathComponent("reviewroom.conf")
        try Data("listen = \"127.0.0.1:0\"\n".utf8).write(to: config)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("REVIEWROOM_") }
        environment["PATH"] = binDirectory + ":/usr/bin:/bin"
        let child = try await ChildProcess.spawnOffPool(
            command: ["/usr/bin/env", "reviewroomd", "serve", "--config", config.path, "--data-dir", data.path],
            environment: environment)
        defer { kill(child.pid, SIGTERM) }
        let listening = try await child.stdout.first(where: { $0.hasPrefix("Listening on ") }, timeout: .seconds(30))
        let port = try #require(Int(listening.split(separator: ":").last ?? ""))
        let line = try await child.stderr.first(where: { $0.contains("reviewroomd: listening") }, timeout: .seconds(10))
        let webRoot = URL(fileURLWithPath: binDirectory).appendingPathComponent("ReviewRoom_ReviewRoomServer.resources/Web").path
        #expect(line.contains("web_root=\(webRoot)"), "\(line)")
        #expect(line.contains("config=\(config.path)") && line.contains("public_url=http://127.0.0.1:\(port)"), "\(line)")
        let page = try await RawBlocking.run {
            let client = try RawHTTPClient(port: port)
            defer { client.close() }
            return try client.request("GET", "/join")
        }
        #expect(page.status == 200)
        // The start-up line names the version the pages link their files under.
        let version = try #require(page.text.firstMatch(of: /src="v\/([0-9a-f]{16})\//).map { String($0.output.1) }, "\(page.text)")
        #expect(line.contains("web_client=\(version)"), "\(line)")
    }
}
