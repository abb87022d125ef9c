import Foundation
import ReviewRoomCore
import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import Testing

@Suite("Live sessions in process: timers, revocation, deletion")
struct InProcessTests {
    @Test func timersFireOnTheInjectedClock() async throws {
        let app = try await InProcessServer.start()
        let (fay, _) = try await app.join("Fay")
        defer { fay.disconnect() }
        #expect(try await fay.request("session.start").seq == 1)
        let t0 = app.clock.now()
        app.clock.advance(to: t0.adding(seconds: 60))
        let warning = try await fay.event("clock.warning")
        #expect(warning.data["phase"] as? Int == 0)
        app.clock.advance(to: t0.adding(seconds: 120))
        let timeUp = try await fay.event("clock.timeUp")
        #expect(timeUp.seq == 3)
        await app.stop()
    }

    @Test func aDeadlinePassedWhileDownFiresOnceAtLoad() async throws {
        let first = try await InProcessServer.start()
        let (fay, _) = try await first.join("Fay")
        #expect(try await fay.request("session.start").seq == 1)
        fay.disconnect()
        let t0 = first.clock.now()
        await first.stop()

        let clock = ManualSessionClock(start: t0.adding(seconds: 500))
        let second = try await InProcessServer.start(data: first.dataDirectory, fixture: first.fixture, clock: clock)
        // Start-up scan loads the session; its passed deadlines fire at once.
        await second.registry.armPendingTimers()
        let (ben, welcome) = try await second.join("Ben")
        defer { ben.disconnect() }
        var seq = welcome.seq ?? 0
        if seq < 2 { seq = try await ben.event("clock.timeUp").seq ?? 0 }
        let events = try await second.store.events(of: first.fixture.session, after: 0)
        #expect(events.filter { $0.name == "clock.timeUp" }.count == 1)
        #expect(events.map(\.seq) == Array(1...Int64(events.count)))
        await second.stop()
    }

