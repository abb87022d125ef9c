import Foundation
import Logging
import ReviewRoomCore
import ReviewRoomServer
import ReviewRoomTesting
import Testing

/// `reconnects_per_minute` over real sockets: a participant joining more often waits for their
/// turn (the session's manual clock releases it), is never refused, and nobody else waits.
@Suite("Reconnects per participant")
struct JoinPacingLiveTests {
    @Test func aHelloBeyondTheLimitWaitsForItsTurnWhileOthersJoinAtOnce() async throws {
        let log = AwaitableLog<String>(name: "daemon log")
        let sink = DaemonLogHandler.Sink { log.append($0) }
        let logger = Logger(label: "test.sessions") {
            DaemonLogHandler(label: $0, journal: true, control: LogLevelControl(level: .info), sink: sink)
        }
        var limits = LiveLimits()
        limits.reconnectsPerMinute = 2
        let app = try await InProcessServer.start(limits: limits, logger: logger)
        let start = app.clock.now()
        let asha = try requireTokenValue(app.fixture.tokens["Asha"], "Asha")

        // Two joins at once are within the limit: welcomed, then closed.
        for _ in 0..<2 {
            let (client, welcome) = try await app.join("Asha")
            #expect(welcome.type == "welcome")
            client.disconnect()
        }
        // The third is held until a minute ÷ 2 after the first, not refused.
        let held = try await ProtocolClient.connect(port: app.port)
        defer { held.disconnect() }
        try await held.sendJSON(["type": "hello", "token": asha])
        try await FullDiskSessions.waitUntil("the third hello waits for its turn") {
            app.clock.earliestDeadline == start.adding(seconds: 30)
        }
        // Someone else joins at once meanwhile.
        let (ben, benWelcome) = try await app.join("Ben")
        defer { ben.disconnect() }
        #expect(benWelcome.type == "welcome")

        app.clock.advance(to: start.adding(seconds: 30))
        let welcome = try await held.message("welcome")
        #expect((welcome.object["you"] as? [String: Any])?["name"] as? String == "Asha")
        let warnings = log.entries.filter { $0.contains("a participant joins more often than reconnects_per_minute") }
        #expect(warnings.count == 1, "\(log.entries)")
        #expect(warnings.first?.hasPrefix("<4>") == true && warnings.first?.contains("limit=2") == true, "\(warnings)")
        #expect(!(warnings.first ?? "").contains(asha), "the token never reaches the log")
        await app.stop()
    }
}
