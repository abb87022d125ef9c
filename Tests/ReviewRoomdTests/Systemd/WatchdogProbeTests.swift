import ReviewRoomServer
import Testing

@Suite("Watchdog probe")
struct WatchdogProbeTests {
    @Test func partsThatAnswerPassAndTheSilentOnesAreNamed() async {
        let (stuck, keepStuck) = AsyncStream<Void>.makeStream()
        let probe = WatchdogProbe(parts: [
            .init(name: "answers") { true },
            // Stands for a deadlocked actor: it never returns.
            .init(name: "stuck") { for await _ in stuck {}; return true },
            .init(name: "fails") { false },
        ])
        #expect(await probe.silentParts(timeoutSeconds: 0.2) == ["stuck", "fails"])
        keepStuck.finish()
    }

    @Test func anEmptyProbeHasNoSilentParts() async {
        #expect(await WatchdogProbe(parts: []).silentParts(timeoutSeconds: 0.1).isEmpty)
    }
}