    @Test func phasesThatAdvancedWhileDownKeepTheirWallTimeScheduleAfterARestart() async throws {
        // The audit's agenda: 5 s and 8 s phases that advance, then 65 s.
        let agenda = [
            Phase(id: "a", title: "Warm-up", kind: .briefing, durationSec: 5, turnMode: .open, onTimeUp: .advance),
            Phase(id: "b", title: "Round", kind: .round, durationSec: 8, turnMode: .queue, onTimeUp: .advance),
            Phase(id: "c", title: "Discussion", kind: .discussion, durationSec: 65, turnMode: .open, onTimeUp: .overtime),
        ]
        let first = try await InProcessServer.start(agenda: agenda)
        let (fay, _) = try await first.join("Fay")
        #expect(try await fay.request("session.start").seq == 1)
        fay.disconnect()
        let t0 = first.clock.now()
        await first.stop()

        // Back 22 s later: phase 0 ended at +5 s, phase 1 at +13 s.
        let clock = ManualSessionClock(start: t0.adding(seconds: 22))
        let second = try await InProcessServer.start(data: first.dataDirectory, fixture: first.fixture, clock: clock)
        await second.registry.armPendingTimers()
        let (ben, welcome) = try await second.join("Ben")
        defer { ben.disconnect() }
        // Caught up in one go: two time-ups and phase moves, then phase 2's warning (56 s left).
        if (welcome.seq ?? 0) < 8 { _ = try await ben.event(seq: 8) }
        let events = try await second.store.events(of: first.fixture.session, after: 1)
        #expect(events.map(\.name) == ["clock.timeUp", "clock.changed", "floor.changed",
                                       "clock.timeUp", "clock.changed", "floor.changed", "clock.warning"])
        #expect(events.allSatisfy { $0.at == t0.adding(seconds: 22) })
        let starts = try events.filter { $0.name == "clock.changed" }.map { record in
            let data = try #require(try JSONSerialization.jsonObject(with: Data(record.data.utf8)) as? [String: Any])
            return (data["clock"] as? [String: Any])?["phaseStartedAt"] as? String
        }
        #expect(starts == [t0.adding(seconds: 5).rfc3339, t0.adding(seconds: 13).rfc3339])
        // A fresh join sees phase 2 running since +13 s, 9 s in.
        let (hana, now) = try await second.join("Hana")
        defer { hana.disconnect() }
        let shown = (now.object["session"] as? [String: Any])?["clock"] as? [String: Any]
        #expect(shown?["phase"] as? Int == 2)
        #expect(shown?["phaseStartedAt"] as? String == t0.adding(seconds: 13).rfc3339)
        #expect(shown?["remainingSec"] as? Double == 56)
        await second.stop()
    }

    @Test func revokingClosesWith4003AndDeletingWith4004() async throws {
        let app = try await InProcessServer.start()
        let (asha, _) = try await app.join("Asha")
        let (ben, _) = try await app.join("Ben")
        let ashaID = try #require(app.fixture.participantIDs["Asha"])
        try await app.store.revokeParticipant(ParticipantID(ashaID), in: app.fixture.session)
        try await app.registry.removeParticipant(session: app.fixture.session, participant: ashaID, at: app.clock.now())
        #expect(try await asha.closed().closeCode == 4003)
        let changed = try await ben.event("participant.changed")
        let ids = (changed.data["participants"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(!ids.contains(ashaID))
        // The revoked token no longer joins.
        let again = try await ProtocolClient.connect(port: app.port)
        defer { again.disconnect() }
        _ = try await again.hello(token: app.fixture.tokens["Asha"] ?? "")
        #expect(try await again.closed().closeCode == 4001)

        try await app.registry.delete(session: app.fixture.session) { try await app.store.deleteSession(app.fixture.session) }
        #expect(try await ben.closed().closeCode == 4004)
        asha.disconnect()
        ben.disconnect()
        await app.stop()
    }

    @Test func aPatchIsRecordedAndBroadcast() async throws {
        let app = try await InProcessServer.start()
        let (fay, _) = try await app.join("Fay")
        defer { fay.disconnect() }
        let state = try await app.registry.edit(session: app.fixture.session, SessionEdit(title: "Renamed"), at: app.clock.now())
        #expect(state.info.title == "Renamed")
        let event = try await fay.event("session.changed")
        #expect(event.data["title"] as? String == "Renamed")
        #expect(try await app.store.session(app.fixture.session)?.definition.title == "Renamed")
        let unknown = await #expect(throws: CommandError.self) {
            _ = try await app.registry.edit(session: SessionID("s_nope"), SessionEdit(title: "x"), at: app.clock.now())
        }
        #expect(unknown?.code == .notFound)
        await app.stop()
    }

    @Test func notOpenAnswersWithOpensAtThenCloses1000() async throws {
        let app = try await InProcessServer.start()
        // Move the session's start far ahead of the manual clock.
        _ = try await app.registry.edit(session: app.fixture.session,
                                        SessionEdit(startsAt: app.clock.now().adding(seconds: 86_400)), at: app.clock.now())
        let client = try await ProtocolClient.connect(port: app.port)
        defer { client.disconnect() }
        let reply = try await client.hello(token: app.fixture.tokens["Asha"] ?? "")
        #expect(reply.code == "not_open")
        #expect(reply.object["opensAt"] is String)
        #expect(reply.object["timeZone"] is String)
        #expect(reply.object["title"] is String)
        #expect(try await client.closed().closeCode == 1000)
        await app.stop()
    }
}

@Suite("Live sessions in process: the room runs itself")
struct NobodyOnlineTests {
    @Test func aRoundMovesOnByItsTimerWithEveryoneDisconnected() async throws {
        let app = try await InProcessServer.start(agenda: [
            Phase(id: "round", title: "Round", kind: .discussion, durationSec: 600, turnMode: .round, onTimeUp: .overtime)])
        let asha = try #require(app.fixture.participantIDs["Asha"]), ben = try #require(app.fixture.participantIDs["Ben"])
        let (fay, welcome) = try await app.join("Fay")
        let epoch = try #require(welcome.object["epoch"] as? String)
        _ = try await fay.request("session.start")
        let started = try await fay.request("round.start", ["order": [asha, ben], "secondsEach": 30])
        let lastSeen = try #require(started.seq)
        fay.disconnect()
        // Nobody online: the turn still times out and the round moves on (a session with a
        // pending deadline stays loaded; one that passed while unloaded fires at the next load).
        let t0 = app.clock.now()
        app.clock.advance(to: t0.adding(seconds: 31))
        let back = try await ProtocolClient.connect(port: app.port)
        defer { back.disconnect() }
        let resumed = try await back.hello(token: try requireTokenValue(app.fixture.tokens["Fay"], "Fay"), resume: (epoch, lastSeen))
        #expect(resumed.type == "resumed")
        let timeUp = try await back.event("floor.timeUp", after: lastSeen)
        #expect(timeUp.data["participant"] as? String == asha)
        let next = try await back.event("floor.changed", after: timeUp.seq ?? lastSeen)
        #expect((next.data["floor"] as? [String: Any])?["speaker"] as? String == ben)
        await app.stop()
    }
}
