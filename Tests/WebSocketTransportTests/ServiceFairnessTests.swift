import Dispatch
import Foundation
import ReviewRoomTesting
import Testing
import WebSocketTransport

/// Input that lws holds for a connection whose reading was paused (before its first message
/// was accepted) must be read once reading resumes, even while other connections keep the
/// service thread busy every moment.
@Suite struct ServiceFairnessTests {
    @Test func aPipelinedSecondMessageArrivesWhileNeighboursKeepTheServiceThreadBusy() async throws {
        let harness = try TransportHarness()
        let port = harness.port
        let neighbourCount = 4
        let flooding = DispatchSemaphore(value: 0)
        let stop = DispatchSemaphore(value: 0)
        // Neighbours that never let the service loop go idle: each writes bursts of messages back
        // to back and then reads their echoes, until told to stop.
        let neighbours = (0..<neighbourCount).map { index in
            Task.detached {
                try await RawBlocking.run { () throws -> Int in
                    let client = try RawWebSocketClient.connect(port: port)
                    defer { client.disconnect() }
                    try client.sendText("hello")
                    _ = try client.readText()
                    var sent = 0
                    while stop.wait(timeout: .now()) == .timedOut {
                        try client.sendTexts((0..<50).map { "busy-\(index)-\(sent + $0)" })
                        for _ in 0..<50 { _ = try client.readText() }
                        sent += 50
                        if sent == 1_000 { flooding.signal() }
                    }
                    return sent
                }
            }
        }
        let (first, second) = try await RawBlocking.run {
            for _ in 0..<neighbourCount { flooding.wait() }
            let client = try RawWebSocketClient.connect(port: port)
            defer { client.disconnect() }
            // The server reads both frames at once but pauses reading after the first until the
            // connection is accepted; the second may then wait in lws's own buffer.
            try client.sendTexts(["hello", "second"])
            return (try client.readText(timeout: 20), try client.readText(timeout: 20))
        }
        for _ in 0..<neighbourCount { stop.signal() }
        var neighbourMessages = 0
        for neighbour in neighbours { neighbourMessages += try await neighbour.value }
        #expect(first == "hello")
        #expect(second == "second")
        #expect(neighbourMessages >= neighbourCount * 1_000, "the neighbours kept the service thread busy")
        await harness.stop()
    }
}
