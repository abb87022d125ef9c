import Foundation
import ReviewRoomCore
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// A real daemon on a real, tiny tmpfs whose disk fills: `/readyz` turns 503 when a commit
/// fails and, once the disk is freed, 200 again with no client write at all (a load balancer
/// that took the daemon out sends none), by the store's own probe commit.
@Suite("Live daemon: readiness after a full disk")
struct ReadinessRecoveryTests {
    @Test func anIdleDaemonIsReadyAgainOnceTheDiskIsFreed() async throws {
        let root = try TemporaryDirectory.make(prefix: "live-full-disk")
        guard let mount = TmpfsMount.mount(in: root.path, sizeKiB: 2_048) else { return }
        defer { mount.unmount() }
        let data = URL(fileURLWithPath: mount.path)
        let fixture = try await SessionFixture.create(inDataDirectory: data, startsAt: Timestamp(secondsSince1970: Date().timeIntervalSince1970 - 60),
                                                      agenda: SessionFixture.agenda())
        let live = try await LiveDaemon.restart(on: data, fixture: fixture)
        let readyz = "http://127.0.0.1:\(live.port)/readyz"
        #expect(try await CurlClient.request("GET", readyz).status == 200)

        let ballast = try mount.fillUp()
        let (fay, _) = try await live.join("Fay")
        // Its append cannot be stored: the ack never comes (the session closes the connection).
        _ = try? await fay.request("session.start")
        fay.disconnect()
        let failing = try await CurlClient.request("GET", readyz)
        #expect(failing.status == 503)
        #expect(failing.text == "store commits failing: diskFull\n", "\(failing.text)")

        try FileManager.default.removeItem(atPath: ballast)
        // No client writes from here on. curl retries a 503 by itself (once a second, the test
        // does not sleep); the store probes every 5 s, so a handful of tries suffices.
        let recovered = try await CurlClient.request("GET", readyz, extraArguments: ["--retry", "20", "--retry-delay", "1"])
        #expect(recovered.status == 200)
        #expect(recovered.text == "ready\n")
        live.daemon.signal(SIGTERM)
        _ = try await live.daemon.waitForExit()
    }
}
