import Foundation
import ReviewRoomTesting
import Testing

/// `listen` and `metrics_listen` with a host name or an address that is not local: either the
/// daemon really listens, or start-up fails with a message and a status (never a daemon that
/// announces a port it does not hold).
@Suite("Daemon listen hosts")
struct ListenHostTests {
    private func emptyConfigFile() throws -> String {
        let url = try TemporaryDirectory.make(prefix: "conf").appendingPathComponent("reviewroom.conf")
        try Data().write(to: url)
        return url.path
    }

    @Test func aHostNameIsResolvedAndReallyListens() async throws {
        let daemon = try await DaemonProcess.start(arguments: ["--listen", "localhost:0"], defaultListen: false)
        defer { daemon.terminate() }
        let url = try await daemon.listeningURL()
        let port = try await daemon.port()
        #expect(port > 0, "announced \(url)")
        #expect(url == "http://localhost:\(port)")
        #expect(try await CurlClient.request("GET", "http://127.0.0.1:\(port)/livez").status == 200)
    }

    @Test func anAddressThatIsNotLocalFailsStartUp() async throws {
        // 192.0.2.0/24 is TEST-NET-1: never a local address.
        let daemon = try await DaemonProcess.start(arguments: ["--listen", "192.0.2.1:0"], defaultListen: false)
        defer { daemon.terminate() }
        let status = try await daemon.waitForExit(timeout: .seconds(15))
        #expect(status == 69, "EX_UNAVAILABLE")
        let line = try await daemon.stderr.first(where: { $0.contains("cannot listen") }, timeout: .seconds(5))
        #expect(line.contains("192.0.2.1"), "\(line)")
        #expect(line.contains("192.0.2.1 is not an address of this machine"), "\(line)")
        #expect(!daemon.stdout.entries.contains { $0.hasPrefix("Listening on") })
    }

    @Test(arguments: ["example.invalid:0", "lo:0"])
    func aHostThatDoesNotResolveIsAConfigurationError(listen: String) async throws {
        let host = String(listen.dropLast(2))
        let serve = try await reviewroomd(["serve", "--listen", listen, "--data-dir", try TemporaryDirectory.make(prefix: "d").path])
        #expect(serve.status == 78, "EX_CONFIG: \(serve.stderr)")
        #expect(serve.stderr.contains("--listen") && serve.stderr.contains("\"\(host)\" does not resolve"), "\(serve.stderr)")
        #expect(!serve.stdout.contains("Listening on"))
        let check = try await reviewroomd(["check-config", "--config", try emptyConfigFile()], environment: ["REVIEWROOM_LISTEN": listen])
        #expect(check.status == 78)
        #expect(check.stderr.contains("REVIEWROOM_LISTEN") && check.stderr.contains("\"\(host)\" does not resolve"), "\(check.stderr)")
    }

    @Test func aWildcardListenWithoutPublicURLLogsAWarning() async throws {
        let daemon = try await DaemonProcess.start(arguments: ["--listen", "0.0.0.0:0"], defaultListen: false)
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let warning = try await daemon.stderr.first(where: { $0.contains("public_url is not set") }, timeout: .seconds(10))
        #expect(warning.contains("0.0.0.0:\(port)") && warning.lowercased().contains("warning"), "\(warning)")
        // With public_url set there is nothing to warn about.
        let set = try await DaemonProcess.start(arguments: ["--listen", "0.0.0.0:0", "--public-url", "http://review.lan:8080"],
                                          defaultListen: false)
        defer { set.terminate() }
        _ = try await set.port()
        // The start-up line (which names public_url= itself) comes after any start-up warning.
        _ = try await set.stderr.first(where: { $0.contains("reviewroomd: listening") }, timeout: .seconds(10))
        #expect(!set.stderr.entries.contains { $0.contains("warning") && $0.contains("public_url") }, "\(set.stderr.entries)")
    }

    @Test func aMetricsHostNameIsResolvedToo() async throws {
        let daemon = try await DaemonProcess.start(environment: ["REVIEWROOM_METRICS_LISTEN": "localhost:0"])
        defer { daemon.terminate() }
        let url = try await daemon.metricsURL()
        let port = try await daemon.metricsPort()
        #expect(port > 0 && url == "http://localhost:\(port)", "\(url)")
        let metrics = try await RawBlocking.run { try RawHTTPClient(port: port).request("GET", "/metrics") }
        #expect(metrics.status == 200)
        let bad = try await reviewroomd(["check-config", "--config", try emptyConfigFile()], environment: ["REVIEWROOM_METRICS_LISTEN": "lo:9100"])
        #expect(bad.status == 78)
        #expect(bad.stderr.contains("metrics_listen") && bad.stderr.contains("\"lo\" does not resolve"), "\(bad.stderr)")
    }
}
