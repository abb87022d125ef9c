import Dispatch
import Foundation
import ReviewRoomTesting
import Testing
@testable import WebSocketTransport

/// A stall of the service thread itself (the VM paused or live-migrated, the process stopped,
/// the machine swapping, a long callback) is not the peers' silence: the idle sweep used to run
/// right after the stall, before the loop had read what arrived during it, and dropped every
/// connection of a live meeting at once.
@Suite("A stalled service thread does not drop live connections")
struct ServiceStallTests {
    /// Hang-up after 6 s, not 2: before the stall begins the talker reads nothing, so it answers
    /// no ping, and under the full suite the loop took over 2 s to reach the stall, dropping
    /// the talker (rightly) before the stall this test is about. For the same reason the talker
    /// joins after the silent one, right before the stall is posted, so the silent one's join
    /// no longer counts against it (joining first, the talker was dropped once in a
    /// parallel AddressSanitizer run of the suite: a send of its failed with EPIPE).
    static func stallPolicy(_ configuration: inout TransportConfiguration) {
        configuration.idlePingSeconds = 1
        configuration.idleHangupSeconds = 6
    }

    @Test func aPeerThatSpokeDuringAStallOfTheServiceThreadStaysConnected() async throws {
        let harness = try TransportHarness(configure: Self.stallPolicy)
        let port = harness.port
        // Both say hello and read its echo: heard, authenticated, reading not paused.
        let (talker, silent) = try await RawBlocking.run { () -> (RawWebSocketClient, RawWebSocketClient) in
            let silent = try RawWebSocketClient.connect(port: port)
            try silent.sendText("hello")
            _ = try silent.readText(timeout: 30)
            let talker = try RawWebSocketClient.connect(port: port)
            try talker.sendText("hello")
            _ = try talker.readText(timeout: 30)
            return (talker, silent)
        }
        defer {
            talker.disconnect()
            silent.disconnect()
        }

        // The stall: the real service thread blocks until the test releases it, and then until
        // the monotonic clock is past the hang-up time since the stall began (the stall's length
        // is the condition under test, not a wait for something to happen).
        let hangup = UInt64(harness.configuration.idleHangupSeconds) * 1_000_000_000
        let (stallStarted, started) = AsyncStream<Void>.makeStream()
        let release = DispatchSemaphore(value: 0)
        let posted = harness.server.runOnServiceThread {
            let start = MonotonicClock.nanoseconds()
            started.yield()
            release.wait()
            Self.block(until: start + hangup + 500_000_000)
        }
        #expect(posted)
        var stalls = stallStarted.makeAsyncIterator()
        await stalls.next()
        // The peer speaks while the service thread is stalled; the kernel holds the frame.
        try await RawBlocking.run { try talker.sendText("during the stall") }
        release.signal()

        // The talker keeps answering pings while it waits for its echoes; the silent one never
        // reads again after the stall and must still be dropped once silent for the hang-up time.
        async let talkerTexts = RawBlocking.run { () -> [String] in
            [try talker.readText(timeout: 30), try talker.readText(timeout: 30)]
        }
        let silentEnd = try await RawBlocking.run { () -> String in
            while true {
                do {
                    let frame = try silent.readFrame(timeout: 30)
                    if frame.opcode == .close { return "close" }
                } catch let error as TestClientError {
                    return "\(error.code)"
                }
            }
        }
        #expect(silentEnd == "close" || silentEnd == "\(TestClientError.Code.closed)")
        try await RawBlocking.run { try talker.sendText("after") }
        let texts = try await talkerTexts
        #expect(texts == ["during the stall", "after"])
        await harness.stop()
    }

    /// The hello timer (an lws timer, not the sweep) expires during the stall; lws may run it
    /// before it reads the hello that arrived meanwhile (it did in about one full-suite run in
    /// three, closing 4000 "no hello"). The timeout counts reading time now, so it is re-armed.
    ///
    /// The stall lasts until the timeout and half a second have passed since the connection
    /// opened, however long the test took to begin it: under the full suite the time from the
    /// connection opening to the stall beginning — the test's own task resuming after the
    /// accept, then the loop's next pass — counts fully, as it should, and can take many
    /// seconds. With a stall of a fixed length after it, a 6 s timeout ran out before the stall
    /// began in CI (closed 4000 "no hello" 11 s into the test), and a 15 s one once in a full
    /// run on an idle machine. 40 s of reading time before the stall is more than any run took.
    @Test func aHelloSentDuringAStallIsNotTimedOut() async throws {
        let timeout: UInt64 = 40
        let harness = try TransportHarness { $0.helloTimeoutSeconds = Double(timeout) }
        let port = harness.port
        let client = try await RawBlocking.run { try RawWebSocketClient.connect(port: port) }
        let opened = MonotonicClock.nanoseconds() // the server's hello timer started before this
        defer { client.disconnect() }
        _ = try await harness.nextConnection()
        let (stallStarted, started) = AsyncStream<Void>.makeStream()
        let release = DispatchSemaphore(value: 0)
        _ = harness.server.runOnServiceThread {
            started.yield()
            release.wait()
            Self.block(until: opened + timeout * 1_000_000_000 + 500_000_000)
        }
        var stalls = stallStarted.makeAsyncIterator()
        await stalls.next()
        try await RawBlocking.run { try client.sendText("hello") }
        release.signal()
        let echo = try await RawBlocking.run { try client.readText(timeout: 90) }
        #expect(echo == "hello")
        await harness.stop()
    }

    /// Blocks the calling thread until `CLOCK_MONOTONIC` reads `deadline` nanoseconds.
    private static func block(until deadline: UInt64) {
        var target = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &target, nil) == EINTR {}
    }
}
