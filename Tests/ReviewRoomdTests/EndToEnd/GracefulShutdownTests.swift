import Foundation
import ReviewRoomCore
import ReviewRoomTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// PROTOCOL §1: on SIGTERM the daemon stops accepting first (`/readyz` 503, new upgrades and
/// `hello`s refused), then closes its clients with 1001, finishes in-flight work and exits 0
/// within 10 s. Every step waits on an event (a frame, the exit, the log); no sleeps. The
/// order of the steps in between is checked in process (ReviewRoomLiveTests'
/// `ShutdownOrderTests`), where the test can look while they happen.
@Suite("Daemon graceful shutdown")
struct GracefulShutdownTests {
    @Test func sigtermRefusesNewJoinsClosesClientsWith1001AndExitsZero() async throws {
        let data = try TemporaryDirectory.make(prefix: "reviewroomd-data")
        let startsAt = Timestamp(millisecondsSince1970: Int64(Date().timeIntervalSince1970 * 1000))
        let fixture = try await SessionFixture.create(inDataDirectory: data, startsAt: startsAt)
        let asha = try #require(fixture.tokens["Asha"]), ben = try #require(fixture.tokens["Ben"])
        let daemon = try await DaemonProcess.start(environment: ["REVIEWROOM_LOG_LEVEL": "info"], dataDirectory: data)
        defer { daemon.terminate() }
        let port = try await daemon.port()

        // Before SIGTERM: a joined client, and a connected one that has not said hello yet.
        let (joined, waiting) = try await RawBlocking.run {
            let joined = try RawWebSocketClient.connect(port: port)
            try joined.sendText(#"{"type":"hello","token":"\#(asha)","client":"test/1"}"#)
            let welcome = try joined.readText(timeout: 10)
            guard welcome.contains(#""type":"welcome""#) else { throw HelloFailed(reply: welcome) }
            return (joined, try RawWebSocketClient.connect(port: port))
        }
        defer { joined.disconnect(); waiting.disconnect() }

        daemon.signal(SIGTERM)
        // The hello goes once admission has closed (SIGTERM is handled asynchronously).
        _ = try await daemon.stderr.first(where: { $0.contains("no new connections or joins") }, timeout: .seconds(10))
        let (late, joinedClose) = try await RawBlocking.run {
            // A join attempted after SIGTERM: no welcome (nor anything else), closed with 1001.
            try? waiting.sendText(#"{"type":"hello","token":"\#(ben)","client":"test/1"}"#)
            let late = try waiting.readUntilClose(timeout: 10)
            return (late, try joined.readUntilClose(timeout: 10).close.closeCode)
        }
        #expect(late.skipped == 0, "the hello sent after SIGTERM got an answer")
        #expect(late.close.closeCode == 1001)
        #expect(joinedClose == 1001)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)

        // The log up to the last step: admission closed before the sessions drained, and
        // those before the transport stopped.
        _ = try await daemon.stderr.first(where: { $0.contains("transport stopped") }, timeout: .seconds(10))
        let log = daemon.stderr.entries
        let steps = ["no new connections or joins", "live sessions stopped", "transport stopped"]
            .map { step in log.firstIndex { $0.contains(step) } }
        #expect(steps.allSatisfy { $0 != nil } && steps.compactMap { $0 } == steps.compactMap { $0 }.sorted(),
                "shutdown steps out of order:\n\(log.joined(separator: "\n"))")
    }
}

private struct HelloFailed: Error, CustomStringConvertible {
    var reply: String
    var description: String { "no welcome: \(reply)" }
}
