import Foundation
import ReviewRoomTesting
import Testing

/// `metrics_listen`: a second address that serves only `GET /metrics` (PROTOCOL §2), to any client
/// that reaches it; the main port keeps serving everything else, `/metrics` to loopback only.
@Suite("Daemon metrics_listen")
struct MetricsListenTests {
    private func problem(_ response: RawHTTPResponse) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
    }

    @Test func theMetricsListenerServesMetricsAndNothingElse() async throws {
        let daemon = try await DaemonProcess.start(environment: ["REVIEWROOM_METRICS_LISTEN": "127.0.0.1:0"])
        defer { daemon.terminate() }
        let mainPort = try await daemon.port()
        let url = try await daemon.metricsURL()
        #expect(url.hasPrefix("http://127.0.0.1:"))
        let port = try await daemon.metricsPort()
        #expect(port != mainPort && port > 0)

        let (metrics, forwarded, head) = try await RawBlocking.run {
            let client = try RawHTTPClient(port: port)
            defer { client.close() }
            return (try client.request("GET", "/metrics"),
                    // Unlike the main port, a proxied request is served: who reaches this address is the operator's call.
                    try client.request("GET", "/metrics", headers: [("X-Forwarded-For", "203.0.113.9")]),
                    try client.request("HEAD", "/metrics"))
        }
        #expect(metrics.status == 200)
        #expect(metrics.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
        #expect(metrics.text.contains("# TYPE reviewroom_connections gauge"), "\(metrics.text)")
        #expect(forwarded.status == 200)
        #expect(head.status == 200 && head.body.isEmpty)

        for path in ["/livez", "/readyz", "/api/v1/templates", "/api/v1/openapi.json", "/", "/ws", "/metrics/x"] {
            let response = try await RawBlocking.run { try RawHTTPClient(port: port).request("GET", path) }
            #expect(response.status == 404, "\(path)")
            #expect(response.headers["content-type"] == "application/problem+json", "\(path)")
            #expect(problem(response)?["status"] as? Int == 404, "\(path)")
            #expect(response.headers["x-content-type-options"] == "nosniff", "\(path)")
        }
        let post = try await RawBlocking.run { try RawHTTPClient(port: port).request("POST", "/metrics", body: Array("{}".utf8)) }
        #expect(post.status == 405)
        #expect(post.headers["allow"] == "GET, HEAD")
    }

    @Test func theMetricsListenerRefusesWebSockets() async throws {
        let daemon = try await DaemonProcess.start(environment: ["REVIEWROOM_METRICS_LISTEN": "127.0.0.1:0"])
        defer { daemon.terminate() }
        let port = try await daemon.metricsPort()
        for subprotocol in ["reviewroom.v1", nil] as [String?] {
            let answer = try await RawBlocking.run {
                try RawWebSocketClient.attemptUpgrade(port: port, path: "/ws", subprotocol: subprotocol, timeout: 10)
            }
            #expect(answer?.status == 404, "subprotocol \(subprotocol ?? "none"): \(String(describing: answer))")
        }
        // The refusal is no accident of the daemon: the main port upgrades the same request.
        let mainPort = try await daemon.port()
        let main = try await RawBlocking.run { try RawWebSocketClient.attemptUpgrade(port: mainPort, timeout: 10) }
        #expect(main?.status == 101)
        // And the metrics listener still answers after the refusals.
        let after = try await RawBlocking.run { try RawHTTPClient(port: port).request("GET", "/metrics") }
        #expect(after.status == 200)
    }

    @Test func theMainPortStillServesTheAPIAndLoopbackMetrics() async throws {
        let daemon = try await DaemonProcess.start(environment: ["REVIEWROOM_METRICS_LISTEN": "127.0.0.1:0"])
        defer { daemon.terminate() }
        let url = try await daemon.listeningURL()
        _ = try await daemon.metricsPort()
        let openAPI = try await CurlClient.request("GET", url + "/api/v1/openapi.json")
        #expect(openAPI.status == 200)
        let unauthorized = try await CurlClient.request("GET", url + "/api/v1/sessions")
        #expect(unauthorized.status == 401)
        #expect(try await CurlClient.request("GET", url + "/livez").status == 200)
        #expect(try await CurlClient.request("GET", url + "/metrics").status == 200, "loopback clients, as without metrics_listen")
        let port = try await daemon.port()
        let proxied = try await RawBlocking.run {
            try RawHTTPClient(port: port).request("GET", "/metrics", headers: [("X-Forwarded-For", "203.0.113.9")])
        }
        #expect(proxied.status == 404, "the main port's /metrics stays loopback-only")
        _ = try await daemon.stderr.first(where: { $0.contains("serving /metrics only") }, timeout: .seconds(10))
    }

    @Test func aBusyMetricsAddressFailsStartUp() async throws {
        let first = try await DaemonProcess.start()
        defer { first.terminate() }
        let busy = try await first.port()
        let second = try await DaemonProcess.start(environment: ["REVIEWROOM_METRICS_LISTEN": "127.0.0.1:\(busy)"])
        defer { second.terminate() }
        let status = try await second.waitForExit(timeout: .seconds(15))
        #expect(status == 69, "EX_UNAVAILABLE, as for the main listener")
        let line = try await second.stderr.first(where: { $0.contains("cannot listen") }, timeout: .seconds(10))
        #expect(line.contains("cannot listen on metrics_listen 127.0.0.1:\(busy): port \(busy) is already in use"), "\(line)")
        // Fixed with its own key, not listen's.
        #expect(line.contains("metrics_listen = \"HOST:PORT\"") && !line.contains("--listen"), "\(line)")
        #expect(!second.stdout.entries.contains { $0.hasPrefix("Listening on") }, "nothing announced before failing")
    }

    @Test func aNonLocalMetricsAddressFailsStartUp() async throws {
        // 192.0.2.0/24 is TEST-NET-1: never a local address, so the bind fails (nothing is sent).
        let daemon = try await DaemonProcess.start(environment: ["REVIEWROOM_METRICS_LISTEN": "192.0.2.1:9100"])
        defer { daemon.terminate() }
        let status = try await daemon.waitForExit(timeout: .seconds(15))
        #expect(status == 69)
        let line = try await daemon.stderr.first(where: { $0.contains("cannot listen") }, timeout: .seconds(10))
        #expect(line.contains("metrics_listen 192.0.2.1:9100"), "\(line)")
    }
}
