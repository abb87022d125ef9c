import Foundation
import ReviewRoomTesting
import Testing

@Suite("Live sessions: metrics")
struct LiveMetricsTests {
    /// Commands are counted by type and outcome, and every durable commit adds to the latency histogram.
    @Test func commandsAndCommitsShowOnTheMetricsPage() async throws {
        let live = try await LiveDaemon.start()
        defer { live.daemon.terminate() }
        let (fay, _) = try await live.join("Fay")
        defer { fay.disconnect() }
        let (asha, _) = try await live.join("Asha")
        defer { asha.disconnect() }
        #expect(try await fay.request("session.start").type == "ack")
        #expect(try await asha.request("ping").type == "ack")
        #expect(try await asha.request("session.end").type == "error")
        #expect(try await asha.request("no.such.command").type == "error")

        let port = live.port
        let page = try await RawBlocking.run { try RawHTTPClient(port: port).request("GET", "/metrics").text }
        #expect(page.contains(#"reviewroom_commands_total{type="session.start",outcome="ok"} 1"#), "\(page)")
        #expect(page.contains(#"reviewroom_commands_total{type="ping",outcome="ok"} 1"#))
        #expect(page.contains(#"reviewroom_commands_total{type="session.end",outcome="forbidden"} 1"#))
        #expect(page.contains(#"reviewroom_commands_total{type="unknown",outcome="bad_request"} 1"#))
        let commits = page.split(separator: "\n").first { $0.hasPrefix("reviewroom_commit_latency_seconds_count ") }
        let count = commits.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        #expect(count >= 1, "\(commits ?? "no commit latency count")")
        // Every command above was read, handled and answered: both transport waits were timed.
        for family in ["reviewroom_receive_handling_seconds", "reviewroom_send_wait_seconds"] {
            let line = page.split(separator: "\n").first { $0.hasPrefix("\(family)_count ") }
            let observed = line.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
            #expect(observed >= 4, "\(line ?? "no \(family)_count")")
        }
    }
}
