import Foundation
@testable import ReviewRoomServer
import ReviewRoomTesting
import Testing

@Suite("Metrics")
struct MetricsTests {
    @Test func theExpositionHasEveryFamilyWithItsValues() {
        let metrics = Metrics()
        metrics.connections.increment(); metrics.connections.increment(); metrics.connections.decrement()
        metrics.sessionsLive.set(3)
        metrics.recordCommand(type: "phase.next", outcome: "ok")
        metrics.recordCommand(type: "phase.next", outcome: "ok")
        metrics.recordCommand(type: "phase.next", outcome: "invalid_state")
        metrics.outboxDrops.increment()
        metrics.connectionCapRefusals.increment(by: 3)
        metrics.hellosHeld.increment(by: 2)
        metrics.commitLatency.observe(0.0007)
        metrics.commitLatency.observe(.milliseconds(30))
        metrics.commitLatency.observe(9)
        metrics.sendWait.observe(0.00005)
        metrics.receiveHandling.observe(0.0002)
        metrics.receiveHandling.observe(0.003)
        let text = metrics.exposition()
        let lines = Set(text.split(separator: "\n").map(String.init))
        for expected in [
            "# TYPE reviewroom_connections gauge", "reviewroom_connections 1", "reviewroom_sessions_live 3",
            "# TYPE reviewroom_commands_total counter",
            #"reviewroom_commands_total{type="phase.next",outcome="ok"} 2"#,
            #"reviewroom_commands_total{type="phase.next",outcome="invalid_state"} 1"#,
            "reviewroom_outbox_drops_total 1",
            "# TYPE reviewroom_connection_cap_refusals_total counter", "reviewroom_connection_cap_refusals_total 3",
            "# TYPE reviewroom_hellos_held_total counter", "reviewroom_hellos_held_total 2",
            "# TYPE reviewroom_commit_latency_seconds histogram",
            #"reviewroom_commit_latency_seconds_bucket{le="0.0005"} 0"#,
            #"reviewroom_commit_latency_seconds_bucket{le="0.001"} 1"#,
            #"reviewroom_commit_latency_seconds_bucket{le="0.05"} 2"#,
            #"reviewroom_commit_latency_seconds_bucket{le="2.5"} 2"#,
            #"reviewroom_commit_latency_seconds_bucket{le="+Inf"} 3"#,
            "reviewroom_commit_latency_seconds_count 3",
            "# TYPE reviewroom_send_wait_seconds histogram",
            #"reviewroom_send_wait_seconds_bucket{le="0.0001"} 1"#, "reviewroom_send_wait_seconds_count 1",
            "# TYPE reviewroom_receive_handling_seconds histogram",
            #"reviewroom_receive_handling_seconds_bucket{le="0.00025"} 1"#,
            #"reviewroom_receive_handling_seconds_bucket{le="0.0025"} 1"#,
            #"reviewroom_receive_handling_seconds_bucket{le="0.005"} 2"#, "reviewroom_receive_handling_seconds_count 2",
            #"reviewroom_build_info{version="\#(ReviewRoomServerModule.version)"} 1"#,
            "# TYPE process_start_time_seconds gauge",
        ] {
            #expect(lines.contains(expected), "missing: \(expected)")
        }
        let sum = lines.first { $0.hasPrefix("reviewroom_commit_latency_seconds_sum ") }.flatMap { Double($0.split(separator: " ")[1]) }
        #expect(abs((sum ?? 0) - 9.0307) < 1e-9)
        #expect(text.hasSuffix("\n"))
    }

    /// Which build runs and since when: a restart is visible to a scraper.
    @Test func theStartTimeAndVersionAreExposed() {
        let started = Date(timeIntervalSince1970: 1_790_000_000.25)
        let text = Metrics(version: "9.8.7", startTime: started).exposition()
        let lines = Set(text.split(separator: "\n").map(String.init))
        #expect(lines.contains(#"reviewroom_build_info{version="9.8.7"} 1"#), "\(text)")
        #expect(lines.contains("process_start_time_seconds 1790000000.25"), "\(text)")
    }

