import Foundation
import ReviewRoomTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Daemon life: start, health, stop")
struct DaemonLifecycleTests {
    @Test func startsOnPortZeroAndReportsTheRealPort() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.terminate() }
        let url = try await daemon.listeningURL()
        let port = try await daemon.port()
        #expect(port > 0)
        #expect(url == "http://127.0.0.1:\(port)")
        #expect(daemon.stdout.entries.count == 1, "exactly one line on stdout: \(daemon.stdout.entries)")
        let live = try await CurlClient.request("GET", "\(url)/livez")
        #expect(live.status == 200)
    }

    @Test func healthEndpointsAnswer() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.terminate() }
        let url = try await daemon.listeningURL()
        for path in ["/livez", "/healthz", "/readyz"] {
            let response = try await CurlClient.request("GET", url + path)
            #expect(response.status == 200, "\(path) answered \(response.status)")
            #expect(response.headers["x-content-type-options"] == "nosniff")
        }
    }

    @Test func sigtermExitsZeroAndLogsTheShutdown() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.terminate() }
        _ = try await daemon.listeningURL()
        daemon.signal(SIGTERM)
        let status = try await daemon.waitForExit(timeout: .seconds(10))
        #expect(status == 0)
        _ = try await daemon.stderr.first(where: { $0.contains("shutting down") }, timeout: .seconds(5))
    }

    @Test func sigintStopsItToo() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.terminate() }
        _ = try await daemon.listeningURL()
        daemon.signal(SIGINT)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test func sighupKeepsItRunningAndReloadsTheLogLevel() async throws {
        let directory = try TemporaryDirectory.make(prefix: "hup")
        let config = directory.appendingPathComponent("reviewroom.conf")
        try Data("log_level = \"info\"\n".utf8).write(to: config)
        let daemon = try await DaemonProcess.start(arguments: ["--config", config.path])
        defer { daemon.terminate() }
        let url = try await daemon.listeningURL()
        try Data("log_level = \"debug\"\n".utf8).write(to: config)
        daemon.signal(SIGHUP)
        _ = try await daemon.stderr.first(where: { $0.contains("log level is debug") }, timeout: .seconds(10))
        #expect(try await CurlClient.request("GET", "\(url)/livez").status == 200)
    }

    /// A reload applies the log level and TLS certificates only: a changed key it leaves alone is
    /// named, so an administrator knows to restart (SIGHUP said nothing of it). Keys set by flag or
    /// environment read the same again and are not named.
    @Test func sighupNamesTheChangedKeysItDoesNotApply() async throws {
        let directory = try TemporaryDirectory.make(prefix: "hup")
        let config = directory.appendingPathComponent("reviewroom.conf")
        try Data("log_level = \"info\"\nmax_message_bytes = 65536\n".utf8).write(to: config)
        let daemon = try await DaemonProcess.start(arguments: ["--config", config.path],
                                                   environment: ["REVIEWROOM_MESSAGES_PER_SECOND": "40"])
        defer { daemon.terminate() }
        _ = try await daemon.listeningURL()
        try Data("log_level = \"debug\"\nmax_message_bytes = 32768\nlanguage_hints = false\n".utf8).write(to: config)
        daemon.signal(SIGHUP)
        let line = try await daemon.stderr.first(where: { $0.contains("not applied until a restart") }, timeout: .seconds(10))
        #expect(line.contains("restart: max_message_bytes, language_hints (systemctl restart reviewroomd)"), "\(line)")
        #expect(daemon.stderr.entries.contains { $0.contains("log level is debug") })
    }

    @Test func aBadConfigurationOnSIGHUPKeepsTheRunningOne() async throws {
        let directory = try TemporaryDirectory.make(prefix: "hup")
        let config = directory.appendingPathComponent("reviewroom.conf")
        try Data("log_level = \"info\"\n".utf8).write(to: config)
        let daemon = try await DaemonProcess.start(arguments: ["--config", config.path])
        defer { daemon.terminate() }
        let url = try await daemon.listeningURL()
        try Data("log_level = \"loud\"\ncolour = 1\n".utf8).write(to: config)
        daemon.signal(SIGHUP)
        let refusal = try await daemon.stderr.first(where: { $0.contains("configuration not reloaded") }, timeout: .seconds(10))
        #expect(refusal.contains("loud") && refusal.contains("colour"))
        // One readable line: the problems joined with "; ", not the report's "\n" escaped.
        #expect(!refusal.contains("\\n") && refusal.contains("; "), "\(refusal)")
        #expect(try await CurlClient.request("GET", "\(url)/readyz").status == 200)
        #expect(!daemon.stderr.entries.contains { $0.contains("log level is") })
    }

    @Test func aBusyPortIsAClearError() async throws {
        let first = try await DaemonProcess.start()
        defer { first.terminate() }
        let port = try await first.port()
        // A data directory not made yet: a start that cannot listen must not make it.
        let fresh = try TemporaryDirectory.make(prefix: "busy-port").appendingPathComponent("data")
        let second = try await DaemonProcess.start(arguments: ["--listen", "127.0.0.1:\(port)"], dataDirectory: fresh)
        defer { second.terminate() }
        let status = try await second.waitForExit(timeout: .seconds(15))
        #expect(status == 69, "EX_UNAVAILABLE")
        #expect(!FileManager.default.fileExists(atPath: fresh.path), "no empty database left behind")
        let line = try await second.stderr.first(where: { $0.contains("cannot listen") }, timeout: .seconds(10))
        #expect(line.contains("\(port)"))
        // The cause and the way out, not only lws' "in use or not local".
        #expect(line.contains("port \(port) is already in use by another process") && line.contains("--listen"), "\(line)")
        #expect(line.contains("listen = \"HOST:PORT\" in the configuration"), "a server has no make run: \(line)")
    }
}
