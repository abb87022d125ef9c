import Foundation
import ReviewRoomContent
import ReviewRoomCore
import ReviewRoomServer
import ReviewRoomTesting
import Testing

/// A whole *Rapid remote review (90 min)* run on the injected clock, as a facilitator would run
/// it on the day: overtime, a fire-alarm pause that stops a timed turn, an extension, daemon restarts (one
/// during the pause) with everyone resuming, a break that advances by itself, a round with a pass and a timeout, a
/// skipped phase, the end. Each step waits for what it caused, and the record must tell the
/// timings the script made (planned against actual, pauses left out, speaking time).
@Suite("A whole review, rehearsed on the injected clock")
struct ReviewRehearsalTests {
    /// The people of ``SessionFixture`` who take part: the facilitator and three speakers.
    private struct Room {
        var fay: ProtocolClient
        var hana: ProtocolClient
        var asha: ProtocolClient
        var ben: ProtocolClient
        var everyone: [ProtocolClient] { [fay, hana, asha, ben] }
        func disconnect() { everyone.forEach { $0.disconnect() } }
    }

    /// Run with the default snapshot interval (each restart replays the log) and with one every
    /// three events (each restart starts from a snapshot taken mid-pause or mid-turn).
    @Test(arguments: [2_000, 3])
    func aNinetyMinuteReviewRunsOnTimeThroughPausesAndRestarts(snapshotEveryEvents: Int) async throws {
        var limits = LiveLimits()
        limits.snapshotEveryEvents = snapshotEveryEvents
        let first = try await InProcessServer.start(agenda: AgendaTemplate.rapidRemote90.phases, limits: limits)
        let ids = first.fixture.participantIDs
        let (hanaID, ashaID, benID) = (try #require(ids["Hana"]), try #require(ids["Asha"]), try #require(ids["Ben"]))
        let t0 = InProcessServer.start.adding(seconds: 60) // the fixture's `startsAt`
        func at(_ seconds: Double) -> Timestamp { t0.adding(seconds: seconds) }
        first.clock.advance(to: at(0))
        var room = Room(fay: try await first.join("Fay").0, hana: try await first.join("Hana").0,
                        asha: try await first.join("Asha").0, ben: try await first.join("Ben").0)

        // Welcome (5 min, overtime): notes start, the warning and time-up come on time.
        try await expectAck(room.fay, "session.start")
        first.clock.advance(to: at(30))
        try await expectAck(room.asha, "note.edit", ["note": "evidence", "rev": 0, "opId": "a1", "op": ["Pupils read daily."]])
        // Ben typed on rev 0 too: his text is put after Asha's, which the server applied first.
        let late = try await room.ben.request("note.edit", ["note": "evidence", "rev": 0, "opId": "b1", "op": [" Library busy."]])
        #expect(late.object["rev"] as? Int == 2)
        first.clock.advance(to: at(240))
        #expect(try await timed("clock.warning", phase: 0, on: room.fay).data["remainingSec"] as? Double == 60)
        first.clock.advance(to: at(300))
        _ = try await timed("clock.timeUp", phase: 0, on: room.fay)
        first.clock.advance(to: at(330))
        try await expectAck(room.fay, "phase.next")

        // Host context (15 min, queue): Hana's 2-minute turn is a minute in when a 3-minute
        // pause stops it, the clock and the turn alike.
        first.clock.advance(to: at(340))
        try await expectAck(room.fay, "floor.grant", ["participant": hanaID, "turnSec": 120])
        first.clock.advance(to: at(400))
        try await expectAck(room.fay, "clock.pause")
        // The daemon restarts during the pause, after her turn would have ended on wall time
        // (460): the pause and the turn carry on.
        first.clock.advance(to: at(450))
        var server: InProcessServer
        (server, room) = try await restart(first, room, downUntil: at(500), limits: limits)
        server.clock.advance(to: at(580))
        let resumed = try await room.fay.request("clock.resume")
        // Her last minute runs from the resume.
        #expect(try await floor(after: resumed, on: room.fay)["turnEndsAt"] as? String == at(640).rfc3339)
        server.clock.advance(to: at(640))
        let turnUp = try await room.fay.event("floor.timeUp")
        #expect(turnUp.data["participant"] as? String == hanaID)
        #expect(turnUp.object["at"] as? String == at(640).rfc3339)
        server.clock.advance(to: at(650))
        try await expectAck(room.asha, "hand.raise", ["kind": "contribution"])
        server.clock.advance(to: at(655))
        try await expectAck(room.ben, "hand.raise", ["kind": "response"])
        server.clock.advance(to: at(660))
        let responseFirst = try await room.fay.request("floor.next", ["turnSec": 120])
        #expect(try await floor(after: responseFirst, on: room.fay)["speaker"] as? String == benID)
        server.clock.advance(to: at(700))
        try await expectAck(room.ben, "floor.release")
        server.clock.advance(to: at(710))
        try await expectAck(room.fay, "floor.next")
        server.clock.advance(to: at(770))
        try await expectAck(room.fay, "floor.release")
        server.clock.advance(to: at(800))
        try await expectAck(room.fay, "clock.extend", ["seconds": 120])

        // The daemon stops at 15:00 and is back 100 s later; everyone resumes where they were.
        server.clock.advance(to: at(900))
        (server, room) = try await restart(server, room, downUntil: at(1000), limits: limits)
        let (second, clock) = (server, server.clock)

        // Phase 1 ends 1,230 + 180 paused + 120 extended = 1,530 s in, with no drift.
        clock.advance(to: at(1470))
        #expect(try await timed("clock.warning", phase: 1, on: room.asha).object["at"] as? String == at(1470).rfc3339)
        clock.advance(to: at(1530))
        _ = try await timed("clock.timeUp", phase: 1, on: room.asha)
        clock.advance(to: at(1560))
        try await expectAck(room.fay, "phase.next")

        // Clarifying (10 min) left a minute early; evidence (20 min) with the questions.
        clock.advance(to: at(2100))
        try await expectAck(room.fay, "phase.next")
        clock.advance(to: at(2110))
        try await expectAck(room.fay, "prompt.show", ["prompt": "q1"])
        clock.advance(to: at(2200))
        try await expectAck(room.fay, "prompt.add", ["text": "How do pupils choose their books?"])
        clock.advance(to: at(2400))
        try await expectAck(room.fay, "prompt.discussed", ["prompt": "q1", "discussed": true])
        let text = try await room.hana.request("note.get", ["note": "evidence"])
        let noteRev = try #require((text.object["note"] as? [String: Any])?["rev"] as? Int)
        let length = try #require((text.object["note"] as? [String: Any])?["text"] as? String).utf16.count
        try await expectAck(room.hana, "note.edit", ["note": "evidence", "rev": noteRev, "opId": "h1", "op": [length, " Choice matters."]])
        clock.advance(to: at(3240))
        _ = try await timed("clock.warning", phase: 3, on: room.fay)
        clock.advance(to: at(3300))
        _ = try await timed("clock.timeUp", phase: 3, on: room.fay)
        clock.advance(to: at(3360))
        try await expectAck(room.fay, "phase.next")

        // The break (5 min) advances by itself at 3,660 s into the round phase.
        let breakStart = try #require(room.fay.events.last?.seq)
        clock.advance(to: at(3600))
        _ = try await timed("clock.warning", phase: 4, on: room.fay)
        clock.advance(to: at(3660))
        let advanced = try await room.fay.event("clock.changed", after: try await timed("clock.timeUp", phase: 4, on: room.fay).seq ?? 0)
        #expect((advanced.data["clock"] as? [String: Any])?["phase"] as? Int == 5)
        #expect((advanced.data["clock"] as? [String: Any])?["phaseStartedAt"] as? String == at(3660).rfc3339)

        // Reviewer reflections: a round of 2 minutes each; Asha runs out of time, Ben passes.
        clock.advance(to: at(3670))
        try await expectAck(room.fay, "round.start", ["order": [ashaID, benID, hanaID], "secondsEach": 120])
        clock.advance(to: at(3790))
        #expect(try await room.fay.event("floor.timeUp", after: breakStart).data["participant"] as? String == ashaID)
        clock.advance(to: at(3800))
        let passed = try await room.ben.request("round.pass")
        #expect(try await floor(after: passed, on: room.fay)["speaker"] as? String == hanaID)
        clock.advance(to: at(3920))
        let roundEnd = try await room.fay.event("floor.timeUp", after: passed.seq ?? 0)
        #expect(roundEnd.data["participant"] as? String == hanaID)

        // Coaching skipped; actions run 7 min; the close (a 3-minute round that advances) is
        // the last phase, so it runs on in overtime until the facilitator ends the review.
        clock.advance(to: at(4000))
        try await expectAck(room.fay, "phase.goto", ["index": 7])
        clock.advance(to: at(4430))
        try await expectAck(room.fay, "phase.next")
        clock.advance(to: at(4610))
        _ = try await timed("clock.timeUp", phase: 8, on: room.fay)
        clock.advance(to: at(4620))
        try await expectAck(room.fay, "session.end")
        #expect(try await room.asha.request("hand.raise", ["kind": "contribution"]).code == "session_ended")

        let record = try await jsonRecord(of: second)
        room.disconnect()
        await second.stop()

        let phases = try #require(record["agenda"] as? [[String: Any]])
        #expect(phases.map { $0["actualSec"] as? Double } == [330, 1050, 540, 1260, 300, 340, 0, 430, 190])
        let hostContext = try #require((phases[1]["runs"] as? [[String: Any]])?.first)
        #expect(hostContext["extendedSec"] as? Double == 120)
        #expect(hostContext["overtimeSec"] as? Double == 30)
        #expect(record["actualSec"] as? Double == 4440)
        #expect(record["plannedSec"] as? Double == 5400)
        let speaking = try #require((record["speaking"] as? [String: Any])?["people"] as? [[String: Any]])
        let seconds = Dictionary(uniqueKeysWithValues: speaking.compactMap { person in
            (person["id"] as? String).map { ($0, person["seconds"] as? Double ?? -1) }
        })
        // Hana: 340–660 less the 180 s pause, then her round turn; Asha: 710–770 and her round
        // turn; Ben: 660–700 and the 10 s before he passed.
        #expect(seconds[hanaID] == 260)
        #expect(seconds[ashaID] == 180)
        #expect(seconds[benID] == 50)
        let rounds = try #require(record["rounds"] as? [[String: Any]])
        #expect(rounds.count == 1)
        #expect(rounds.first?["reachedEnd"] as? Bool == true)
        #expect((rounds.first?["passed"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [benID])
        let questions = try #require(record["questions"] as? [[String: Any]])
        #expect(questions.map { $0["discussed"] as? Bool } == [true, false])
        let notes = try #require(record["notes"] as? [[String: Any]])
        #expect(notes.first?["text"] as? String == "Pupils read daily. Library busy. Choice matters.")
    }

    private func expectAck(_ client: ProtocolClient, _ type: String, _ fields: [String: Any] = [:],
                           sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let reply = try await client.request(type, fields)
        #expect(reply.type == "ack", "\(type): \(reply)", sourceLocation: sourceLocation)
    }

    /// The server-timed event `name` (`clock.warning`, `clock.timeUp`) of phase `phase`.
    private func timed(_ name: String, phase: Int, on client: ProtocolClient) async throws -> ProtocolMessage {
        try await client.message("event") { $0.name == name && $0.data["phase"] as? Int == phase }
    }

    /// The floor after the command acked by `ack`, from the `floor.changed` it caused.
    private func floor(after ack: ProtocolMessage, on client: ProtocolClient) async throws -> [String: Any] {
        let event = try await client.event(seq: try #require(ack.seq))
        #expect(event.name == "floor.changed")
        return try #require(event.data["floor"] as? [String: Any])
    }

    /// Stops `server` with everyone in `room` dropped, starts it again on the same data at
    /// `downUntil`, and has everyone resume from the last event they saw, which must be the
    /// session's current seq (nothing happens while the daemon is down).
    private func restart(_ server: InProcessServer, _ room: Room, downUntil: Timestamp,
                         limits: LiveLimits) async throws -> (InProcessServer, Room) {
        let seen = try #require(room.fay.events.last?.seq)
        room.disconnect()
        await server.stop()
        let next = try await InProcessServer.start(data: server.dataDirectory, fixture: server.fixture,
                                                   clock: ManualSessionClock(start: downUntil), limits: limits)
        if limits.snapshotEveryEvents < 10 {
            let snapshot = try await next.store.load(server.fixture.session)?.snapshot
            #expect((snapshot?.seq ?? 0) > seen - Int64(limits.snapshotEveryEvents), "loads from a recent snapshot")
        }
        await next.registry.armPendingTimers()
        let epoch = server.fixture.epoch
        let back = Room(fay: try await resume(next, "Fay", epoch, after: seen), hana: try await resume(next, "Hana", epoch, after: seen),
                        asha: try await resume(next, "Asha", epoch, after: seen), ben: try await resume(next, "Ben", epoch, after: seen))
        #expect(try await back.fay.request("ping").seq == seen, "nothing happened while the daemon was down")
        return (next, back)
    }

    private func resume(_ server: InProcessServer, _ name: String, _ epoch: String, after seq: Int64) async throws -> ProtocolClient {
        let client = try await ProtocolClient.connect(port: server.port)
        let reply = try await client.hello(token: try requireTokenValue(server.fixture.tokens[name], name), resume: (epoch, seq))
        #expect(reply.type == "resumed", "\(name): \(reply)")
        return client
    }

    private func jsonRecord(of server: InProcessServer) async throws -> [String: Any] {
        let input = try #require(try await server.registry.recordInput(session: server.fixture.session, at: server.clock.now()))
        let bytes = RecordRenderer.render(input, as: .json)
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }
}