    @Test func labelValuesAreEscapedAndSeriesAreBounded() {
        let counter = LabeledMetricCounter(labelNames: ["type"], seriesLimit: 2)
        counter.increment("a\"b\\c\nd")
        counter.increment("second")
        counter.increment("third")
        counter.increment("fourth")
        #expect(counter.current("other") == 2)
        #expect(counter.snapshot.count == 3)
        #expect(PrometheusText.labels([("type", "a\"b\\c\nd")]) == #"{type="a\"b\\c\nd"}"#)
    }

    @Test func countersAreSafeUnderConcurrentUse() async {
        let metrics = Metrics()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { for _ in 0..<1000 { metrics.outboxDrops.increment(); metrics.recordCommand(type: "ping", outcome: "ok") } }
            }
        }
        #expect(metrics.outboxDrops.current == 8000)
        #expect(metrics.commands.current("ping", "ok") == 8000)
    }

    @Test(arguments: [("127.0.0.1", true), ("127.10.0.3", true), ("::1", true), ("::ffff:127.0.0.1", true),
                      ("10.0.0.1", false), ("::ffff:10.0.0.1", false), ("2001:db8::1", false), ("", false), ("127.0.0", false)])
    func loopbackAddresses(_ address: String, _ loopback: Bool) {
        #expect(MetricsEndpoint.isLoopback(address) == loopback)
    }

    @Test(arguments: [(nil, true), ("127.0.0.1:8080", true), ("10.1.2.3", true), ("[::1]:8080", true), ("localhost:8080", true),
                      ("LOCALHOST", true), ("app.localhost", true), ("srv", true), ("srv.school.example:9090", true),
                      ("SRV.School.Example", true), ("evil.example", false), ("srv.evil.example", false), ("school.example", false),
                      ("", false), ("127.0.0.1.evil.example", false), ("localhost.evil.example", false),
                      ("[::1]", true), ("[fe80::1%25eth0]:80", true), ("[x]evil.example", false), ("[::1]evil.example", false),
                      ("[::1]:80.evil.example", false), ("localhost:", true), ("[]", false), ("[::1", false), ("127.0.0.1:80x.evil", false)] as [(String?, Bool)])
    func hostHeadersTheMainPortAnswersMetricsFor(_ host: String?, _ answered: Bool) {
        #expect(MetricsEndpoint.isLocalHostHeader(host, machineName: "srv.school.example") == answered)
    }

    @Test func aShortMachineNameVouchesForItselfOnly() {
        #expect(MetricsEndpoint.isLocalHostHeader("srv:80", machineName: "srv"))
        #expect(!MetricsEndpoint.isLocalHostHeader("srv.school.example", machineName: "srv"))
        #expect(!MetricsEndpoint.isLocalHostHeader("anything", machineName: ""))
    }

    @Test func theDaemonServesMetricsToLoopbackOnlyAndCountsAPIRequests() async throws {
        let api = try await APIDaemon.start(facilitators: ["Ann"])
        defer { api.stop() }
        let session = try await api.createSession()["session"] as? [String: Any]
        let id = try #require(session?["id"] as? String)
        _ = try await api.call("GET", "/api/v1/sessions")
        _ = try await api.request("GET", "/api/v1/sessions", token: nil)
        let page = try await CurlClient.request("GET", api.url + "/metrics")
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
        #expect(page.text.contains("# TYPE reviewroom_connections gauge"))
        #expect(page.text.contains(#"reviewroom_http_requests_total{status="200"} 1"#))
        #expect(page.text.contains(#"reviewroom_http_requests_total{status="401"} 1"#))
        #expect(page.text.contains(#"reviewroom_http_requests_total{status="201"} 1"#))
        #expect(!page.text.contains(id), "no per-session labels")
        let proxied = try await CurlClient.request("GET", api.url + "/metrics", extraArguments: ["-H", "X-Forwarded-For: 203.0.113.9"])
        #expect(proxied.status == 404)
        // A page on a rebinding attacker's site: loopback, but carrying that site's name.
        let rebound = try await CurlClient.request("GET", api.url + "/metrics", extraArguments: ["-H", "Host: attacker.example"])
        #expect(rebound.status == 404)
        #expect(try await CurlClient.request("POST", api.url + "/metrics", extraArguments: ["-d", ""]).status == 405)
    }
}
